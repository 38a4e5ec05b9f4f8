using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Warta.Content;
using Warta.Network;

namespace Warta.Reading;

/// <summary>`/halaman/{slug}`: Redaksi, Pedoman Media Siber and the other pages a site keeps (docs/newsroom.md).</summary>
[OutputCache(PolicyName = ReaderPagePolicy.Name)]
public sealed class StaticPagePageModel(ReaderQueries queries) : PageModel
{
    public StaticPage Shown { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var site = HttpContext.Site();
        if (await queries.StaticPageAsync(site.Id, slug, cancellationToken) is not { } page) return NotFound();
        Shown = page;
        HttpContext.TagPage(PageCacheTags.StaticPage(page.Id));
        return Page();
    }
}
