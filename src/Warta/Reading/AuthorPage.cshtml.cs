using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Warta.Content;
using Warta.Network;

namespace Warta.Reading;

[OutputCache(PolicyName = ReaderPagePolicy.Paged)]
public sealed class AuthorPageModel(ReaderQueries queries) : PageModel
{
    public Person Person { get; private set; } = null!;
    public ListPage Listing { get; private set; } = null!;
    public ListHead Head { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (Request.PageNumber() is not { } page) return NotFound();
        var site = HttpContext.Site();
        if (await queries.FindPersonAsync(slug, cancellationToken) is not { } person) return NotFound();
        Person = person;
        Listing = await queries.AuthorPageAsync(site.Id, person.Id, page, cancellationToken);
        if (Listing.Items.Count == 0 && Listing.Page > 1) return NotFound();
        Head = new ListHead(person.Name, $"Berita oleh {person.Name} di {site.Name}", site.Name, Request.Absolute($"/penulis/{person.Slug}"), Listing);
        HttpContext.TagPage(PageCacheTags.Author(site.Id, person.Id));
        HttpContext.TagPage(Listing.Items.Select(c => PageCacheTags.Article(c.Id)));
        return Page();
    }
}
