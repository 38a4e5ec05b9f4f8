using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Warta.Accounts;
using Warta.Content;
using Warta.Data;
using Warta.Network;

namespace Warta.Newsroom;

/// <summary>
/// What a writer or editor sends when saving a story. Every field left null stays as it is stored (an
/// API client may send the headline only); empty means "none". Bylines are names, as printed
/// ("Penulis: Rica Agustina"); a new name becomes a person.
/// </summary>
public sealed record ArticleDraft(string? Headline, string? Summary, int? SectionId, string? BodyHtml, string? Dateline = null)
{
    public IReadOnlyList<string>? Tags { get; init; }
    public string? WriterName { get; init; }
    public string? EditorName { get; init; }
    public int? LeadMediaId { get; init; }

    /// <summary>The story's text as this draft leaves it: what it sends, and the stored value for what it leaves out.</summary>
    public StoryText Over(Article current) => new(
        Headline ?? current.Headline, Summary ?? current.Summary, SectionId ?? current.SectionId, BodyHtml ?? current.BodyHtml,
        Dateline ?? current.Dateline ?? "");
}

/// <summary>A draft's text fields with nothing left out.</summary>
public sealed record StoryText(string Headline, string Summary, int SectionId, string BodyHtml, string Dateline);

/// <summary>Why a step was refused; <see cref="Forbidden"/> when the role, not the state, is wrong.</summary>
public sealed record Refusal(string Message, bool Forbidden = false)
{
    public static readonly Refusal EditorsOnly = new("Langkah ini hanya untuk editor.", Forbidden: true);

    public static implicit operator Refusal(string message) => new(message);
}

public enum WorkflowOutcome
{
    Ok,
    NotFound,
    Forbidden,
    Invalid,
    Conflict,
}

/// <summary>
/// The result of a workflow step. A conflict carries the version now stored, and the text that lost
/// the race is kept as a revision, so nothing typed is lost.
/// </summary>
public sealed record WorkflowResult(WorkflowOutcome Outcome, int ArticleId = 0, int Version = 0, string? Message = null)
{
    public bool Succeeded => Outcome == WorkflowOutcome.Ok;

    /// <summary>The HTTP status a page or script answer carries for this outcome.</summary>
    public int HttpStatus => Outcome switch
    {
        WorkflowOutcome.Ok => StatusCodes.Status200OK,
        WorkflowOutcome.NotFound => StatusCodes.Status404NotFound,
        WorkflowOutcome.Forbidden => StatusCodes.Status403Forbidden,
        WorkflowOutcome.Conflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status422UnprocessableEntity,
    };
}

/// <summary>
/// draft -> submitted -> published (now or scheduled), or back to the writer with a comment; editors
/// may also update or unpublish. Writers work on their own stories; editors on every story of their
/// site. Every save is a revision. The same rules serve the newsroom pages and the API.
/// </summary>
public sealed class ArticleWorkflow(WartaDbContext db, Publishing publishing, ArticleHtml html, People people, Syndication syndication, SiteDirectory sites, AuditLog audit, TimeProvider clock)
{
    public async Task<WorkflowResult> CreateAsync(ClaimsPrincipal user, int siteId, ArticleDraft draft, CancellationToken cancellationToken = default)
    {
        if (!user.Can(siteId, StaffRole.Writer)) return Forbidden("Anda bukan anggota redaksi situs ini.");
        var userId = UserId(user);
        var article = new Article
        {
            SiteId = siteId,
            Slug = "",
            Headline = "",
            Status = ArticleStatus.Draft,
            CreatedAt = clock.GetUtcNow(),
            CreatedById = userId,
            WriterId = draft.WriterName is null ? (await people.OfStaffAsync(user.StaffId(), cancellationToken))?.Id : null,
        };
        await using var transaction = await publishing.BeginAsync(cancellationToken);
        if (await ApplyAsync(article, draft, cancellationToken) is { } invalid)
            return new WorkflowResult(WorkflowOutcome.Invalid, Message: invalid.Message);
        article.Slug = await SlugAllocator.UniqueOnSiteAsync(db, siteId, article.Headline, cancellationToken);
        db.Articles.Add(article);
        await db.SaveChangesAsync(cancellationToken);
        await AddRevisionAsync(article, userId, "save", null, cancellationToken);
        await publishing.CommitAsync(transaction, article, [], null, cancellationToken);
        return new WorkflowResult(WorkflowOutcome.Ok, article.Id, article.Version);
    }

    /// <summary>Saves the text of a story last read at <paramref name="expectedVersion"/>.</summary>
    public Task<WorkflowResult> SaveAsync(ClaimsPrincipal user, int articleId, int expectedVersion, ArticleDraft draft, CancellationToken cancellationToken = default) =>
        StepAsync(user, articleId, expectedVersion, "save", null, draft, Save(draft, cancellationToken), cancellationToken);

    /// <summary>
    /// The editor's save while typing. A story readers cannot see yet is saved as usual (its autosave
    /// revisions fold into one per person); a published or scheduled one is left as readers see it and
    /// the text is kept as that person's autosave revision, to restore or publish deliberately.
    /// </summary>
    public async Task<WorkflowResult> AutosaveAsync(ClaimsPrincipal user, int articleId, int expectedVersion, ArticleDraft draft, CancellationToken cancellationToken = default)
    {
        var article = await db.Articles.AsNoTracking().SingleOrDefaultAsync(a => a.Id == articleId, cancellationToken);
        if (article is null) return NotFound(articleId);
        if (article.Status is not (ArticleStatus.Published or ArticleStatus.Scheduled))
            return await StepAsync(user, articleId, expectedVersion, Autosave, null, draft, Save(draft, cancellationToken), cancellationToken);

        if (RoleOn(user, article) is null) return NotFound(articleId);
        if (article.Version != expectedVersion) return await ConflictAsync(user, article, draft, cancellationToken);
        if (await KeepTextAsync(article, draft, user, Autosave, cancellationToken) is { } refusal)
            return new WorkflowResult(WorkflowOutcome.Invalid, article.Id, article.Version, refusal);
        return new WorkflowResult(WorkflowOutcome.Ok, article.Id, article.Version, "Tersimpan otomatis sebagai revisi; pembaca belum melihatnya.");
    }

    public const string Autosave = "autosave";

    private Func<Article, StaffRole, Task<Refusal?>> Save(ArticleDraft draft, CancellationToken cancellationToken) => async (article, role) =>
    {
        if (article.Status is ArticleStatus.Published or ArticleStatus.Scheduled && role < StaffRole.Editor)
            return "Berita yang sudah terbit atau terjadwal hanya bisa diubah editor.";
        if (article.OriginArticleId is not null) return Syndication.CopyRefusal;
        if (await ApplyAsync(article, draft, cancellationToken) is { } invalid) return invalid;
        if (article.Status == ArticleStatus.Published) article.UpdatedAt = clock.GetUtcNow();
        return null;
    };

    /// <summary>Brings back the headline, summary and body of an earlier revision, as a new revision.</summary>
    public async Task<WorkflowResult> RestoreAsync(ClaimsPrincipal user, int articleId, int expectedVersion, int number, CancellationToken cancellationToken = default)
    {
        var revision = await db.ArticleRevisions.AsNoTracking().SingleOrDefaultAsync(r => r.ArticleId == articleId && r.Number == number, cancellationToken);
        if (revision is null) return new WorkflowResult(WorkflowOutcome.NotFound, articleId, Message: "Revisi tidak ditemukan.");
        return await StepAsync(user, articleId, expectedVersion, "restore", $"dari revisi #{number}", null, (article, role) =>
            Save(new ArticleDraft(revision.Headline, revision.Summary, null, revision.BodyHtml), cancellationToken)(article, role),
            cancellationToken);
    }

    public Task<WorkflowResult> SubmitAsync(ClaimsPrincipal user, int articleId, int expectedVersion, CancellationToken cancellationToken = default) =>
        StepAsync(user, articleId, expectedVersion, "submit", null, null, (article, _) =>
        {
            if (article.Status != ArticleStatus.Draft) return "Hanya draf yang bisa diajukan ke editor.";
            article.Status = ArticleStatus.Submitted;
            article.ReturnComment = null;
            return null;
        }, cancellationToken);

    public Task<WorkflowResult> ReturnAsync(ClaimsPrincipal user, int articleId, int expectedVersion, string comment, CancellationToken cancellationToken = default) =>
        StepAsync(user, articleId, expectedVersion, "return", comment, null, (article, role) =>
        {
            if (role < StaffRole.Editor) return Refusal.EditorsOnly;
            if (article.Status != ArticleStatus.Submitted) return "Hanya berita yang diajukan yang bisa dikembalikan.";
            if (string.IsNullOrWhiteSpace(comment)) return "Tulis catatan untuk penulis.";
            if (TextLimits.Check("Catatan", comment, TextLimits.Comment).FirstOrDefault() is { } tooLong) return tooLong;
            article.Status = ArticleStatus.Draft;
            article.ReturnComment = comment.Trim();
            return null;
        }, cancellationToken);

    /// <summary>Publishes now, or at <paramref name="at"/> when that is in the future.</summary>
    public Task<WorkflowResult> PublishAsync(ClaimsPrincipal user, int articleId, int expectedVersion, DateTimeOffset? at = null, CancellationToken cancellationToken = default) =>
        StepAsync(user, articleId, expectedVersion, at > clock.GetUtcNow() ? "schedule" : "publish", null, null, async (article, role) =>
        {
            if (role < StaffRole.Editor) return Refusal.EditorsOnly;
            if (article.Status == ArticleStatus.Published) return "Berita ini sudah terbit.";
            var now = clock.GetUtcNow();
            if (at is { } requested && Schedule.Check(requested, now, sites.FindById(article.SiteId)?.TimeZone ?? IndonesianTimeZone.Wib) is { } refused) return refused;
            var scheduled = at is { } when && when > now;
            article.Status = scheduled ? ArticleStatus.Scheduled : ArticleStatus.Published;
            article.PublishedAt = scheduled ? at!.Value.ToUniversalTime() : now;
            article.EditorId ??= (await people.OfStaffAsync(user.StaffId(), cancellationToken))?.Id;
            return null;
        }, cancellationToken);

    public Task<WorkflowResult> UnpublishAsync(ClaimsPrincipal user, int articleId, int expectedVersion, CancellationToken cancellationToken = default) =>
        StepAsync(user, articleId, expectedVersion, "unpublish", null, null, (article, role) =>
        {
            if (role < StaffRole.Editor) return Refusal.EditorsOnly;
            if (article.Status is not (ArticleStatus.Published or ArticleStatus.Scheduled)) return "Berita ini belum terbit.";
            article.Status = ArticleStatus.Unpublished;
            return null;
        }, cancellationToken);

    private Task<WorkflowResult> StepAsync(ClaimsPrincipal user, int articleId, int expectedVersion, string revisionKind, string? comment,
        ArticleDraft? draft, Func<Article, StaffRole, Refusal?> change, CancellationToken cancellationToken) =>
        StepAsync(user, articleId, expectedVersion, revisionKind, comment, draft, (article, role) => Task.FromResult(change(article, role)), cancellationToken);

    private async Task<WorkflowResult> StepAsync(ClaimsPrincipal user, int articleId, int expectedVersion, string revisionKind, string? comment,
        ArticleDraft? draft, Func<Article, StaffRole, Task<Refusal?>> change, CancellationToken cancellationToken)
    {
        await using var transaction = await publishing.BeginAsync(cancellationToken);
        var article = await db.Articles.Include(a => a.Tags).Include(a => a.RelatedLinks).AsSplitQuery()
            .SingleOrDefaultAsync(a => a.Id == articleId, cancellationToken);
        var role = article is null ? null : RoleOn(user, article);
        if (article is null || role is null) return NotFound(articleId);
        if (article.Version != expectedVersion)
        {
            await transaction.RollbackAsync(cancellationToken);
            return await ConflictAsync(user, article, draft, cancellationToken);
        }

        var wasVisible = article.Status == ArticleStatus.Published;
        var before = Publishing.TagsOf(article);
        if (await change(article, role.Value) is { } refusal)
            return new WorkflowResult(refusal.Forbidden ? WorkflowOutcome.Forbidden : WorkflowOutcome.Invalid, articleId, article.Version, refusal.Message);

        article.Version++;
        await AddRevisionAsync(article, UserId(user), revisionKind, comment, cancellationToken);
        if (AuditActionFor(revisionKind) is { } action)
            audit.Record(action, user, article.SiteId, $"artikel:{article.Id}", comment is null ? article.Headline : $"{article.Headline} — {comment}");
        var isVisible = article.Status == ArticleStatus.Published;
        var kind = (wasVisible, isVisible) switch
        {
            (false, true) => ChangeKinds.Published,
            (true, false) => ChangeKinds.Unpublished,
            (true, true) => ChangeKinds.Updated,
            _ => null,
        };
        await syndication.FollowAsync(article, kind, cancellationToken);
        try
        {
            await publishing.CommitAsync(transaction, article, before, kind, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another save committed between our read and our write: this one becomes a conflict. On
            // PostgreSQL the lost race can surface as the revision number already taken rather than as
            // the version; a failure that did not lose a race is rethrown.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            var current = await db.Articles.AsNoTracking().SingleAsync(a => a.Id == articleId, cancellationToken);
            if (current.Version == expectedVersion) throw;
            return await ConflictAsync(user, current, draft, cancellationToken);
        }
        return new WorkflowResult(WorkflowOutcome.Ok, article.Id, article.Version);
    }

    /// <summary>Runs after the step's transaction is rolled back, so the losing text is saved on its own.</summary>
    private async Task<WorkflowResult> ConflictAsync(ClaimsPrincipal user, Article current, ArticleDraft? draft, CancellationToken cancellationToken)
    {
        if (draft is not null)
        {
            db.ChangeTracker.Clear();
            if (await KeepTextAsync(current, draft, user, "conflict", cancellationToken) is { } refusal)
                return new WorkflowResult(WorkflowOutcome.Invalid, current.Id, current.Version, refusal);
        }
        return new WorkflowResult(WorkflowOutcome.Conflict, current.Id, current.Version,
            "Berita ini sudah diubah orang lain sejak Anda membukanya. Teks Anda disimpan sebagai revisi; bandingkan dan gabungkan.");
    }

    /// <summary>
    /// Stores typed text as a revision without touching the story (a lost race, an autosave of a published
    /// story); a body the sanitizer refuses is not kept, and the refusal is returned.
    /// </summary>
    private async Task<string?> KeepTextAsync(Article current, ArticleDraft draft, ClaimsPrincipal user, string kind, CancellationToken cancellationToken)
    {
        var text = draft.Over(current);
        var body = html.Sanitize(text.BodyHtml);
        if (body.Refusal is { } refusal) return BodyRefusal(refusal);
        await AddRevisionAsync(new Article { Id = current.Id, Slug = "", Headline = text.Headline, Summary = text.Summary, BodyHtml = body.Html },
            UserId(user), kind, null, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    private static string BodyRefusal(string refusal) => $"Isi berita ditolak: {refusal} Tidak ada yang disimpan.";

    private async Task AddRevisionAsync(Article article, int? userId, string kind, string? comment, CancellationToken cancellationToken)
    {
        var latest = await db.ArticleRevisions.Where(r => r.ArticleId == article.Id).OrderByDescending(r => r.Number).FirstOrDefaultAsync(cancellationToken);
        if (kind == Autosave && latest is { Kind: Autosave } && latest.UserId == userId)
        {
            // Typing produces an autosave every few seconds: one revision per stretch of typing, kept current.
            (latest.At, latest.Headline, latest.Summary, latest.BodyHtml) = (clock.GetUtcNow(), article.Headline, article.Summary, article.BodyHtml);
            return;
        }
        var last = latest?.Number ?? 0;
        db.ArticleRevisions.Add(new ArticleRevision
        {
            ArticleId = article.Id, Number = last + 1, UserId = userId, At = clock.GetUtcNow(), Kind = kind,
            Headline = article.Headline, Summary = article.Summary, BodyHtml = article.BodyHtml, Comment = comment,
        });
    }

    private static StaffRole? RoleOn(ClaimsPrincipal user, Article article) => StoryAccess.RoleOn(user, article.SiteId, article.CreatedById);

    /// <summary>
    /// Checks a draft and copies it onto the story. Tags and bylines are found or created before the
    /// story itself is touched, so their inserts never carry a half-changed story with them.
    /// </summary>
    private async Task<Refusal?> ApplyAsync(Article article, ArticleDraft draft, CancellationToken cancellationToken)
    {
        var text = draft.Over(article);
        var errors = new List<string>();
        var body = draft.BodyHtml is null ? null : html.Sanitize(draft.BodyHtml);
        if (body?.Refusal is { } refusal) errors.Add(BodyRefusal(refusal));
        if (string.IsNullOrWhiteSpace(text.Headline)) errors.Add("Judul wajib diisi.");
        errors.AddRange(TextLimits.Check("Judul", text.Headline, TextLimits.Headline));
        errors.AddRange(TextLimits.Check("Ringkasan", text.Summary, TextLimits.Summary));
        errors.AddRange(TextLimits.Check("Dateline", text.Dateline, TextLimits.Dateline));
        errors.AddRange(TextLimits.Check("Nama penulis", draft.WriterName, TextLimits.Name));
        errors.AddRange(TextLimits.Check("Nama editor", draft.EditorName, TextLimits.Name));
        if (sites.FindById(article.SiteId)?.Sections.Any(s => s.Id == text.SectionId) != true) errors.Add("Pilih rubrik situs ini.");
        var tagNames = (draft.Tags ?? []).Select(ArticleHtml.Normalize).Where(t => t.Length > 0).DistinctBy(Slugs.From).ToList();
        if (tagNames.Count > MaxTags) errors.Add($"Paling banyak {MaxTags} tag.");
        if (tagNames.Any(t => t.Length > TextLimits.Tag || Slugs.From(t).Length == 0 || TextLimits.HasControlCharacters(t)))
            errors.Add($"Tag paling panjang {TextLimits.Tag} karakter dan harus berisi huruf atau angka.");
        if (draft.LeadMediaId is > 0 and var mediaId && !await db.Media.AnyAsync(m => m.Id == mediaId && m.SiteId == article.SiteId, cancellationToken))
            errors.Add("Foto utama harus dari pustaka foto situs ini.");
        if (errors.Count > 0) return string.Join(" ", errors);

        var tagIds = new List<int>();
        foreach (var name in tagNames) tagIds.Add(await TagAllocator.IdOnSiteAsync(db, article.SiteId, name, cancellationToken));
        if (draft.WriterName is { } writer) article.WriterId = await PersonIdAsync(writer, article.SiteId, cancellationToken);
        if (draft.EditorName is { } editor) article.EditorId = await PersonIdAsync(editor, article.SiteId, cancellationToken);
        if (draft.LeadMediaId is { } lead) article.LeadMediaId = lead > 0 ? lead : null;

        article.Headline = text.Headline.Trim();
        article.Summary = text.Summary.Trim();
        article.SectionId = text.SectionId;
        article.Dateline = string.IsNullOrWhiteSpace(text.Dateline) ? null : text.Dateline.Trim();
        if (body is not null) article.BodyHtml = body.Html;
        await SetRelatedLinksAsync(article, cancellationToken);
        if (draft.Tags is not null) SetTags(article, tagIds);
        return null;
    }

    /// <summary>Keeps a row per "Baca juga" line, naming the story it points to on this site, so a renamed target can be found.</summary>
    private async Task SetRelatedLinksAsync(Article article, CancellationToken cancellationToken)
    {
        var links = ArticleHtml.BacaJugaLinks(article.BodyHtml);
        var slugs = links.Select(l => l.Url is { } url && url.StartsWith('/') ? url.TrimEnd('/').Split('/')[^1] : null).ToList();
        var wanted = slugs.OfType<string>().Distinct().ToArray();
        var targets = await db.Articles.AsNoTracking().Where(a => a.SiteId == article.SiteId && wanted.Contains(a.Slug))
            .Select(a => new { a.Slug, a.Id }).ToDictionaryAsync(a => a.Slug, a => a.Id, cancellationToken);
        article.RelatedLinks.Clear();
        for (var position = 0; position < links.Count; position++)
            article.RelatedLinks.Add(new RelatedLink
            {
                Position = position, Headline = links[position].Headline, Url = links[position].Url,
                TargetArticleId = slugs[position] is { } slug && targets.TryGetValue(slug, out var id) ? id : null,
            });
    }

    private static void SetTags(Article article, List<int> tagIds)
    {
        article.Tags.RemoveAll(t => !tagIds.Contains(t.TagId));
        for (var position = 0; position < tagIds.Count; position++)
        {
            var existing = article.Tags.Find(t => t.TagId == tagIds[position]);
            if (existing is null) article.Tags.Add(new ArticleTag { TagId = tagIds[position], Position = position });
            else existing.Position = position;
        }
    }

    public const int MaxTags = 10;

    private async Task<int?> PersonIdAsync(string name, int siteId, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(name) || Slugs.From(name).Length == 0 ? null : (await people.FindOrCreateAsync(ArticleHtml.Normalize(name), siteId, cancellationToken)).Id;

    /// <summary>Steps that change what readers see, or send work back, go into the audit log.</summary>
    private static string? AuditActionFor(string revisionKind) => revisionKind switch
    {
        "publish" => AuditActions.Published,
        "schedule" => AuditActions.Scheduled,
        "unpublish" => AuditActions.Unpublished,
        "return" => AuditActions.Returned,
        _ => null,
    };

    private static WorkflowResult Forbidden(string message) => new(WorkflowOutcome.Forbidden, Message: message);

    private static WorkflowResult NotFound(int articleId) => new(WorkflowOutcome.NotFound, articleId, Message: "Berita tidak ditemukan.");

    private static int? UserId(ClaimsPrincipal user) => user.StaffId();
}
