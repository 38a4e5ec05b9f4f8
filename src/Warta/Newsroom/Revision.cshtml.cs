using DiffPlex.DiffBuilder.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Warta.Accounts;
using Warta.Content;
using Warta.Data;
using Warta.Network;

using Warta.Publishing;

namespace Warta.Newsroom;

/// <summary>`/redaksi/berita/{id}/revisi/{number}`: one revision against the story as it is now, and a way back to it.</summary>
public sealed class RevisionModel(WartaDbContext db, ArticleWorkflow workflow, SiteDirectory sites) : PageModel
{
    public SiteInfo Site { get; private set; } = null!;
    public Article Article { get; private set; } = null!;
    public ArticleRevision Revision { get; private set; } = null!;
    public SideBySideDiffModel Headline { get; private set; } = null!;
    public SideBySideDiffModel Summary { get; private set; } = null!;
    public SideBySideDiffModel Body { get; private set; } = null!;
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, int number, CancellationToken cancellationToken) =>
        await LoadAsync(id, number, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRestoreAsync(int id, int number, [FromForm] int version, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, number, cancellationToken)) return NotFound();
        var result = await workflow.RestoreAsync(User, id, version, number, cancellationToken);
        if (result.Outcome == StepOutcome.Forbidden) return Forbid();
        if (result.Succeeded) return Redirect($"/redaksi/berita/{id}");
        Message = result.Message;
        Response.StatusCode = result.HttpStatus;
        await LoadAsync(id, number, cancellationToken);
        return Page();
    }

    /// <summary>Anyone who may open the story may read its history; restoring goes through the workflow's rules.</summary>
    private async Task<bool> LoadAsync(int id, int number, CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        var revision = await db.ArticleRevisions.AsNoTracking().SingleOrDefaultAsync(r => r.ArticleId == id && r.Number == number, cancellationToken);
        if (article is null || revision is null || sites.FindById(article.SiteId) is not { } site) return false;
        if (!StoryAccess.MayOpen(User, site.Id, article.CreatedById)) return false;
        (Site, Article, Revision) = (site, article, revision);
        Headline = RevisionDiff.Compare(revision.Headline, article.Headline);
        Summary = RevisionDiff.Compare(revision.Summary, article.Summary);
        Body = RevisionDiff.Compare(RevisionDiff.BodyText(revision.BodyHtml), RevisionDiff.BodyText(article.BodyHtml));
        return true;
    }
}
