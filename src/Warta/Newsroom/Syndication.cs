using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Warta.Accounts;
using Warta.Content;
using Warta.Data;
using Warta.Network;
using Warta.Reading;

namespace Warta.Newsroom;

/// <summary>
/// Stories shared across the network. An editor takes a published story from a sister site; the copy
/// shows "Sumber: &lt;origin&gt;" and follows its origin: a correction there is written to every copy,
/// and unpublishing (or withdrawing) there takes every copy down, in the same transaction as the
/// origin's own change, so copies never disagree with their origin.
/// </summary>
public sealed class Syndication(WartaDbContext db, Publishing publishing, SiteDirectory sites, IConfiguration configuration, AuditLog audit, TimeProvider clock)
{
    public const string CopyRefusal = "Berita sindikasi mengikuti sumbernya; koreksi dilakukan di situs asal.";

    /// <summary>Published originals of other sites that <paramref name="siteId"/> has not taken yet, newest first.</summary>
    public async Task<List<SyndicationCandidate>> CandidatesAsync(int siteId, string? query, CancellationToken cancellationToken)
    {
        var taken = db.Articles.Where(a => a.SiteId == siteId && a.OriginArticleId != null).Select(a => a.OriginArticleId!.Value);
        var stories = db.Articles.AsNoTracking()
            .Where(a => a.SiteId != siteId && a.Status == ArticleStatus.Published && a.OriginArticleId == null && a.OriginUrl == null && !taken.Contains(a.Id));
        if (!string.IsNullOrWhiteSpace(query))
        {
            var term = query.Trim().ToLower();
            stories = stories.Where(a => a.Headline.ToLower().Contains(term));
        }
        return await stories.OrderByDescending(a => a.PublishedAt).Take(30)
            .Select(a => new SyndicationCandidate(a.Id, a.SiteId, a.Headline, a.PublishedAt!.Value))
            .ToListAsync(cancellationToken);
    }

    public async Task<WorkflowResult> TakeAsync(ClaimsPrincipal user, int originId, int siteId, int sectionId, CancellationToken cancellationToken)
    {
        if (!user.Can(siteId, StaffRole.Editor)) return new WorkflowResult(WorkflowOutcome.Forbidden, Message: "Hanya editor situs ini yang bisa mengambil berita.");
        if (sites.FindById(siteId) is not { } site || site.Sections.All(s => s.Id != sectionId))
            return new WorkflowResult(WorkflowOutcome.Invalid, Message: "Pilih rubrik situs ini.");
        await using var transaction = await publishing.BeginAsync(cancellationToken);
        var origin = await db.Articles.Include(a => a.Section).Include(a => a.Tags).ThenInclude(t => t.Tag)
            .SingleOrDefaultAsync(a => a.Id == originId, cancellationToken);
        if (origin is null || origin.Status != ArticleStatus.Published || origin.SiteId == siteId || origin.OriginArticleId is not null)
            return new WorkflowResult(WorkflowOutcome.Invalid, originId, Message: "Hanya berita asli yang sudah terbit di situs lain yang bisa diambil.");
        if (await db.Articles.AnyAsync(a => a.SiteId == siteId && a.OriginArticleId == originId, cancellationToken))
            return new WorkflowResult(WorkflowOutcome.Invalid, originId, Message: "Berita ini sudah diambil situs ini.");

        var originSite = sites.FindById(origin.SiteId)!;
        var now = clock.GetUtcNow();
        var copy = new Article
        {
            SiteId = siteId,
            SectionId = sectionId,
            Slug = await SlugAllocator.UniqueOnSiteAsync(db, siteId, origin.Headline, cancellationToken),
            Headline = origin.Headline,
            Status = ArticleStatus.Published,
            CreatedAt = now,
            PublishedAt = now,
            CreatedById = user.StaffId(),
            OriginArticleId = origin.Id,
            OriginSiteName = $"{originSite.Name}.com",
            OriginUrl = PublicOrigin.For(originSite, sites, configuration) + ArticleUrls.Path(origin.Section!.Slug, origin.PublishedAt!.Value, origin.Slug, originSite.TimeZone),
        };
        CopyContent(origin, copy);
        foreach (var (tag, position) in origin.Tags.OrderBy(t => t.Position).Select((t, i) => (t.Tag!, i)))
            copy.Tags.Add(new ArticleTag { TagId = await TagAllocator.IdOnSiteAsync(db, siteId, tag.Name, cancellationToken), Position = position });
        db.Articles.Add(copy);
        await db.SaveChangesAsync(cancellationToken);
        db.ArticleRevisions.Add(new ArticleRevision
        {
            ArticleId = copy.Id, Number = 1, UserId = user.StaffId(), At = now, Kind = "syndicate",
            Headline = copy.Headline, Summary = copy.Summary, BodyHtml = copy.BodyHtml, Comment = $"dari {copy.OriginSiteName}",
        });
        audit.Record(AuditActions.Syndicated, user, siteId, $"artikel:{copy.Id}", $"{copy.Headline} — dari {copy.OriginSiteName} (artikel:{origin.Id})");
        await publishing.CommitAsync(transaction, copy, [], ChangeKinds.Published, cancellationToken);
        return new WorkflowResult(WorkflowOutcome.Ok, copy.Id, copy.Version);
    }

    /// <summary>The origin's editors take the story down from every sister site, keeping it on their own.</summary>
    public async Task<WorkflowResult> WithdrawAsync(ClaimsPrincipal user, int originId, CancellationToken cancellationToken)
    {
        await using var transaction = await publishing.BeginAsync(cancellationToken);
        var origin = await db.Articles.Include(a => a.Tags).SingleOrDefaultAsync(a => a.Id == originId, cancellationToken);
        if (origin is null) return new WorkflowResult(WorkflowOutcome.NotFound, originId, Message: "Berita tidak ditemukan.");
        if (!user.Can(origin.SiteId, StaffRole.Editor)) return new WorkflowResult(WorkflowOutcome.Forbidden, Message: "Hanya editor situs asal yang bisa menarik sindikasi.");
        var count = await FollowAsync(origin, ChangeKinds.Unpublished, cancellationToken);
        audit.Record(AuditActions.SyndicationWithdrawn, user, origin.SiteId, $"artikel:{origin.Id}", $"{origin.Headline} — ditarik dari {count} situs");
        await publishing.CommitAsync(transaction, origin, [], null, cancellationToken);
        return new WorkflowResult(WorkflowOutcome.Ok, origin.Id, origin.Version, $"Ditarik dari {count} situs.");
    }

    /// <summary>
    /// Applies an origin's change to its copies inside the origin's transaction: an update is copied
    /// (readers see the copy as updated), an unpublish takes the copies down. Returns how many copies moved.
    /// </summary>
    public async Task<int> FollowAsync(Article origin, string? kind, CancellationToken cancellationToken)
    {
        if (kind is not (ChangeKinds.Updated or ChangeKinds.Unpublished)) return 0;
        var copies = await db.Articles.Include(a => a.Tags)
            .Where(a => a.OriginArticleId == origin.Id && a.Status == ArticleStatus.Published).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var copy in copies)
        {
            if (kind == ChangeKinds.Updated)
            {
                CopyContent(origin, copy);
                copy.UpdatedAt = now;
            }
            else copy.Status = ArticleStatus.Unpublished;
            copy.Version++;
            db.ArticleChanges.Add(ChangeFeed.Record(copy.SiteId, copy.Id, kind, Publishing.TagsOf(copy), now));
        }
        return copies.Count;
    }

    private static void CopyContent(Article origin, Article copy)
    {
        (copy.Headline, copy.Summary, copy.BodyHtml, copy.Dateline) = (origin.Headline, origin.Summary, origin.BodyHtml, origin.Dateline);
        (copy.WriterId, copy.EditorId, copy.LeadMediaId) = (origin.WriterId, origin.EditorId, origin.LeadMediaId);
    }
}

public sealed record SyndicationCandidate(int Id, int SiteId, string Headline, DateTimeOffset PublishedAt);
