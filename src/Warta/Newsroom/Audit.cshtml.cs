using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Warta.Accounts;
using Warta.Data;
using Warta.Network;

namespace Warta.Newsroom;

/// <summary>`/redaksi/audit`: network admins see everything; site admins see their sites' entries.</summary>
public sealed class AuditModel(WartaDbContext db, SiteDirectory sites) : PageModel
{
    public const int PageSize = 200;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public string SiteName(int? siteId) => siteId is { } id ? sites.FindById(id)?.Name ?? "" : "Jaringan";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var network = User.IsNetworkAdmin();
        var adminOf = sites.All.Where(s => User.Can(s.Id, StaffRole.SiteAdmin)).Select(s => (int?)s.Id).ToArray();
        if (!network && adminOf.Length == 0) return Forbid();
        var entries = db.Set<AuditEntry>().AsNoTracking();
        if (!network) entries = entries.Where(e => adminOf.Contains(e.SiteId));
        Entries = await entries.OrderByDescending(e => e.Id).Take(PageSize).ToListAsync(cancellationToken);
        return Page();
    }
}
