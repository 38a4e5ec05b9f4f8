using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Warta.Data;

namespace Warta.Accounts;

/// <summary>
/// Roles travel in the sign-in cookie as claims "siteId:role" ("*:NetworkAdmin" for the network).
/// A role includes the ones below it on the same site: a site admin may do what an editor may.
/// </summary>
public static class StaffAccess
{
    public const string RoleClaim = "warta:role";
    public const string NameClaim = "warta:name";

    public static bool Can(this ClaimsPrincipal user, int siteId, StaffRole atLeast) =>
        user.FindAll(RoleClaim).Select(c => Parse(c.Value)).Any(r =>
            r.Role == StaffRole.NetworkAdmin || (r.SiteId == siteId && r.Role >= atLeast));

    public static bool IsNetworkAdmin(this ClaimsPrincipal user) =>
        user.FindAll(RoleClaim).Any(c => Parse(c.Value).Role == StaffRole.NetworkAdmin);

    public static IEnumerable<(int? SiteId, StaffRole Role)> Roles(this ClaimsPrincipal user) =>
        user.FindAll(RoleClaim).Select(c => Parse(c.Value));

    /// <summary>The staff account's id, or null for a visitor.</summary>
    public static int? StaffId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static string Claim(SiteRole role) => $"{(role.SiteId?.ToString() ?? "*")}:{role.Role}";

    private static (int? SiteId, StaffRole Role) Parse(string value)
    {
        var parts = value.Split(':', 2);
        var site = parts[0] == "*" ? (int?)null : int.Parse(parts[0]);
        return (site, Enum.Parse<StaffRole>(parts[1]));
    }
}

/// <summary>Puts the user's site roles and display name into the cookie at sign-in.</summary>
public sealed class StaffClaimsFactory(UserManager<StaffUser> users, IOptions<IdentityOptions> options, WartaDbContext db)
    : UserClaimsPrincipalFactory<StaffUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(StaffAccess.NameClaim, string.IsNullOrEmpty(user.DisplayName) ? user.Email ?? "" : user.DisplayName));
        var roles = await db.Set<SiteRole>().AsNoTracking().Where(r => r.UserId == user.Id).ToListAsync();
        foreach (var role in roles) identity.AddClaim(new Claim(StaffAccess.RoleClaim, StaffAccess.Claim(role)));
        return identity;
    }
}
