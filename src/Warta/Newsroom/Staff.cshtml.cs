using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Warta.Accounts;
using Warta.Network;

namespace Warta.Newsroom;

/// <summary>`/redaksi/staf`: the staff of the sites a site admin runs (every site, for network admins); accounts switched off and on.</summary>
public sealed class StaffModel(StaffAccounts accounts, SiteDirectory sites) : PageModel
{
    public IReadOnlyList<StaffMember> Members { get; private set; } = [];
    public string? Message { get; private set; }

    public bool MayManage(StaffMember member) => member.Id != User.StaffId() && StaffAccounts.MayManage(User, member.Roles.ToList());

    public string RolesOf(StaffMember member) => member.Roles.Count == 0 ? "tanpa peran"
        : string.Join(", ", member.Roles.Select(r => r.SiteId is { } id ? $"{StaffRoles.Label(r.Role)} {sites.FindById(id)?.Name}" : StaffRoles.Label(r.Role)));

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : Forbid();

    public Task<IActionResult> OnPostDisableAsync(string? email, CancellationToken cancellationToken) =>
        ChangeAsync(() => accounts.DisableAsync(User, email ?? "", cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostEnableAsync(string? email, CancellationToken cancellationToken) =>
        ChangeAsync(() => accounts.EnableAsync(User, email ?? "", cancellationToken), cancellationToken);

    private async Task<IActionResult> ChangeAsync(Func<Task<AccountResult>> change, CancellationToken cancellationToken)
    {
        if (AdministeredSites() is null) return Forbid();
        var result = await change();
        if (result.Succeeded) return Redirect("/redaksi/staf");
        await LoadAsync(cancellationToken);
        Message = string.Join(" ", result.Errors);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>The sites whose staff the user sees; null when they administer none.</summary>
    private int[]? AdministeredSites()
    {
        var adminOf = sites.All.Where(s => User.Can(s.Id, StaffRole.SiteAdmin)).Select(s => s.Id).ToArray();
        return adminOf.Length == 0 ? null : adminOf;
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (AdministeredSites() is not { } adminOf) return false;
        var everyone = await accounts.ListAsync(null, cancellationToken);
        Members = User.IsNetworkAdmin() ? everyone : everyone.Where(m => m.Roles.Any(r => r.SiteId is { } id && adminOf.Contains(id))).ToList();
        return true;
    }
}
