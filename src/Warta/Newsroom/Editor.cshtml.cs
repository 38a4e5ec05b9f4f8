using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Warta.Accounts;
using Warta.Content;
using Warta.Data;
using Warta.Media;
using Warta.Network;
using Warta.Publishing;
using Warta.Reading;

namespace Warta.Newsroom;

/// <summary>
/// Writing and moving one story: `/redaksi/berita?situs=slug` starts one, `/redaksi/berita/{id}`
/// edits it. Every button is a workflow step with the same rules as the API.
/// </summary>
public sealed class EditorModel(WartaDbContext db, ArticleWorkflow workflow, SiteDirectory sites, MediaLibrary media, MediaOptions mediaOptions, People people, PreviewLinks previews, TimeProvider clock) : PageModel
{
    // Model binding turns empty fields into null, whatever the declared default.
    [BindProperty] public string? Headline { get; set; } = "";
    [BindProperty] public string? Summary { get; set; } = "";
    [BindProperty] public int SectionId { get; set; }
    [BindProperty] public string? Dateline { get; set; }
    [BindProperty] public string? BodyHtml { get; set; } = "";
    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? Comment { get; set; }

    /// <summary>Comma-separated, as typed: "Pilkada 2026, Solo".</summary>
    [BindProperty] public string? Tags { get; set; }

    [BindProperty] public string? WriterName { get; set; }
    [BindProperty] public string? EditorName { get; set; }
    [BindProperty] public int? LeadMediaId { get; set; }

    /// <summary>Local time in the site's zone, as a datetime-local input sends it; read by <see cref="Schedule"/>, never bound loosely.</summary>
    [BindProperty] public string? PublishAt { get; set; }

    public SiteInfo Site { get; private set; } = null!;
    public int? ArticleId { get; private set; }
    public ArticleStatus Status { get; private set; } = ArticleStatus.Draft;
    public string? ReturnComment { get; private set; }
    public string? PublicPath { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }
    public string? Message { get; private set; }
    public bool IsError { get; private set; }
    public IReadOnlyList<ArticleRevision> Revisions { get; private set; } = [];
    public IReadOnlyList<string> PeopleNames { get; private set; } = [];

    /// <summary>For a syndicated copy: where it comes from ("WartaSolo.com").</summary>
    public string? CopyOf { get; private set; }

    /// <summary>For an origin: the sister sites showing it, and whether they still do.</summary>
    public IReadOnlyList<(string Site, ArticleStatus Status)> Copies { get; private set; } = [];
    public IReadOnlyList<MediaItem> Photos { get; private set; } = [];
    public bool IsEditor => User.Can(Site.Id, StaffRole.Editor);
    public long MaxUploadBytes => mediaOptions.MaxUploadBytes;

    public async Task<IActionResult> OnGetAsync(int? id, [FromQuery(Name = "situs")] string? siteSlug, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            if (sites.FindBySlug(siteSlug ?? "") is not { } site || !User.Can(site.Id, StaffRole.Writer)) return Forbid();
            Site = site;
            SectionId = site.Sections.FirstOrDefault()?.Id ?? 0;
            WriterName = (await people.OfStaffAsync(User.StaffId(), cancellationToken))?.Name ?? "";
            await LoadChoicesAsync(cancellationToken);
            return Page();
        }
        return await LoadAsync(id.Value, fillForm: true, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostCreateAsync([FromQuery(Name = "situs")] string? siteSlug, CancellationToken cancellationToken)
    {
        if (sites.FindBySlug(siteSlug ?? "") is not { } site) return NotFound();
        Site = site;
        var result = await workflow.CreateAsync(User, site.Id, Draft(), cancellationToken);
        if (result.Outcome == StepOutcome.Forbidden) return Forbid();
        if (!result.Succeeded)
        {
            await LoadChoicesAsync(cancellationToken);
            return Show(result);
        }
        return Redirect($"/redaksi/berita/{result.ArticleId}");
    }

    public Task<IActionResult> OnPostSaveAsync(int id, CancellationToken cancellationToken) =>
        StepAsync(id, "Tersimpan.", () => workflow.SaveAsync(User, id, Version, Draft(), cancellationToken), cancellationToken);

    /// <summary>The editor script's save while typing: JSON, never a page.</summary>
    public async Task<IActionResult> OnPostAutosaveAsync(int id, CancellationToken cancellationToken)
    {
        // The same answers as the page's own steps: a story you cannot open is not there; a refused one is denied.
        if (!await LoadAsync(id, fillForm: false, cancellationToken)) return NotFound();
        var result = await workflow.AutosaveAsync(User, id, Version, Draft(), cancellationToken);
        if (result.Outcome == StepOutcome.Forbidden) return Forbid();
        return new JsonResult(new { version = result.Version, message = result.Message ?? "Tersimpan otomatis." }) { StatusCode = result.HttpStatus };
    }

    /// <summary>"Baca juga" search as you type: published stories of the site whose headline contains the words.</summary>
    public async Task<IActionResult> OnGetCariAsync([FromQuery(Name = "situs")] string? siteSlug, [FromQuery(Name = "q")] string? query, CancellationToken cancellationToken)
    {
        if (sites.FindBySlug(siteSlug ?? "") is not { } site || !User.Can(site.Id, StaffRole.Writer)) return StatusCode(StatusCodes.Status403Forbidden);
        var term = (query ?? "").Trim().ToLower();
        if (term.Length < 2) return new JsonResult(Array.Empty<object>());
        var found = await db.Articles.AsNoTracking()
            .Where(a => a.SiteId == site.Id && a.Status == ArticleStatus.Published && a.Headline.ToLower().Contains(term))
            .OrderByDescending(a => a.PublishedAt).Take(8)
            .Select(a => new { a.Id, a.Headline, SectionSlug = a.Section!.Slug, PublishedAt = a.PublishedAt!.Value, a.Slug })
            .ToListAsync(cancellationToken);
        return new JsonResult(found.Select(a => new { a.Id, a.Headline, Url = ArticleUrls.Path(a.SectionSlug, a.PublishedAt, a.Slug, site.TimeZone) }));
    }

    /// <summary>Opens the story as readers would see it, on its own site's address.</summary>
    public async Task<IActionResult> OnGetPratinjauAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, fillForm: false, cancellationToken)) return NotFound();
        return Redirect(PublicOrigin.Link(Site, Request, sites, previews.PathFor(id)));
    }

    public Task<IActionResult> OnPostSubmitAsync(int id, CancellationToken cancellationToken) =>
        StepAsync(id, "Diajukan ke editor.", () => workflow.SubmitAsync(User, id, Version, Draft(), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostReturnAsync(int id, CancellationToken cancellationToken) =>
        StepAsync(id, "Dikembalikan ke penulis.", () => workflow.ReturnAsync(User, id, Version, Comment ?? "", cancellationToken), cancellationToken);

    /// <summary>Saves what is typed and publishes it (or schedules it, when a time is given) in one step.</summary>
    public async Task<IActionResult> OnPostPublishAsync(int id, CancellationToken cancellationToken)
    {
        var page = await StepAsync(id, "Terbit.", () =>
        {
            var schedule = Schedule.Parse(PublishAt, Site.TimeZone, clock.GetUtcNow());
            return schedule.Error is { } error
                ? Task.FromResult(new WorkflowResult(StepOutcome.Invalid, id, Version, error))
                : workflow.PublishAsync(User, id, Version, schedule.At, Draft(), cancellationToken);
        }, cancellationToken);
        // The same button schedules when a time is given: say which happened.
        if (!IsError && Status == ArticleStatus.Scheduled) Message = "Dijadwalkan.";
        return page;
    }

    public Task<IActionResult> OnPostWithdrawAsync(int id, CancellationToken cancellationToken) =>
        StepAsync(id, "Ditarik dari situs jaringan.", () => workflow.WithdrawCopiesAsync(User, id, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostUnpublishAsync(int id, CancellationToken cancellationToken) =>
        StepAsync(id, "Ditarik dari situs.", () => workflow.UnpublishAsync(User, id, Version, cancellationToken), cancellationToken);

    private async Task<IActionResult> StepAsync(int id, string done, Func<Task<WorkflowResult>> step, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, fillForm: false, cancellationToken)) return NotFound();
        var result = await step();
        if (result.Outcome == StepOutcome.Forbidden) return Forbid();
        if (result.Outcome == StepOutcome.NotFound) return NotFound();
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
        if (result.Outcome == StepOutcome.Conflict) Version = result.Version;
        Response.StatusCode = result.HttpStatus;
        return Page();
    }

    /// <summary>
    /// The form as a draft. A field the form sent empty clears it (model binding makes it null); a field
    /// it did not send at all stays as stored, as in the API.
    /// </summary>
    private ArticleDraft Draft()
    {
        bool Sent(string field) => Request.HasFormContentType && Request.Form.ContainsKey(field);
        string? Text(string field, string? value) => Sent(field) ? value ?? "" : null;
        return new(Text(nameof(Headline), Headline), Text(nameof(Summary), Summary), Sent(nameof(SectionId)) ? SectionId : null,
            Text(nameof(BodyHtml), BodyHtml), Text(nameof(Dateline), Dateline))
        {
            Tags = Sent(nameof(Tags)) ? (Tags ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : null,
            WriterName = Text(nameof(WriterName), WriterName),
            EditorName = Text(nameof(EditorName), EditorName),
            LeadMediaId = Sent(nameof(LeadMediaId)) ? LeadMediaId ?? 0 : null,
        };
    }

    private async Task LoadChoicesAsync(CancellationToken cancellationToken)
    {
        PeopleNames = await db.People.AsNoTracking().OrderBy(p => p.Name).Select(p => p.Name).Take(1000).ToListAsync(cancellationToken);
        var photos = await media.SearchAsync(Site.Id, null, 30, cancellationToken);
        if (LeadMediaId is > 0 and var lead && photos.All(p => p.Id != lead) && await media.FindAsync(lead, cancellationToken) is { } current)
            photos.Insert(0, current);
        Photos = photos;
    }

    private async Task<bool> LoadAsync(int id, bool fillForm, CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsNoTracking().Include(a => a.Section).Include(a => a.Writer).Include(a => a.Editor)
            .Include(a => a.Tags.OrderBy(t => t.Position)).ThenInclude(t => t.Tag)
            .SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (article is null || sites.FindById(article.SiteId) is not { } site || !StoryAccess.MayOpen(User, site.Id, article.CreatedById)) return false;
        Site = site;
        ArticleId = article.Id;
        Status = article.Status;
        ReturnComment = article.ReturnComment;
        PublishedAt = article.PublishedAt;
        PublicPath = article.Status == ArticleStatus.Published
            ? ArticleUrls.Path(article.Section!.Slug, article.PublishedAt!.Value, article.Slug, site.TimeZone) : null;
        Revisions = await RevisionsAsync(id, cancellationToken);
        CopyOf = article.OriginArticleId is null ? null : article.OriginSiteName;
        Copies = (await db.Articles.AsNoTracking().Where(a => a.OriginArticleId == id).Select(a => new { a.SiteId, a.Status }).ToListAsync(cancellationToken))
            .Select(c => (sites.FindById(c.SiteId)?.Name ?? "", c.Status)).ToList();
        if (fillForm)
        {
            (Headline, Summary, SectionId, Dateline, BodyHtml, Version) =
                (article.Headline, article.Summary, article.SectionId, article.Dateline, article.BodyHtml, article.Version);
            (Tags, WriterName, EditorName, LeadMediaId) =
                (string.Join(", ", article.Tags.Select(t => t.Tag!.Name)), article.Writer?.Name, article.Editor?.Name, article.LeadMediaId);
        }
        await LoadChoicesAsync(cancellationToken);
        return true;
    }

    private Task<List<ArticleRevision>> RevisionsAsync(int id, CancellationToken cancellationToken) =>
        db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == id).OrderByDescending(r => r.Number).Take(20).ToListAsync(cancellationToken);
}
