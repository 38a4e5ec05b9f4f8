using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Warta.Accounts;
using Warta.Content;
using Warta.Data;
using Warta.Network;
using Warta.Reading;

namespace Warta.Newsroom;

/// <summary>
/// Writing and moving one story: `/redaksi/berita/baru?situs=slug` starts one, `/redaksi/berita/{id}`
/// edits it. Every button is a workflow step with the same rules as the API.
/// </summary>
public sealed class EditorModel(WartaDbContext db, ArticleWorkflow workflow, SiteDirectory sites) : PageModel
{
    // Model binding turns empty fields into null, whatever the declared default.
    [BindProperty] public string? Headline { get; set; } = "";
    [BindProperty] public string? Summary { get; set; } = "";
    [BindProperty] public int SectionId { get; set; }
    [BindProperty] public string? Dateline { get; set; }
    [BindProperty] public string? BodyHtml { get; set; } = "";
    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? Comment { get; set; }

    /// <summary>Local time in the site's zone, as a datetime-local input sends it.</summary>
    [BindProperty] public DateTime? PublishAt { get; set; }

    public SiteInfo Site { get; private set; } = null!;
    public int? ArticleId { get; private set; }
    public ArticleStatus Status { get; private set; } = ArticleStatus.Draft;
    public string? ReturnComment { get; private set; }
    public string? PublicPath { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }
    public string? Message { get; private set; }
    public bool IsError { get; private set; }
    public IReadOnlyList<ArticleRevision> Revisions { get; private set; } = [];
    public bool IsEditor => User.Can(Site.Id, StaffRole.Editor);

    public async Task<IActionResult> OnGetAsync(int? id, [FromQuery(Name = "situs")] string? siteSlug, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            if (sites.FindBySlug(siteSlug ?? "") is not { } site || !User.Can(site.Id, StaffRole.Writer)) return Forbid();
            Site = site;
            SectionId = site.Sections.FirstOrDefault()?.Id ?? 0;
            return Page();
        }
        return await LoadAsync(id.Value, fillForm: true, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostCreateAsync([FromQuery(Name = "situs")] string? siteSlug, CancellationToken cancellationToken)
    {
        if (sites.FindBySlug(siteSlug ?? "") is not { } site) return NotFound();
        Site = site;
        var result = await workflow.CreateAsync(User, site.Id, Draft(), cancellationToken);
        if (result.Outcome == WorkflowOutcome.Forbidden) return Forbid();
        if (!result.Succeeded) return Show(result);
        return Redirect($"/redaksi/berita/{result.ArticleId}");
    }

    public Task<IActionResult> OnPostSaveAsync(int id, CancellationToken cancellationToken) =>
        StepAsync(id, "Tersimpan.", () => workflow.SaveAsync(User, id, Version, Draft(), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostSubmitAsync(int id, CancellationToken cancellationToken) =>
        StepAsync(id, "Diajukan ke editor.", async () =>
        {
            var saved = await workflow.SaveAsync(User, id, Version, Draft(), cancellationToken);
            return saved.Succeeded ? await workflow.SubmitAsync(User, id, saved.Version, cancellationToken) : saved;
        }, cancellationToken);

    public Task<IActionResult> OnPostReturnAsync(int id, CancellationToken cancellationToken) =>
        StepAsync(id, "Dikembalikan ke penulis.", () => workflow.ReturnAsync(User, id, Version, Comment ?? "", cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostPublishAsync(int id, CancellationToken cancellationToken) =>
        StepAsync(id, "Terbit.", async () =>
        {
            // Refused before the save it starts with, so a writer's attempt leaves no revision behind.
            if (!IsEditor) return new WorkflowResult(WorkflowOutcome.Forbidden, id, Message: Refusal.EditorsOnly.Message);
            var saved = await workflow.SaveAsync(User, id, Version, Draft(), cancellationToken);
            if (!saved.Succeeded) return saved;
            DateTimeOffset? at = PublishAt is { } local ? new DateTimeOffset(local, Site.TimeZone.Offset()) : null;
            return await workflow.PublishAsync(User, id, saved.Version, at, cancellationToken);
        }, cancellationToken);

    public Task<IActionResult> OnPostUnpublishAsync(int id, CancellationToken cancellationToken) =>
        StepAsync(id, "Ditarik dari situs.", () => workflow.UnpublishAsync(User, id, Version, cancellationToken), cancellationToken);

    private async Task<IActionResult> StepAsync(int id, string done, Func<Task<WorkflowResult>> step, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, fillForm: false, cancellationToken)) return NotFound();
        var result = await step();
        if (result.Outcome == WorkflowOutcome.Forbidden) return Forbid();
        if (result.Outcome == WorkflowOutcome.NotFound) return NotFound();
        if (!result.Succeeded)
        {
            Revisions = await RevisionsAsync(id, cancellationToken);
            return Show(result);
        }
        await LoadAsync(id, fillForm: true, cancellationToken);
        Message = done;
        return Page();
    }

    /// <summary>A refused or conflicting save shows the form again with what was typed, never reloaded over it.</summary>
    private IActionResult Show(WorkflowResult result)
    {
        Message = result.Message;
        IsError = true;
        if (result.Outcome == WorkflowOutcome.Conflict) Version = result.Version;
        Response.StatusCode = result.Outcome == WorkflowOutcome.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private ArticleDraft Draft() => new(Headline ?? "", Summary ?? "", SectionId, BodyHtml ?? "", Dateline);

    private async Task<bool> LoadAsync(int id, bool fillForm, CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsNoTracking().Include(a => a.Section).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (article is null || sites.FindById(article.SiteId) is not { } site || !User.Can(site.Id, StaffRole.Writer)) return false;
        Site = site;
        ArticleId = article.Id;
        Status = article.Status;
        ReturnComment = article.ReturnComment;
        PublishedAt = article.PublishedAt;
        PublicPath = article.Status == ArticleStatus.Published
            ? ArticleUrls.Path(article.Section!.Slug, article.PublishedAt!.Value, article.Slug, site.TimeZone) : null;
        Revisions = await RevisionsAsync(id, cancellationToken);
        if (fillForm)
        {
            (Headline, Summary, SectionId, Dateline, BodyHtml, Version) =
                (article.Headline, article.Summary, article.SectionId, article.Dateline, article.BodyHtml, article.Version);
        }
        return true;
    }

    private Task<List<ArticleRevision>> RevisionsAsync(int id, CancellationToken cancellationToken) =>
        db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == id).OrderByDescending(r => r.Number).Take(20).ToListAsync(cancellationToken);

    public static string StatusLabel(ArticleStatus status) => status switch
    {
        ArticleStatus.Draft => "Draf",
        ArticleStatus.Submitted => "Menunggu editor",
        ArticleStatus.Scheduled => "Terjadwal",
        ArticleStatus.Published => "Terbit",
        ArticleStatus.Unpublished => "Ditarik",
        _ => status.ToString(),
    };

    public static string RevisionLabel(string kind) => kind switch
    {
        "save" => "Disimpan",
        "submit" => "Diajukan",
        "return" => "Dikembalikan",
        "publish" => "Diterbitkan",
        "schedule" => "Dijadwalkan",
        "unpublish" => "Ditarik",
        "conflict" => "Bentrok (teks disimpan)",
        _ => kind,
    };
}
