using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Warta.Content;
using Warta.Data;
using Warta.Network;

namespace Warta.Accounts;

public sealed record AccountResult(bool Succeeded, IReadOnlyList<string> Errors, bool Created)
{
    public static AccountResult Failed(params string[] errors) => new(false, errors, false);
}

/// <summary>A member of staff as the staff list shows them.</summary>
public sealed record StaffMember(int Id, string Email, string DisplayName, IReadOnlyList<SiteRole> Roles, DateTimeOffset? LastSignInAt, DateTimeOffset? DisabledAt);

/// <summary>
/// Adds staff, grants and revokes roles, switches accounts off and on; used by the `user` verbs and
/// the admin pages. <c>actor</c> null is the server's command line, which may do anything; a network
/// admin may manage anyone, a site admin only staff whose every role is on sites they administer.
/// </summary>
public sealed class StaffAccounts(UserManager<StaffUser> users, WartaDbContext db, People people, AuditLog audit, TimeProvider clock)
{
    public async Task<AccountResult> AddAsync(string email, string password, SiteInfo? site, StaffRole role, string? displayName = null)
    {
        if (role != StaffRole.NetworkAdmin && site is null)
            return AccountResult.Failed("Peran ini berlaku per situs: sebutkan --site <slug>.");

        var user = await users.FindByEmailAsync(email);
        var created = user is null;
        if (user is null)
        {
            user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName ?? email.Split('@')[0] };
            // A named account is a byline: "Penulis: Rica Agustina" links to the same person imports know.
            if (!string.IsNullOrWhiteSpace(displayName)) user.PersonId = (await people.FindOrCreateAsync(displayName, site?.Id, default)).Id;
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded) return new AccountResult(false, result.Errors.Select(Describe).ToList(), false);
        }

        var siteId = role == StaffRole.NetworkAdmin ? null : site?.Id;
        if (!await db.Set<SiteRole>().AnyAsync(r => r.UserId == user.Id && r.SiteId == siteId && r.Role == role))
        {
            db.Set<SiteRole>().Add(new SiteRole { UserId = user.Id, SiteId = siteId, Role = role });
            audit.Record(AuditActions.RoleGranted, null, siteId, subject: email, detail: StaffRoles.Label(role), actor: CommandLineActor);
            await db.SaveChangesAsync();
            // Roles live in the cookie: a new stamp makes every session pick up the change.
            await users.UpdateSecurityStampAsync(user);
        }
        return new AccountResult(true, [], created);
    }

    /// <summary>Staff with a role on the site (or everyone, for null), by email.</summary>
    public async Task<IReadOnlyList<StaffMember>> ListAsync(int? siteId, CancellationToken cancellationToken = default)
    {
        var accounts = await db.Users.AsNoTracking().Include(u => u.SiteRoles)
            .Where(u => siteId == null || u.SiteRoles.Any(r => r.SiteId == siteId || r.SiteId == null))
            .OrderBy(u => u.Email).ToListAsync(cancellationToken);
        return accounts.Select(u => new StaffMember(u.Id, u.Email ?? "", u.DisplayName,
            u.SiteRoles.OrderBy(r => r.SiteId).ThenByDescending(r => r.Role).ToList(), u.LastSignInAt, u.DisabledAt)).ToList();
    }

    /// <summary>
    /// Switches the account off: it cannot sign in, every session ends now (each newsroom request looks
    /// its session up) and its API tokens are refused from the next request. Nothing it wrote changes.
    /// </summary>
    public async Task<AccountResult> DisableAsync(ClaimsPrincipal? actor, string email, CancellationToken cancellationToken = default)
    {
        if (await ManageableAsync(actor, email, cancellationToken) is not { } user) return Refusal(actor, email);
        if (actor?.StaffId() == user.Id) return AccountResult.Failed("Anda tidak bisa menonaktifkan akun Anda sendiri.");
        if (user.DisabledAt is not null) return new AccountResult(true, [], false);
        user.DisabledAt = clock.GetUtcNow();
        await users.UpdateSecurityStampAsync(user);
        await StaffSessions.EndAllAsync(db, user.Id, cancellationToken);
        await audit.RecordNowAsync(AuditActions.AccountDisabled, actor, subject: email, actor: ActorFor(actor));
        return new AccountResult(true, [], false);
    }

    public async Task<AccountResult> EnableAsync(ClaimsPrincipal? actor, string email, CancellationToken cancellationToken = default)
    {
        if (await ManageableAsync(actor, email, cancellationToken) is not { } user) return Refusal(actor, email);
        if (user.DisabledAt is null) return new AccountResult(true, [], false);
        user.DisabledAt = null;
        await users.UpdateAsync(user);
        await users.ResetAccessFailedCountAsync(user);
        await audit.RecordNowAsync(AuditActions.AccountEnabled, actor, subject: email, actor: ActorFor(actor));
        return new AccountResult(true, [], false);
    }

    /// <summary>
    /// Takes a role away. API tokens lose it from the next request; signed-in sessions end at their
    /// next request (the stamp is renewed, see <see cref="StaffSessions"/>) and sign in again with what is left.
    /// </summary>
    public async Task<AccountResult> RevokeAsync(ClaimsPrincipal? actor, string email, SiteInfo? site, StaffRole role, CancellationToken cancellationToken = default)
    {
        if (role != StaffRole.NetworkAdmin && site is null) return AccountResult.Failed("Peran ini berlaku per situs: sebutkan --site <slug>.");
        if (role == StaffRole.NetworkAdmin && actor is not null && !actor.IsNetworkAdmin()) return AccountResult.Failed("Hanya admin jaringan yang bisa mencabut peran admin jaringan.");
        if (await ManageableAsync(actor, email, cancellationToken) is not { } user) return Refusal(actor, email);
        var siteId = role == StaffRole.NetworkAdmin ? null : site?.Id;
        var removed = await db.Set<SiteRole>().Where(r => r.UserId == user.Id && r.SiteId == siteId && r.Role == role).ExecuteDeleteAsync(cancellationToken);
        if (removed == 0) return AccountResult.Failed($"{email} tidak berperan {StaffRoles.Label(role)}{(site is null ? "" : $" di situs {site.Slug}")}.");
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordNowAsync(AuditActions.RoleRevoked, actor, siteId, subject: email, detail: StaffRoles.Label(role), actor: ActorFor(actor));
        return new AccountResult(true, [], false);
    }

    /// <summary>The account, when the actor may manage it; null when it does not exist or they may not.</summary>
    private async Task<StaffUser?> ManageableAsync(ClaimsPrincipal? actor, string email, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null || actor is null || actor.IsNetworkAdmin()) return user;
        var roles = await db.Set<SiteRole>().AsNoTracking().Where(r => r.UserId == user.Id).ToListAsync(cancellationToken);
        return MayManage(actor, roles) ? user : null;
    }

    /// <summary>Whether the actor may manage an account with these roles: a network admin anyone, a site admin staff only of sites they administer.</summary>
    public static bool MayManage(ClaimsPrincipal actor, IReadOnlyCollection<SiteRole> roles) =>
        actor.IsNetworkAdmin() || (roles.Count > 0 && roles.All(r => r.SiteId is { } siteId && actor.Can(siteId, StaffRole.SiteAdmin)));

    /// <summary>The same answer for an unknown account and one the actor may not see, so a site admin learns nothing of other sites.</summary>
    private static AccountResult Refusal(ClaimsPrincipal? actor, string email) =>
        AccountResult.Failed(actor is null ? $"Tidak ada pengguna dengan email {email}." : $"Tidak ada staf situs Anda dengan email {email}.");

    private static string? ActorFor(ClaimsPrincipal? actor) => actor is null ? CommandLineActor : null;

    /// <summary>The audit log's actor for changes made on the server's command line.</summary>
    public const string CommandLineActor = "baris perintah";

    /// <summary>Identity's messages are English; staff read Indonesian.</summary>
    private static string Describe(IdentityError error) => error.Code switch
    {
        nameof(IdentityErrorDescriber.PasswordTooShort) => "Kata sandi terlalu pendek: minimal 12 karakter.",
        nameof(IdentityErrorDescriber.PasswordRequiresDigit) => "Kata sandi harus memuat angka.",
        nameof(IdentityErrorDescriber.PasswordRequiresLower) => "Kata sandi harus memuat huruf kecil.",
        nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => "Kata sandi terlalu seragam: pakai lebih banyak karakter berbeda.",
        nameof(IdentityErrorDescriber.InvalidEmail) => "Alamat email tidak sah.",
        nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName) => "Email ini sudah dipakai.",
        _ => error.Description,
    };
}
