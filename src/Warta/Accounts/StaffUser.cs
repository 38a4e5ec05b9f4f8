using Microsoft.AspNetCore.Identity;

namespace Warta.Accounts;

/// <summary>A member of the newsroom. Readers have no accounts.</summary>
public sealed class StaffUser : IdentityUser<int>
{
    public string DisplayName { get; set; } = "";

    /// <summary>The byline this user writes under, when they write.</summary>
    public int? PersonId { get; set; }

    public List<SiteRole> SiteRoles { get; set; } = [];

    /// <summary>Set while the account is switched off: it cannot sign in, and its sessions and tokens are refused.</summary>
    public DateTimeOffset? DisabledAt { get; set; }

    public DateTimeOffset? LastSignInAt { get; set; }
}

/// <summary>Identity asks this before every sign-in; a disabled account is refused as "not allowed".</summary>
public sealed class EnabledAccounts : IUserConfirmation<StaffUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<StaffUser> manager, StaffUser user) => Task.FromResult(user.DisabledAt is null);
}

public enum StaffRole
{
    Writer = 1,
    Editor = 2,
    SiteAdmin = 3,

    /// <summary>Every site of the network, and the network's own settings.</summary>
    NetworkAdmin = 4,
}

/// <summary>A role on one site; a network admin's row has no site.</summary>
public sealed class SiteRole
{
    public int Id { get; set; }
    public int UserId { get; set; }
    public int? SiteId { get; set; }
    public StaffRole Role { get; set; }
}

public static class StaffRoles
{
    /// <summary>Names used on the command line and in the UI: writer, editor, site-admin, network-admin.</summary>
    public static bool TryParse(string text, out StaffRole role)
    {
        role = text.Trim().ToLowerInvariant() switch
        {
            "writer" or "penulis" => StaffRole.Writer,
            "editor" => StaffRole.Editor,
            "site-admin" => StaffRole.SiteAdmin,
            "network-admin" => StaffRole.NetworkAdmin,
            _ => 0,
        };
        return role != 0;
    }

    public static string Label(StaffRole role) => role switch
    {
        StaffRole.Writer => "Penulis",
        StaffRole.Editor => "Editor",
        StaffRole.SiteAdmin => "Admin situs",
        StaffRole.NetworkAdmin => "Admin jaringan",
        _ => role.ToString(),
    };
}
