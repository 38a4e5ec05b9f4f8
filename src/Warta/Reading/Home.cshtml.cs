using Warta.Content;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Warta.Network;

namespace Warta.Reading;

public sealed record SectionBlock(SectionInfo Section, IReadOnlyList<ArticleCard> Cards);

/// <summary>
/// The headline and the Berita Utama beside it are the editors' choice while they have one (the newest
/// stories otherwise); then the latest, Berita Pilihan and the section blocks in the editors' order.
/// Each story appears once: a list skips what the lists filled before it already show.
/// </summary>
[OutputCache(PolicyName = ReaderPagePolicy.Name)]
public sealed class HomeModel(ReaderQueries queries, TimeProvider clock) : PageModel
{
    private const int TopCount = 5, LatestCount = 10, PicksCount = 5, BlockCount = 4;

    public ArticleCard? TopStory { get; private set; }
    public IReadOnlyList<ArticleCard> TopStories { get; private set; } = [];
    public IReadOnlyList<ArticleCard> Latest { get; private set; } = [];
    public IReadOnlyList<ArticleCard> Picks { get; private set; } = [];
    public IReadOnlyList<SectionBlock> Sections { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var site = HttpContext.Site();
        var now = clock.GetUtcNow();
        var shown = new Dictionary<int, ArticleCard>();
        List<ArticleCard> Unshown(IEnumerable<ArticleCard> cards, int count) => cards.Where(c => shown.TryAdd(c.Id, c)).Take(count).ToList();

        // Editors' choices are placed first, so the automatic lists give way to them, never the reverse.
        var chosen = Unshown(await queries.CuratedAsync(site.Id, HomeList.TopStories, now, TopCount, cancellationToken), TopCount);
        Picks = Unshown(await queries.CuratedAsync(site.Id, HomeList.Picks, now, HomeLists.MaxPicks, cancellationToken), PicksCount);
        var latest = await queries.LatestAsync(site.Id, TopCount + PicksCount + LatestCount, cancellationToken);
        TopStory = chosen.FirstOrDefault() ?? Unshown(latest.Where(c => c.Photo is not null).Concat(latest), 1).FirstOrDefault();
        TopStories = [.. chosen.Skip(1), .. Unshown(latest.Where(c => c.Photo is not null), TopCount - Math.Max(1, chosen.Count))];
        Latest = Unshown(latest, LatestCount);

        var blocks = new List<SectionBlock>();
        foreach (var sectionId in await queries.HomeBlocksAsync(site.Id, cancellationToken))
        {
            if (site.Sections.FirstOrDefault(s => s.Id == sectionId) is not { } section) continue;
            var cards = await queries.LatestInSectionAsync(section.Id, BlockCount + shown.Values.Count(c => c.SectionSlug == section.Slug), cancellationToken);
            blocks.Add(new SectionBlock(section, Unshown(cards, BlockCount)));
        }
        Sections = blocks;

        if (await queries.NextPinEndAsync(site.Id, now, cancellationToken) is { } pinEnds) HttpContext.ExpirePageWithin(pinEnds - now);
        HttpContext.TagPage(PageCacheTags.Home(site.Id));
        HttpContext.TagPage(shown.Keys.Select(PageCacheTags.Article));
    }
}
