using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Warta.Accounts;
using Warta.Data;
using Warta.Live;
using Warta.Network;
using Warta.Publishing;

namespace Warta.Newsroom;

/// <summary>`/redaksi/live?situs=slug`: the site's live reports; editors open new ones.</summary>
public sealed class LiveReportsModel(WartaDbContext db, LiveDesk desk, SiteDirectory sites) : PageModel
{
    [FromQuery(Name = "situs")] public string? SiteSlug { get; set; }
    [BindProperty] public string? Headline { get; set; }
    [BindProperty] public string? Summary { get; set; }

    public SiteInfo Site { get; private set; } = null!;
    public IReadOnlyList<LiveReport> Reports { get; private set; } = [];
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : Forbid();

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken)) return Forbid();
        var result = await desk.CreateAsync(User, Site.Id, Headline ?? "", Summary ?? "", cancellationToken);
        if (result.Outcome == StepOutcome.Forbidden) return Forbid();
        if (result.Succeeded) return Redirect($"/redaksi/live/{result.ReportId}");
        Message = result.Message;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (sites.FindBySlug(SiteSlug ?? "") is not { } site || !User.Can(site.Id, StaffRole.Writer)) return false;
        Site = site;
        Reports = await db.LiveReports.AsNoTracking().Where(r => r.SiteId == site.Id)
            .OrderBy(r => r.Status).ThenByDescending(r => r.UpdatedAt).Take(50).ToListAsync(cancellationToken);
        return true;
    }
}
