using Warta.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Warta.Network;

namespace Warta.Reading;

[OutputCache(PolicyName = ReaderPagePolicy.Paged)]
public sealed class TagPageModel(ReaderQueries queries) : PageModel
{
    public TagRef Tag { get; private set; } = null!;
    public ListPage Listing { get; private set; } = null!;
    public ListHead Head { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (Request.PageNumber() is not { } page) return NotFound();
        var site = HttpContext.Site();
        if (await queries.FindTagAsync(site.Id, slug, cancellationToken) is not { } tag) return NotFound();
        Tag = tag;
        Listing = await queries.TagPageAsync(site.Id, tag.Id, page, cancellationToken);
        if (Listing.Items.Count == 0 && Listing.Page > 1) return NotFound();
        Head = new ListHead($"Berita {tag.Name}", $"Kumpulan berita tentang {tag.Name} di {site.Name}", site.Name, Request.Absolute($"/tag/{tag.Slug}"), Listing);
        HttpContext.TagPage(PageCacheTags.Tag(tag.Id));
        HttpContext.TagPage(Listing.Items.Select(c => PageCacheTags.Article(c.Id)));
        return Page();
    }
}
