using Warta.Content;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Warta.Network;

namespace Warta.Reading;

public sealed record SectionBlock(SectionInfo Section, IReadOnlyList<ArticleCard> Cards);

[OutputCache(PolicyName = ReaderPagePolicy.Name)]
public sealed class HomeModel(ReaderQueries queries) : PageModel
{
    public ArticleCard? TopStory { get; private set; }
    public IReadOnlyList<ArticleCard> Latest { get; private set; } = [];
    public IReadOnlyList<ArticleCard> Picks { get; private set; } = [];
    public IReadOnlyList<SectionBlock> Sections { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var site = HttpContext.Site();
        var latest = await queries.LatestAsync(site.Id, 11, cancellationToken);
        TopStory = latest.FirstOrDefault(c => c.Photo is not null) ?? latest.FirstOrDefault();
        Latest = latest.Where(c => c != TopStory).Take(10).ToList();
        Picks = await queries.PicksAsync(site.Id, 5, cancellationToken);

        var blocks = new List<SectionBlock>(site.Sections.Count);
        foreach (var section in site.Sections)
            blocks.Add(new SectionBlock(section, await queries.LatestInSectionAsync(section.Id, 4, cancellationToken)));
        Sections = blocks;

        HttpContext.TagPage(PageCacheTags.Home(site.Id));
        HttpContext.TagPage(latest.Concat(Picks).Concat(blocks.SelectMany(b => b.Cards)).Select(c => PageCacheTags.Article(c.Id)));
    }
}
