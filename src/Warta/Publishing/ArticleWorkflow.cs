using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Warta.Accounts;
using Warta.Content;
using Warta.Data;
using Warta.Network;

namespace Warta.Publishing;

/// <summary>
/// The one state machine for stories (<see cref="StorySteps"/> is its table). Every change to a story,
/// from the newsroom pages, the API, the scheduler, syndication and imports, is one step here: one
/// transaction holding the story, one revision, one version increment, its audit entry, the change
/// record and its syndicated copies; after commit the <see cref="ChangeDispatcher"/> runs the side effects.
/// </summary>
public sealed class ArticleWorkflow(WartaDbContext db, StoryEdits edits, ArticleHtml html, People people, SiteDirectory sites,
    AuditLog audit, ChangeDispatcher dispatcher, PublicOrigin origins, TimeProvider clock)
{
    public const string CopyRefusal = "Berita sindikasi mengikuti sumbernya; koreksi dilakukan di situs asal.";

    public const string CopyRepublishRefusal = "Berita sindikasi yang sudah ditarik terbit lagi dengan diambil ulang dari halaman Sindikasi, agar teksnya sama dengan sumbernya.";

    /// <summary>What the audit log names as the actor of the scheduler's steps.</summary>
    public const string SchedulerActor = "sistem: penjadwal";

    public async Task<WorkflowResult> CreateAsync(ClaimsPrincipal user, int siteId, ArticleDraft draft, CancellationToken cancellationToken = default)
    {
        if (!user.Can(siteId, StaffRole.Writer)) return Forbidden("Anda bukan anggota redaksi situs ini.");
        var article = new Article
        {
            SiteId = siteId,
            Slug = "",
            Headline = "",
            Status = ArticleStatus.Draft,
            CreatedAt = clock.GetUtcNow(),
            CreatedById = user.StaffId(),
            WriterId = draft.WriterName is null ? (await people.OfStaffAsync(user.StaffId(), cancellationToken))?.Id : null,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await edits.ApplyAsync(article, draft, cancellationToken) is { } invalid)
            return new WorkflowResult(StepOutcome.Invalid, Message: invalid.Message);
        article.Slug = await SlugAllocator.UniqueOnSiteAsync(db, siteId, article.Headline, cancellationToken);
        db.Articles.Add(article);
        await db.SaveChangesAsync(cancellationToken);
        await AddRevisionAsync(article, user.StaffId(), RevisionKinds.Save, null, cancellationToken);
        await CommitAsync(transaction, cancellationToken);
        return new WorkflowResult(StepOutcome.Ok, article.Id, article.Version);
    }

    /// <summary>Saves the text of a story last read at <paramref name="expectedVersion"/>.</summary>
    public Task<WorkflowResult> SaveAsync(ClaimsPrincipal user, int articleId, int expectedVersion, ArticleDraft draft, CancellationToken cancellationToken = default) =>
        StepAsync(user, articleId, expectedVersion, StorySteps.Save, draft, null, null, cancellationToken);

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
            return await StepAsync(user, articleId, expectedVersion, StorySteps.Autosave, draft, null, null, cancellationToken);

        if (RoleOn(user, article) is not { } role) return NotFound(articleId);
        if (article.Version != expectedVersion) return await ConflictAsync(user, article, draft, cancellationToken);
        // Kept text is only worth keeping for someone who may later restore or publish it.
        if (EditRefusal(article, role) is { } notTheirs) return new WorkflowResult(StepOutcome.Invalid, article.Id, article.Version, notTheirs.Message);
        if (await KeepTextAsync(article, draft, user, RevisionKinds.Autosave, cancellationToken) is { } refusal)
            return new WorkflowResult(StepOutcome.Invalid, article.Id, article.Version, refusal);
        return new WorkflowResult(StepOutcome.Ok, article.Id, article.Version, "Tersimpan otomatis sebagai revisi; pembaca belum melihatnya.");
    }

    /// <summary>Brings back the headline, summary and body of an earlier revision, as a new revision.</summary>
    public async Task<WorkflowResult> RestoreAsync(ClaimsPrincipal user, int articleId, int expectedVersion, int number, CancellationToken cancellationToken = default)
    {
        var revision = await db.ArticleRevisions.AsNoTracking().SingleOrDefaultAsync(r => r.ArticleId == articleId && r.Number == number, cancellationToken);
        if (revision is null) return new WorkflowResult(StepOutcome.NotFound, articleId, Message: "Revisi tidak ditemukan.");
        return await StepAsync(user, articleId, expectedVersion, StorySteps.Restore, new ArticleDraft(revision.Headline, revision.Summary, null, revision.BodyHtml),
            $"dari revisi #{number}", null, cancellationToken);
    }

    /// <summary>Sends the story to the editors, with the text typed since the last save (<paramref name="draft"/>, when given).</summary>
    public Task<WorkflowResult> SubmitAsync(ClaimsPrincipal user, int articleId, int expectedVersion, ArticleDraft? draft = null, CancellationToken cancellationToken = default) =>
        StepAsync(user, articleId, expectedVersion, StorySteps.Submit, draft, null, article =>
        {
            article.ReturnComment = null;
            return Task.FromResult<Refusal?>(null);
        }, cancellationToken);

    public Task<WorkflowResult> ReturnAsync(ClaimsPrincipal user, int articleId, int expectedVersion, string comment, CancellationToken cancellationToken = default) =>
        StepAsync(user, articleId, expectedVersion, StorySteps.Return, null, comment, article =>
        {
            if (string.IsNullOrWhiteSpace(comment)) return Task.FromResult<Refusal?>("Tulis catatan untuk penulis.");
            if (TextLimits.Check("Catatan", comment, TextLimits.Comment).FirstOrDefault() is { } tooLong) return Task.FromResult<Refusal?>(tooLong);
            article.ReturnComment = comment.Trim();
            return Task.FromResult<Refusal?>(null);
        }, cancellationToken);

    /// <summary>
    /// Publishes now, or at <paramref name="at"/> when that is in the future, with the text typed since
    /// the last save (<paramref name="draft"/>, when given): one step, so one revision and one version.
    /// </summary>
    public Task<WorkflowResult> PublishAsync(ClaimsPrincipal user, int articleId, int expectedVersion, DateTimeOffset? at = null, ArticleDraft? draft = null,
        CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var scheduled = at is { } when && when > now;
        return StepAsync(user, articleId, expectedVersion, scheduled ? StorySteps.Schedule : StorySteps.Publish, draft, null, async article =>
        {
            // While down, a copy missed its origin's corrections (or its origin's withdrawal): it comes back only by being taken again.
            if (article.OriginArticleId is not null) return CopyRepublishRefusal;
            if (at is { } requested && Schedule.Check(requested, now, sites.FindById(article.SiteId)?.TimeZone ?? IndonesianTimeZone.Wib) is { } refused) return refused;
            article.PublishedAt = scheduled ? at!.Value.ToUniversalTime() : now;
            article.EditorId ??= (await people.OfStaffAsync(user.StaffId(), cancellationToken))?.Id;
            return null;
        }, cancellationToken);
    }

    public Task<WorkflowResult> UnpublishAsync(ClaimsPrincipal user, int articleId, int expectedVersion, CancellationToken cancellationToken = default) =>
        StepAsync(user, articleId, expectedVersion, StorySteps.Unpublish, null, null, null, cancellationToken);

    /// <summary>The scheduler's step: publishes a scheduled story whose time has come, as the system.</summary>
    public async Task<WorkflowResult> PublishDueAsync(int articleId, CancellationToken cancellationToken = default)
    {
        var version = await db.Articles.Where(a => a.Id == articleId).Select(a => (int?)a.Version).SingleOrDefaultAsync(cancellationToken);
        if (version is null) return NotFound(articleId);
        return await StepAsync(null, articleId, version.Value, StorySteps.PublishDue, null, "terjadwal", article =>
            Task.FromResult(article.PublishedAt > clock.GetUtcNow() ? new Refusal("Belum waktunya terbit.") : null), cancellationToken);
    }

    /// <summary>
    /// Takes a published original of a sister site onto <paramref name="siteId"/>: the copy is published
    /// at once, shows "Sumber: &lt;origin&gt;" and from then on follows its origin (see <see cref="FollowAsync"/>).
    /// Taking again is how a copy taken down comes back, with the origin's current text.
    /// </summary>
    public async Task<WorkflowResult> SyndicateAsync(ClaimsPrincipal user, int originId, int siteId, int sectionId, CancellationToken cancellationToken)
    {
        if (!user.Can(siteId, StaffRole.Editor)) return new WorkflowResult(StepOutcome.Forbidden, Message: "Hanya editor situs ini yang bisa mengambil berita.");
        if (sites.FindById(siteId) is not { } site || site.Sections.All(s => s.Id != sectionId))
            return new WorkflowResult(StepOutcome.Invalid, Message: "Pilih rubrik situs ini.");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var origin = await db.Articles.Include(a => a.Section).Include(a => a.Tags).ThenInclude(t => t.Tag)
            .SingleOrDefaultAsync(a => a.Id == originId, cancellationToken);
        if (origin is null || origin.Status != ArticleStatus.Published || origin.SiteId == siteId || origin.OriginArticleId is not null)
            return new WorkflowResult(StepOutcome.Invalid, originId, Message: "Hanya berita asli yang sudah terbit di situs lain yang bisa diambil.");
        var earlier = await db.Articles.Include(a => a.Tags).SingleOrDefaultAsync(a => a.SiteId == siteId && a.OriginArticleId == originId, cancellationToken);
        if (earlier is not null && earlier.Status != ArticleStatus.Unpublished)
            return new WorkflowResult(StepOutcome.Invalid, originId, Message: "Berita ini sudah diambil situs ini.");

        var originSite = sites.FindById(origin.SiteId)!;
        var now = clock.GetUtcNow();
        // A copy taken down earlier comes back as the same story, with the origin's text as it is now.
        var copy = earlier ?? new Article
        {
            SiteId = siteId,
            Slug = await SlugAllocator.UniqueOnSiteAsync(db, siteId, origin.Headline, cancellationToken),
            Headline = origin.Headline,
            CreatedAt = now,
            CreatedById = user.StaffId(),
            OriginArticleId = origin.Id,
        };
        var before = earlier?.CacheTags() ?? [];
        (copy.SectionId, copy.Status, copy.PublishedAt) = (sectionId, ArticleStatus.Published, now);
        copy.OriginSiteName = $"{originSite.Name}.com";
        copy.OriginUrl = origins.For(originSite) + ArticleUrls.Path(origin.Section!.Slug, origin.PublishedAt!.Value, origin.Slug, originSite.TimeZone);
        if (earlier is not null)
        {
            Advance(copy, textChanged: false, now);
            copy.Tags.Clear();
        }
        CopyContent(origin, copy);
        foreach (var (tag, position) in origin.Tags.OrderBy(t => t.Position).Select((t, i) => (t.Tag!, i)))
            copy.Tags.Add(new ArticleTag { TagId = await TagAllocator.IdOnSiteAsync(db, siteId, tag.Name, cancellationToken), Position = position });
        if (earlier is null) db.Articles.Add(copy);
        await db.SaveChangesAsync(cancellationToken);
        await AddRevisionAsync(copy, user.StaffId(), RevisionKinds.Syndicate, $"dari {copy.OriginSiteName}", cancellationToken);
        audit.Record(AuditActions.Syndicated, user, siteId, $"artikel:{copy.Id}", $"{copy.Headline} — dari {copy.OriginSiteName} (artikel:{origin.Id})");
        db.ArticleChanges.Add(ArticleChange.For(copy, ChangeKinds.Published, before, now));
        await CommitAsync(transaction, cancellationToken);
        return new WorkflowResult(StepOutcome.Ok, copy.Id, copy.Version);
    }

    /// <summary>The origin's editors take the story down from every sister site, keeping it on their own.</summary>
    public async Task<WorkflowResult> WithdrawCopiesAsync(ClaimsPrincipal user, int originId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var origin = await db.Articles.Include(a => a.Tags).SingleOrDefaultAsync(a => a.Id == originId, cancellationToken);
        if (origin is null) return NotFound(originId);
        if (!user.Can(origin.SiteId, StaffRole.Editor)) return new WorkflowResult(StepOutcome.Forbidden, Message: "Hanya editor situs asal yang bisa menarik sindikasi.");
        var count = await FollowAsync(origin, ChangeKinds.Unpublished, cancellationToken);
        audit.Record(AuditActions.SyndicationWithdrawn, user, origin.SiteId, $"artikel:{origin.Id}", $"{origin.Headline} — ditarik dari {count} situs");
        await CommitAsync(transaction, cancellationToken);
        return new WorkflowResult(StepOutcome.Ok, origin.Id, origin.Version, $"Ditarik dari {count} situs.");
    }

    /// <summary>
    /// Adds archived stories, already published elsewhere, as published here (the import verbs): one
    /// transaction and one change record for the batch, which names the pages to evict. Their history is
    /// the archive they came from, so they start without a revision; the first edit is revision 1.
    /// </summary>
    public async Task ImportAsync(int siteId, IReadOnlyCollection<Article> stories, bool sectionsAdded, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var story in stories)
        {
            (story.SiteId, story.Status, story.CreatedAt) = (siteId, ArticleStatus.Published, now);
            story.PublishedAt ??= now;
        }
        db.Articles.AddRange(stories);
        await db.SaveChangesAsync(cancellationToken);
        // One story names its own pages; a batch touches most lists of the site, so the whole site's pages go.
        db.ArticleChanges.Add(stories.Count == 1 && !sectionsAdded
            ? ArticleChange.For(stories.First(), ChangeKinds.Published, [], now)
            : new ArticleChange { SiteId = siteId, Kind = sectionsAdded ? ChangeKinds.Site : ChangeKinds.Imported, CacheTags = PageCacheTags.Site(siteId), At = now });
        await CommitAsync(transaction, cancellationToken);
    }

    /// <summary>
    /// Every step but creation and syndication. The order is the machine's: find the story, check who
    /// acts (a story they may not open is not there), the version they read, the step's table row, the
    /// text, the step's own rule; then the new state, one version, one revision, the audit entry, the
    /// change record, the copies that follow; one commit; the side effects.
    /// </summary>
    /// <param name="user">Null for the system (the scheduler), which acts as an editor of every site.</param>
    private async Task<WorkflowResult> StepAsync(ClaimsPrincipal? user, int articleId, int expectedVersion, StoryStep step, ArticleDraft? draft, string? comment,
        Func<Article, Task<Refusal?>>? rule, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var article = await db.Articles.Include(a => a.Tags).Include(a => a.RelatedLinks).AsSplitQuery()
            .SingleOrDefaultAsync(a => a.Id == articleId, cancellationToken);
        var role = article is null ? null : user is null ? StaffRole.Editor : RoleOn(user, article);
        if (article is null || role is null) return NotFound(articleId);
        if (article.Version != expectedVersion)
        {
            await transaction.RollbackAsync(cancellationToken);
            return await ConflictAsync(user, article, draft, cancellationToken);
        }

        var wasVisible = article.Status == ArticleStatus.Published;
        var before = article.CacheTags();
        var refusal = step.Refuse(article.Status, role.Value);
        if (refusal is null && draft is not null) refusal = EditRefusal(article, role.Value) ?? await edits.ApplyAsync(article, draft, cancellationToken);
        if (refusal is null && rule is not null) refusal = await rule(article);
        if (refusal is not null)
            return new WorkflowResult(refusal.Forbidden ? StepOutcome.Forbidden : StepOutcome.Invalid, articleId, article.Version, refusal.Message);

        if (step.To is { } next) article.Status = next;
        var now = clock.GetUtcNow();
        Advance(article, textChanged: draft is not null && wasVisible, now);
        await AddRevisionAsync(article, user?.StaffId(), step.Kind, comment, cancellationToken);
        if (step.AuditAction is { } action)
            audit.Record(action, user, article.SiteId, $"artikel:{article.Id}", comment is null ? article.Headline : $"{article.Headline} — {comment}",
                actor: user is null ? SchedulerActor : null);
        var kind = (wasVisible, article.Status == ArticleStatus.Published) switch
        {
            (false, true) => ChangeKinds.Published,
            (true, false) => ChangeKinds.Unpublished,
            (true, true) => ChangeKinds.Updated,
            _ => null,
        };
        if (kind is not null) db.ArticleChanges.Add(ArticleChange.For(article, kind, before, now));
        await FollowAsync(article, kind, cancellationToken);
        try
        {
            await CommitAsync(transaction, cancellationToken);
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
        return new WorkflowResult(StepOutcome.Ok, article.Id, article.Version);
    }

    /// <summary>The one place a story's version moves; readers see when the text of a story they could already read changed.</summary>
    private static void Advance(Article article, bool textChanged, DateTimeOffset now)
    {
        article.Version++;
        if (textChanged && article.Status == ArticleStatus.Published) article.UpdatedAt = now;
    }

    /// <summary>
    /// Syndicated copies follow their origin inside the origin's transaction: an update is copied (readers
    /// see the copy as updated), an unpublish takes the copies down. Returns how many copies moved.
    /// </summary>
    private async Task<int> FollowAsync(Article origin, string? kind, CancellationToken cancellationToken)
    {
        if (kind is not (ChangeKinds.Updated or ChangeKinds.Unpublished)) return 0;
        var copies = await db.Articles.Include(a => a.Tags)
            .Where(a => a.OriginArticleId == origin.Id && a.Status == ArticleStatus.Published).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var copy in copies)
        {
            var before = copy.CacheTags();
            if (kind == ChangeKinds.Updated) CopyContent(origin, copy);
            else copy.Status = ArticleStatus.Unpublished;
            Advance(copy, textChanged: kind == ChangeKinds.Updated, now);
            db.ArticleChanges.Add(ArticleChange.For(copy, kind, before, now));
        }
        return copies.Count;
    }

    private static void CopyContent(Article origin, Article copy)
    {
        (copy.Headline, copy.Summary, copy.BodyHtml, copy.Dateline) = (origin.Headline, origin.Summary, origin.BodyHtml, origin.Dateline);
        (copy.WriterId, copy.EditorId, copy.LeadMediaId) = (origin.WriterId, origin.EditorId, origin.LeadMediaId);
    }

    /// <summary>Saves and commits, then hands the step's change records to the side effects.</summary>
    private async Task CommitAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        var readersSeeIt = db.ChangeTracker.Entries<ArticleChange>().Any(e => e.State == EntityState.Added);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (readersSeeIt) await dispatcher.DispatchAfterCommitAsync(cancellationToken);
    }

    /// <summary>Runs after the step's transaction is rolled back, so the losing text is saved on its own.</summary>
    private async Task<WorkflowResult> ConflictAsync(ClaimsPrincipal? user, Article current, ArticleDraft? draft, CancellationToken cancellationToken)
    {
        if (draft is not null && user is not null)
        {
            db.ChangeTracker.Clear();
            if (await KeepTextAsync(current, draft, user, RevisionKinds.Conflict, cancellationToken) is { } refusal)
                return new WorkflowResult(StepOutcome.Invalid, current.Id, current.Version, refusal);
        }
        return new WorkflowResult(StepOutcome.Conflict, current.Id, current.Version,
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
        if (body.Refusal is { } refusal) return StoryEdits.BodyRefusal(refusal);
        await AddRevisionAsync(new Article { Id = current.Id, Slug = "", Headline = text.Headline, Summary = text.Summary, BodyHtml = body.Html },
            user.StaffId(), kind, null, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    private async Task AddRevisionAsync(Article article, int? userId, string kind, string? comment, CancellationToken cancellationToken)
    {
        var latest = await db.ArticleRevisions.Where(r => r.ArticleId == article.Id).OrderByDescending(r => r.Number).FirstOrDefaultAsync(cancellationToken);
        if (kind == RevisionKinds.Autosave && latest is { Kind: RevisionKinds.Autosave } && latest.UserId == userId)
        {
            // Typing produces an autosave every few seconds: one revision per stretch of typing, kept current.
            (latest.At, latest.Headline, latest.Summary, latest.BodyHtml) = (clock.GetUtcNow(), article.Headline, article.Summary, article.BodyHtml);
            return;
        }
        db.ArticleRevisions.Add(new ArticleRevision
        {
            ArticleId = article.Id, Number = (latest?.Number ?? 0) + 1, UserId = userId, At = clock.GetUtcNow(), Kind = kind,
            Headline = article.Headline, Summary = article.Summary, BodyHtml = article.BodyHtml, Comment = comment,
        });
    }

    /// <summary>Why this role may not change the story's text in its state, or null when it may.</summary>
    private static Refusal? EditRefusal(Article article, StaffRole role) =>
        role < StorySteps.EditRole(article.Status) ? new Refusal(StorySteps.EditRefusal)
        : article.OriginArticleId is not null ? new Refusal(CopyRefusal)
        : null;

    private static StaffRole? RoleOn(ClaimsPrincipal user, Article article) => StoryAccess.RoleOn(user, article.SiteId, article.CreatedById);

    private static WorkflowResult Forbidden(string message) => new(StepOutcome.Forbidden, Message: message);

    private static WorkflowResult NotFound(int articleId) => new(StepOutcome.NotFound, articleId, Message: "Berita tidak ditemukan.");
}
