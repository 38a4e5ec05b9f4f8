using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Warta.Accounts;
using Warta.Network;

using Warta.Publishing;

namespace Warta.Newsroom;

/// <summary>`/redaksi/sindikasi?situs=slug`: an editor takes published stories from sister sites.</summary>
public sealed class SyndicationPageModel(Syndication syndication, ArticleWorkflow workflow, SiteDirectory sites) : PageModel
{
    [FromQuery(Name = "situs")] public string? SiteSlug { get; set; }
    [FromQuery(Name = "q")] public string? Query { get; set; }

    public SiteInfo Site { get; private set; } = null!;
    public IReadOnlyList<SyndicationCandidate> Candidates { get; private set; } = [];
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : Forbid();

    public async Task<IActionResult> OnPostTakeAsync(int articleId, int sectionId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken)) return Forbid();
        var result = await workflow.SyndicateAsync(User, articleId, Site.Id, sectionId, cancellationToken);
        if (result.Outcome == StepOutcome.Forbidden) return Forbid();
        if (result.Succeeded) return Redirect($"/redaksi/berita/{result.ArticleId}");
        Message = result.Message;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    public string SiteName(int siteId) => sites.FindById(siteId)?.Name ?? "";

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (sites.FindBySlug(SiteSlug ?? "") is not { } site || !User.Can(site.Id, StaffRole.Editor)) return false;
        Site = site;
        Candidates = await syndication.CandidatesAsync(site.Id, Query, cancellationToken);
        return true;
    }
}
