using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Warta.Accounts;
using Warta.Content;
using Warta.Data;
using Warta.Network;
using Warta.Publishing;

namespace Warta.Newsroom;

/// <summary>
/// `/redaksi/utama?situs=slug` and `/redaksi/pilihan?situs=slug`: editors keep the home page's Berita
/// Utama (the headline first, each entry pinned for good or until a time) and Berita Pilihan, and on
/// the first page also order and hide the section blocks. One page for both lists: `utama` is the
/// same page on a second route (NewsroomServices).
/// </summary>
public sealed class PicksModel(HomeCuration curation, WartaDbContext db, SiteDirectory sites, TimeProvider clock) : PageModel
{
    public const string TopStoriesPath = "utama", PicksPath = "pilihan";

    public string ListPath => Request.Path.StartsWithSegments($"/redaksi/{TopStoriesPath}") ? TopStoriesPath : PicksPath;
    [FromQuery(Name = "situs")] public string? SiteSlug { get; set; }

    public HomeList List => ListPath == TopStoriesPath ? HomeList.TopStories : HomeList.Picks;
    public string Title => List == HomeList.TopStories ? "Berita Utama" : "Berita Pilihan";

    public SiteInfo Site { get; private set; } = null!;
    public IReadOnlyList<PickItem> Picks { get; private set; } = [];
    public IReadOnlyList<DeskItem> Candidates { get; private set; } = [];
    public IReadOnlyList<HomeBlockItem> Blocks { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : Forbid();

    public Task<IActionResult> OnPostAddAsync(int articleId, bool first, CancellationToken cancellationToken) =>
        ChangeAsync(site => curation.AddAsync(User, site.Id, List, articleId, first, cancellationToken),
            $"Paling banyak {HomeLists.Capacity(List)} berita di {Title}; hapus satu dulu.", cancellationToken);

    public Task<IActionResult> OnPostUpAsync(int articleId, CancellationToken cancellationToken) =>
        ChangeAsync(site => curation.MoveAsync(User, site.Id, List, articleId, -1, cancellationToken), null, cancellationToken);

    public Task<IActionResult> OnPostDownAsync(int articleId, CancellationToken cancellationToken) =>
        ChangeAsync(site => curation.MoveAsync(User, site.Id, List, articleId, +1, cancellationToken), null, cancellationToken);

    public Task<IActionResult> OnPostRemoveAsync(int articleId, CancellationToken cancellationToken) =>
        ChangeAsync(site => curation.RemoveAsync(User, site.Id, List, articleId, cancellationToken), null, cancellationToken);

    /// <summary>An empty time keeps the story until an editor removes it.</summary>
    public Task<IActionResult> OnPostPinAsync(int articleId, string? until, CancellationToken cancellationToken) =>
        ChangeAsync(site => TryReadPin(until, site.TimeZone, out var at) ? curation.PinAsync(User, site.Id, List, articleId, at, cancellationToken) : Task.FromResult(StepOutcome.Invalid),
            $"Sematkan sampai waktu yang akan datang, paling lama {HomeCuration.LongestPin.Days} hari dari sekarang, mis. 17-08-2026 21.00.", cancellationToken);

    /// <summary>The field holds local time in the site's zone; a year no browser offers is unreadable, not an instant to convert.</summary>
    private static bool TryReadPin(string? text, IndonesianTimeZone zone, out DateTimeOffset? at)
    {
        at = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!Schedule.TryReadLocal(text, out var local) || local.Year is < 2000 or > 9000) return false;
        at = new DateTimeOffset(local, zone.Offset());
        return true;
    }

    public Task<IActionResult> OnPostBlockUpAsync(int sectionId, CancellationToken cancellationToken) =>
        ChangeAsync(site => curation.MoveBlockAsync(User, site.Id, sectionId, -1, cancellationToken), null, cancellationToken);

    public Task<IActionResult> OnPostBlockDownAsync(int sectionId, CancellationToken cancellationToken) =>
        ChangeAsync(site => curation.MoveBlockAsync(User, site.Id, sectionId, +1, cancellationToken), null, cancellationToken);

    public Task<IActionResult> OnPostHideAsync(int sectionId, CancellationToken cancellationToken) =>
        ChangeAsync(site => curation.ShowBlockAsync(User, site.Id, sectionId, shown: false, cancellationToken), null, cancellationToken);

    public Task<IActionResult> OnPostShowAsync(int sectionId, CancellationToken cancellationToken) =>
        ChangeAsync(site => curation.ShowBlockAsync(User, site.Id, sectionId, shown: true, cancellationToken), null, cancellationToken);

    private async Task<IActionResult> ChangeAsync(Func<SiteInfo, Task<StepOutcome>> change, string? invalid, CancellationToken cancellationToken)
    {
        if (sites.FindBySlug(SiteSlug ?? "") is not { } site || !User.Can(site.Id, StaffRole.Editor)) return Forbid();
        Site = site;
        var outcome = await change(site);
        if (outcome == StepOutcome.Forbidden) return Forbid();
        if (outcome != StepOutcome.Ok)
        {
            await LoadAsync(cancellationToken);
            Message = outcome == StepOutcome.Invalid && invalid is not null ? invalid : "Berita atau rubrik itu tidak ada di situs ini.";
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        return Redirect($"/redaksi/{ListPath}?situs={site.Slug}");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (sites.FindBySlug(SiteSlug ?? "") is not { } site || !User.Can(site.Id, StaffRole.Editor)) return false;
        Site = site;
        Now = clock.GetUtcNow();
        Picks = await curation.ListAsync(site.Id, List, cancellationToken);
        if (List == HomeList.TopStories) Blocks = await curation.BlocksAsync(site.Id, cancellationToken);
        var chosen = Picks.Select(p => p.ArticleId).ToArray();
        Candidates = await db.Articles.AsNoTracking()
            .Where(a => a.SiteId == site.Id && a.Status == ArticleStatus.Published && !chosen.Contains(a.Id))
            .OrderByDescending(a => a.PublishedAt).Take(20)
            .Select(a => new DeskItem(a.Id, a.Headline, a.Status, a.PublishedAt)).ToListAsync(cancellationToken);
        return true;
    }
}
