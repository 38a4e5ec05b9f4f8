using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Warta.Accounts;
using Warta.Network;

namespace Warta.Newsroom;

/// <summary>`/redaksi/jaringan`: the network's sites, for network admins.</summary>
public sealed class NetworkModel(SiteDirectory sites) : PageModel
{
    public IReadOnlyList<SiteInfo> Sites { get; private set; } = [];

    public IActionResult OnGet()
    {
        if (!User.IsNetworkAdmin()) return Forbid();
        Sites = sites.All;
        return Page();
    }
}
