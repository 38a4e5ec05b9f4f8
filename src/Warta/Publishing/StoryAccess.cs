using System.Security.Claims;
using Warta.Accounts;

namespace Warta.Publishing;

/// <summary>
/// Who may open a story in the newsroom, its preview and its history, through the pages and the API
/// alike. Editors and admins act on every story of their site; writers only on their own. A story
/// someone may not open is not there for them (404), so ids of other desks' stories reveal nothing.
/// </summary>
public static class StoryAccess
{
    /// <summary>The role the user acts in on this story, or null when they may not open it.</summary>
    public static StaffRole? RoleOn(ClaimsPrincipal user, int siteId, int? createdById)
    {
        if (user.Can(siteId, StaffRole.Editor))
            return user.Can(siteId, StaffRole.SiteAdmin) ? StaffRole.SiteAdmin : StaffRole.Editor;
        return user.Can(siteId, StaffRole.Writer) && createdById is not null && createdById == user.StaffId() ? StaffRole.Writer : null;
    }

    public static bool MayOpen(ClaimsPrincipal user, int siteId, int? createdById) => RoleOn(user, siteId, createdById) is not null;
}
