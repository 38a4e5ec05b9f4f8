using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Warta.Data;

namespace Warta.Accounts;

/// <summary>
/// Every sign-in is a row in Identity's user-token table (provider <see cref="Provider"/>, named by a
/// random id the cookie carries), and every newsroom request looks its row up. "Keluar" deletes this
/// device's row, so a copy of its cookie is refused at once while other devices stay signed in;
/// "keluar dari semua perangkat" deletes them all. The row is read with the account's security stamp,
/// so a change that renews it (a role revoked, the account disabled) ends every session at once.
/// </summary>
public static class StaffSessions
{
    public const string Provider = "warta:session";
    public const string SessionClaim = "warta:session";

    public static void Track(CookieAuthenticationOptions cookie)
    {
        var stampCheck = cookie.Events.OnValidatePrincipal;
        cookie.Events.OnSigningIn = StartAsync;
        cookie.Events.OnValidatePrincipal = async context =>
        {
            if (await IsOpenAsync(context)) await stampCheck(context);
        };
        cookie.Events.OnCheckSlidingExpiration = ExtendAsync;
        cookie.Events.OnSigningOut = EndAsync;
    }

    /// <summary>A principal rebuilt after a security-stamp check is still the same session.</summary>
    public static Task KeepOnRefresh(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal?.FindFirst(SessionClaim) is { } session && context.NewPrincipal?.Identity is ClaimsIdentity identity
            && !identity.HasClaim(c => c.Type == SessionClaim))
            identity.AddClaim(new Claim(SessionClaim, session.Value));
        return Task.CompletedTask;
    }

    public static Task EndAllAsync(WartaDbContext db, int userId, CancellationToken cancellationToken = default) =>
        db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == Provider).ExecuteDeleteAsync(cancellationToken);

    private static async Task StartAsync(CookieSigningInContext context)
    {
        if (context.Principal?.Identity is not ClaimsIdentity identity || context.Principal.StaffId() is not { } userId) return;
        var db = context.HttpContext.RequestServices.GetRequiredService<WartaDbContext>();
        var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        // A sign-in on a device that was signed in replaces that session; expired ones of the
        // account go too, so the table holds about one row per device.
        var replaced = context.HttpContext.User.FindFirstValue(SessionClaim);
        var stale = await db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == Provider).ToListAsync(context.HttpContext.RequestAborted);
        db.UserTokens.RemoveRange(stale.Where(t => t.Name == replaced || Until(t) < now));

        foreach (var old in identity.FindAll(SessionClaim).ToList()) identity.RemoveClaim(old);
        var session = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        identity.AddClaim(new Claim(SessionClaim, session));
        db.UserTokens.Add(new IdentityUserToken<int>
        {
            UserId = userId,
            LoginProvider = Provider,
            Name = session,
            Value = Format(context.Properties.ExpiresUtc ?? now + context.Options.ExpireTimeSpan),
        });
        await db.SaveChangesAsync(context.HttpContext.RequestAborted);
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.LastSignInAt, now), context.HttpContext.RequestAborted);
    }

    private static async Task<bool> IsOpenAsync(CookieValidatePrincipalContext context)
    {
        var userId = context.Principal?.StaffId();
        var session = context.Principal?.FindFirstValue(SessionClaim);
        var services = context.HttpContext.RequestServices;
        var stamp = context.Principal?.FindFirstValue(services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType);
        var db = services.GetRequiredService<WartaDbContext>();
        // The same primary-key lookup, joined to the account: a renewed stamp (a role taken away, the
        // account switched off) ends the session on this request, not at the next interval's check.
        if (userId is not null && session is not null
            && await (from token in db.UserTokens
                      join user in db.Users on token.UserId equals user.Id
                      where token.UserId == userId && token.LoginProvider == Provider && token.Name == session && user.SecurityStamp == stamp
                      select token).AnyAsync(context.HttpContext.RequestAborted))
            return true;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(context.Scheme.Name);
        return false;
    }

    private static async Task ExtendAsync(CookieSlidingExpirationContext context)
    {
        if (!context.ShouldRenew || context.Principal?.StaffId() is not { } userId || context.Principal.FindFirstValue(SessionClaim) is not { } session) return;
        var db = context.HttpContext.RequestServices.GetRequiredService<WartaDbContext>();
        var until = Format(context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow() + context.Options.ExpireTimeSpan);
        await db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == Provider && t.Name == session)
            .ExecuteUpdateAsync(row => row.SetProperty(t => t.Value, until), context.HttpContext.RequestAborted);
    }

    /// <summary>Runs for every sign-out of the request's own user; a refused cookie has no user and no row left.</summary>
    private static async Task EndAsync(CookieSigningOutContext context)
    {
        var user = context.HttpContext.User;
        if (user.StaffId() is not { } userId || user.FindFirstValue(SessionClaim) is not { } session) return;
        var db = context.HttpContext.RequestServices.GetRequiredService<WartaDbContext>();
        await db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == Provider && t.Name == session).ExecuteDeleteAsync();
    }

    private static string Format(DateTimeOffset until) => until.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Until(IdentityUserToken<int> row) =>
        DateTimeOffset.TryParse(row.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var until) ? until : DateTimeOffset.MinValue;
}
