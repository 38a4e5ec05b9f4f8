using Warta.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Warta.Network;

namespace Warta.Reading;

[OutputCache(PolicyName = ReaderPagePolicy.Paged)]
public sealed class SectionPageModel(ReaderQueries queries) : PageModel
{
    public SectionInfo Section { get; private set; } = null!;
    public ListPage Listing { get; private set; } = null!;
    public ListHead Head { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string section, CancellationToken cancellationToken)
    {
        if (Request.PageNumber() is not { } page) return NotFound();
        var site = HttpContext.Site();
        if (site.FindSection(section) is not { } found) return NotFound();
        Section = found;
        Listing = await queries.SectionPageAsync(found.Id, page, cancellationToken);
        if (Listing.Items.Count == 0 && Listing.Page > 1) return NotFound();
        Head = new ListHead(found.Name, $"Berita {found.Name} terbaru dari {site.Name}", site.Name, Request.Absolute($"/{found.Slug}"), Listing);
        HttpContext.TagPage(PageCacheTags.Section(found.Id));
        HttpContext.TagPage(Listing.Items.Select(c => PageCacheTags.Article(c.Id)));
        return Page();
    }
}
