using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Warta.Accounts;
using Warta.Administration;
using Warta.Network;
using Warta.Publishing;

namespace Warta.Newsroom;

/// <summary>`/redaksi/halaman?situs=slug` and `/redaksi/halaman/{page}?situs=slug`: a site's admins keep its static pages.</summary>
public sealed class SitePagesPageModel(SitePages pages, SiteDirectory sites) : PageModel
{
    [FromQuery(Name = "situs")] public string? SiteSlug { get; set; }
    [FromRoute(Name = "halaman")] public string? PageSlug { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? BodyHtml { get; set; }

    public SiteInfo Site { get; private set; } = null!;
    public IReadOnlyList<StaticPageItem> Pages { get; private set; } = [];

    /// <summary>The page being edited, or null on the list.</summary>
    public StaticPageItem? Editing { get; private set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (sites.FindBySlug(SiteSlug ?? "") is not { } site || !User.Can(site.Id, StaffRole.SiteAdmin)) return Forbid();
        Site = site;
        Pages = await pages.ListAsync(site.Id, cancellationToken);
        if (PageSlug is null) return Page();
        if (Pages.FirstOrDefault(p => p.Slug == PageSlug) is not { } editing) return NotFound();
        Editing = editing;
        Title = editing.Title;
        BodyHtml = editing.BodyHtml;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (sites.FindBySlug(SiteSlug ?? "") is not { } site || !User.Can(site.Id, StaffRole.SiteAdmin)) return Forbid();
        var result = await pages.SaveAsync(User, site.Id, PageSlug ?? "", Title, BodyHtml, cancellationToken);
        if (result.Outcome == StepOutcome.Forbidden) return Forbid();
        if (result.Outcome == StepOutcome.NotFound) return NotFound();
        if (result.Succeeded) return Redirect($"/redaksi/halaman?situs={site.Slug}");
        // The typed text stays in the form, with the reason it was not saved.
        Site = site;
        Pages = await pages.ListAsync(site.Id, cancellationToken);
        Editing = Pages.First(p => p.Slug == PageSlug);
        Message = result.Message;
        Response.StatusCode = result.Outcome.HttpStatus();
        return Page();
    }
}
