using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Warta.Content;
using Warta.Data;

namespace Warta.Reading;

public sealed record ListPage(IReadOnlyList<ArticleCard> Items, int Page, bool HasNext);

/// <summary>Read-only projections for reader pages; nothing here is tracked.</summary>
public sealed class ReaderQueries(WartaDbContext db)
{
    public const int ListPageSize = 20;

    internal static readonly Expression<Func<Article, ArticleCard>> ToCard = a => new ArticleCard(
        a.Id, a.Headline, a.Summary, a.Slug, a.Section!.Slug, a.Section.Name, a.PublishedAt!.Value,
        a.LeadMedia == null ? null : new Photo(a.LeadMedia.StorageKey, a.LeadMedia.Extension, a.LeadMedia.Width, a.LeadMedia.Height, a.LeadMedia.Caption, a.LeadMedia.Credit, a.LeadMedia.AltText));

    private IQueryable<Article> Published(int siteId) =>
        db.Articles.AsNoTracking().Where(a => a.SiteId == siteId && a.Status == ArticleStatus.Published);

    public Task<List<ArticleCard>> LatestAsync(int siteId, int count, CancellationToken cancellationToken) =>
        Published(siteId).OrderByDescending(a => a.PublishedAt).Take(count).Select(ToCard).ToListAsync(cancellationToken);

    /// <summary>A curated list in the editors' order: published stories only, and only pins still running.</summary>
    public Task<List<ArticleCard>> CuratedAsync(int siteId, HomeList list, DateTimeOffset now, int count, CancellationToken cancellationToken) =>
        (from pick in db.EditorsPicks.AsNoTracking()
         join article in Published(siteId) on pick.ArticleId equals article.Id
         where pick.SiteId == siteId && pick.List == list && (pick.PinnedUntil == null || pick.PinnedUntil > now)
         orderby pick.Position
         select article).Take(count).Select(ToCard).ToListAsync(cancellationToken);

    /// <summary>When the next pin of the site's lists runs out: the home page must not be kept past it.</summary>
    public Task<DateTimeOffset?> NextPinEndAsync(int siteId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.EditorsPicks.AsNoTracking().Where(p => p.SiteId == siteId && p.PinnedUntil > now).MinAsync(p => p.PinnedUntil, cancellationToken);

    /// <summary>The sections whose blocks the home page shows, in the editors' order.</summary>
    public Task<List<int>> HomeBlocksAsync(int siteId, CancellationToken cancellationToken) =>
        db.Sections.AsNoTracking().Where(s => s.SiteId == siteId && !s.HiddenOnHome)
            .OrderBy(s => s.HomePosition).ThenBy(s => s.Position).ThenBy(s => s.Id).Select(s => s.Id).ToListAsync(cancellationToken);

    public Task<List<ArticleCard>> LatestInSectionAsync(int sectionId, int count, CancellationToken cancellationToken) =>
        db.Articles.AsNoTracking().Where(a => a.SectionId == sectionId && a.Status == ArticleStatus.Published)
            .OrderByDescending(a => a.PublishedAt).Take(count).Select(ToCard).ToListAsync(cancellationToken);

    public Task<ListPage> SectionPageAsync(int sectionId, int page, CancellationToken cancellationToken) =>
        PageAsync(db.Articles.AsNoTracking().Where(a => a.SectionId == sectionId && a.Status == ArticleStatus.Published), page, cancellationToken);

    /// <summary>Driven from the tag's rows, so a rare tag does not scan the whole site.</summary>
    public Task<ListPage> TagPageAsync(int siteId, int tagId, int page, CancellationToken cancellationToken) =>
        PageAsync(Published(siteId).Where(a => db.ArticleTags.Where(t => t.TagId == tagId).Select(t => t.ArticleId).Contains(a.Id)), page, cancellationToken);

    public Task<ListPage> AuthorPageAsync(int siteId, int personId, int page, CancellationToken cancellationToken) =>
        PageAsync(Published(siteId).Where(a => a.WriterId == personId || a.EditorId == personId), page, cancellationToken);

    public Task<TagRef?> FindTagAsync(int siteId, string slug, CancellationToken cancellationToken) =>
        db.Tags.AsNoTracking().Where(t => t.SiteId == siteId && t.Slug == slug)
            .Select(t => new TagRef(t.Id, t.Slug, t.Name)).FirstOrDefaultAsync(cancellationToken);

    /// <summary>A static page that has text; one without is not published.</summary>
    public Task<StaticPage?> StaticPageAsync(int siteId, string slug, CancellationToken cancellationToken) =>
        db.StaticPages.AsNoTracking().FirstOrDefaultAsync(p => p.SiteId == siteId && p.Slug == slug && p.BodyHtml != "", cancellationToken);

    public Task<Person?> FindPersonAsync(string slug, CancellationToken cancellationToken) =>
        db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Slug == slug, cancellationToken);

    public Task<ArticleView?> ArticleAsync(int siteId, string slug, CancellationToken cancellationToken) => db switch
    {
        SqliteWartaDbContext sqlite => ArticleAsync(sqlite, siteId, slug, cancellationToken),
        PostgresWartaDbContext postgres => ArticleAsync(postgres, siteId, slug, cancellationToken),
        _ => throw new NotSupportedException($"No compiled reader queries for {db.GetType().Name}."),
    };

    private static async Task<ArticleView?> ArticleAsync<TContext>(TContext db, int siteId, string slug, CancellationToken cancellationToken)
        where TContext : WartaDbContext
    {
        var article = await Compiled<TContext>.ArticleBySlug(db, siteId, slug);
        if (article is null) return null;
        var tags = new List<TagRef>();
        await foreach (var tag in Compiled<TContext>.TagsOfArticle(db, article.Id).WithCancellation(cancellationToken)) tags.Add(tag);
        return article with { Tags = tags };
    }

    /// <summary>A story in any state, for the newsroom's preview; its date is "now" until it has one.</summary>
    public async Task<ArticleView?> PreviewAsync(int siteId, int articleId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var a = await db.Articles.AsNoTracking().AsSplitQuery()
            .Include(a => a.Section).Include(a => a.Writer).Include(a => a.Editor).Include(a => a.LeadMedia)
            .Include(a => a.Tags.OrderBy(t => t.Position)).ThenInclude(t => t.Tag)
            .SingleOrDefaultAsync(a => a.Id == articleId && a.SiteId == siteId, cancellationToken);
        if (a is null) return null;
        return new ArticleView(
            a.Id, a.Headline, a.Summary, a.Slug, a.SectionId, a.Section!.Slug, a.Section.Name, a.Dateline, a.BodyHtml,
            a.Writer is null ? null : new PersonRef(a.Writer.Slug, a.Writer.Name),
            a.Editor is null ? null : new PersonRef(a.Editor.Slug, a.Editor.Name),
            a.WriterId, a.EditorId, a.PublishedAt ?? now, a.UpdatedAt,
            a.LeadMedia is not { } m ? null : new Photo(m.StorageKey, m.Extension, m.Width, m.Height, m.Caption, m.Credit, m.AltText),
            a.OriginSiteName, a.OriginUrl, a.Tags.Select(t => new TagRef(t.TagId, t.Tag!.Slug, t.Tag.Name)).ToList(), a.OriginArticleId != null);
    }

    /// <summary>
    /// The article page is the hot path of a cache miss: compiled once, so no expression tree is
    /// rebuilt and looked up per request; tags come in their own small query rather than a join.
    /// One set per provider, because a compiled query stays bound to the provider it first ran on.
    /// </summary>
    private static class Compiled<TContext> where TContext : WartaDbContext
    {
        public static readonly Func<TContext, int, string, Task<ArticleView?>> ArticleBySlug =
            EF.CompileAsyncQuery((TContext db, int siteId, string slug) => db.Articles.AsNoTracking()
                .Where(a => a.SiteId == siteId && a.Status == ArticleStatus.Published && a.Slug == slug)
                .Select(a => new ArticleView(
                    a.Id, a.Headline, a.Summary, a.Slug, a.SectionId, a.Section!.Slug, a.Section.Name, a.Dateline, a.BodyHtml,
                    a.Writer == null ? null : new PersonRef(a.Writer.Slug, a.Writer.Name),
                    a.Editor == null ? null : new PersonRef(a.Editor.Slug, a.Editor.Name),
                    a.WriterId, a.EditorId, a.PublishedAt!.Value, a.UpdatedAt,
                    a.LeadMedia == null ? null : new Photo(a.LeadMedia.StorageKey, a.LeadMedia.Extension, a.LeadMedia.Width, a.LeadMedia.Height, a.LeadMedia.Caption, a.LeadMedia.Credit, a.LeadMedia.AltText),
                    a.OriginSiteName, a.OriginUrl, Array.Empty<TagRef>(), a.OriginArticleId != null))
                .FirstOrDefault());

        public static readonly Func<TContext, int, IAsyncEnumerable<TagRef>> TagsOfArticle =
            EF.CompileAsyncQuery((TContext db, int articleId) => db.ArticleTags.AsNoTracking()
                .Where(t => t.ArticleId == articleId).OrderBy(t => t.Position)
                .Select(t => new TagRef(t.TagId, t.Tag!.Slug, t.Tag.Name)));
    }

    private static async Task<ListPage> PageAsync(IQueryable<Article> query, int page, CancellationToken cancellationToken)
    {
        page = Math.Max(1, page);
        var items = await query.OrderByDescending(a => a.PublishedAt).Skip((page - 1) * ListPageSize).Take(ListPageSize + 1)
            .Select(ToCard).ToListAsync(cancellationToken);
        var hasNext = items.Count > ListPageSize;
        if (hasNext) items.RemoveAt(items.Count - 1);
        return new ListPage(items, page, hasNext);
    }
}
