using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Warta.Accounts;
using Warta.Content;
using Warta.Data;
using Warta.Network;

using Warta.Publishing;

namespace Warta.Newsroom;

/// <summary>`/redaksi/pilihan?situs=slug`: editors order the site's Berita Pilihan.</summary>
public sealed class PicksModel(EditorsPicks picks, WartaDbContext db, SiteDirectory sites) : PageModel
{
    [FromQuery(Name = "situs")] public string? SiteSlug { get; set; }

    public SiteInfo Site { get; private set; } = null!;
    public IReadOnlyList<PickItem> Picks { get; private set; } = [];
    public IReadOnlyList<DeskItem> Candidates { get; private set; } = [];
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : Forbid();

    public Task<IActionResult> OnPostAddAsync(int articleId, CancellationToken cancellationToken) =>
        ChangeAsync(() => picks.AddAsync(User, Site.Id, articleId, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostUpAsync(int articleId, CancellationToken cancellationToken) =>
        ChangeAsync(() => picks.MoveAsync(User, Site.Id, articleId, -1, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostDownAsync(int articleId, CancellationToken cancellationToken) =>
        ChangeAsync(() => picks.MoveAsync(User, Site.Id, articleId, +1, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostRemoveAsync(int articleId, CancellationToken cancellationToken) =>
        ChangeAsync(() => picks.RemoveAsync(User, Site.Id, articleId, cancellationToken), cancellationToken);

    private async Task<IActionResult> ChangeAsync(Func<Task<StepOutcome>> change, CancellationToken cancellationToken)
    {
        if (sites.FindBySlug(SiteSlug ?? "") is not { } site || !User.Can(site.Id, StaffRole.Editor)) return Forbid();
        Site = site;
        var outcome = await change();
        if (outcome == StepOutcome.Forbidden) return Forbid();
        if (outcome != StepOutcome.Ok)
        {
            await LoadAsync(cancellationToken);
            Message = outcome == StepOutcome.Invalid
                ? $"Paling banyak {EditorsPicks.MaxPicks} berita pilihan; hapus satu dulu."
                : "Berita itu tidak terbit di situs ini.";
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        return Redirect($"/redaksi/pilihan?situs={site.Slug}");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (sites.FindBySlug(SiteSlug ?? "") is not { } site || !User.Can(site.Id, StaffRole.Editor)) return false;
        Site = site;
        Picks = await picks.ListAsync(site.Id, cancellationToken);
        var chosen = Picks.Select(p => p.ArticleId).ToArray();
        Candidates = await db.Articles.AsNoTracking()
            .Where(a => a.SiteId == site.Id && a.Status == ArticleStatus.Published && !chosen.Contains(a.Id))
            .OrderByDescending(a => a.PublishedAt).Take(20)
            .Select(a => new DeskItem(a.Id, a.Headline, a.Status, a.PublishedAt)).ToListAsync(cancellationToken);
        return true;
    }
}
