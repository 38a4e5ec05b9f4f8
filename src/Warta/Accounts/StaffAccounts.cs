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

/// <summary>Adds staff and grants roles; used by `user add` and later by the admin pages.</summary>
public sealed class StaffAccounts(UserManager<StaffUser> users, WartaDbContext db, People people, AuditLog audit)
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
