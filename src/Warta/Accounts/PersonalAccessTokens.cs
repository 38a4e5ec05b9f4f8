using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Warta.Data;

namespace Warta.Accounts;

/// <summary>
/// A personal access token for the API. Only its SHA-256 is stored: a token has 256 random bits, so a
/// fast hash is enough, and a stolen database does not yield usable tokens.
/// </summary>
public sealed class PersonalAccessToken
{
    public int Id { get; set; }
    public int UserId { get; set; }
    public required string Name { get; set; }

    /// <summary>The first characters, shown in lists and used to revoke.</summary>
    public required string Prefix { get; set; }

    public required byte[] Hash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

public sealed class PersonalAccessTokens(WartaDbContext db, UserManager<StaffUser> users, TimeProvider clock)
{
    public const string Scheme = "PersonalAccessToken";
    private const string TokenStart = "warta_";

    /// <summary>Makes a token for the user; the returned text is shown once and never stored.</summary>
    public async Task<(string Token, PersonalAccessToken Record)?> CreateAsync(string email, string name, CancellationToken cancellationToken = default)
    {
        if (await users.FindByEmailAsync(email) is not { } user) return null;
        var token = TokenStart + Base64Url(RandomNumberGenerator.GetBytes(32));
        var record = new PersonalAccessToken
        {
            UserId = user.Id, Name = name, Prefix = token[..(TokenStart.Length + 8)], Hash = HashOf(token), CreatedAt = clock.GetUtcNow(),
        };
        db.Set<PersonalAccessToken>().Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return (token, record);
    }

    public async Task<int> RevokeAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var tokens = await db.Set<PersonalAccessToken>().Where(t => t.Prefix == prefix && t.RevokedAt == null).ToListAsync(cancellationToken);
        foreach (var token in tokens) token.RevokedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return tokens.Count;
    }

    public async Task<StaffUser?> FindUserAsync(string token, CancellationToken cancellationToken)
    {
        if (!token.StartsWith(TokenStart, StringComparison.Ordinal)) return null;
        var hash = HashOf(token);
        var record = await db.Set<PersonalAccessToken>().FirstOrDefaultAsync(t => t.Hash == hash && t.RevokedAt == null, cancellationToken);
        if (record is null) return null;
        // "Last used" to the minute is enough to spot a forgotten token, and spares a write per request.
        var now = clock.GetUtcNow();
        if (record.LastUsedAt is not { } last || now - last > TimeSpan.FromMinutes(1))
        {
            record.LastUsedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }
        return await users.FindByIdAsync(record.UserId.ToString());
    }

    private static byte[] HashOf(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>
/// `Authorization: Bearer warta_...`. The principal is built by the same claims factory as the
/// sign-in cookie, so a token can do exactly what its owner's roles allow, as they are now.
/// </summary>
public sealed class PersonalAccessTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    PersonalAccessTokens tokens, IUserClaimsPrincipalFactory<StaffUser> principals, UserManager<StaffUser> users)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var user = await tokens.FindUserAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (user is null) return AuthenticateResult.Fail("The token is unknown or revoked.");
        if (user.DisabledAt is not null) return AuthenticateResult.Fail("The account is disabled.");
        if (await users.IsLockedOutAsync(user)) return AuthenticateResult.Fail("The account is locked.");
        var principal = await principals.CreateAsync(user);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(principal.Claims, PersonalAccessTokens.Scheme)), PersonalAccessTokens.Scheme));
    }
}
