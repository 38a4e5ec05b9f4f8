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

    public Task<List<ArticleCard>> LatestInSectionAsync(int sectionId, int count, CancellationToken cancellationToken) =>
        db.Articles.AsNoTracking().Where(a => a.SectionId == sectionId && a.Status == ArticleStatus.Published)
            .OrderByDescending(a => a.PublishedAt).Take(count).Select(ToCard).ToListAsync(cancellationToken);

    public Task<ListPage> SectionPageAsync(int sectionId, int page, CancellationToken cancellationToken) =>
        PageAsync(db.Articles.AsNoTracking().Where(a => a.SectionId == sectionId && a.Status == ArticleStatus.Published), page, cancellationToken);

    public Task<ListPage> TagPageAsync(int siteId, int tagId, int page, CancellationToken cancellationToken) =>
        PageAsync(Published(siteId).Where(a => a.Tags.Any(t => t.TagId == tagId)), page, cancellationToken);

    public Task<ListPage> AuthorPageAsync(int siteId, int personId, int page, CancellationToken cancellationToken) =>
        PageAsync(Published(siteId).Where(a => a.WriterId == personId || a.EditorId == personId), page, cancellationToken);

    public Task<TagRef?> FindTagAsync(int siteId, string slug, CancellationToken cancellationToken) =>
        db.Tags.AsNoTracking().Where(t => t.SiteId == siteId && t.Slug == slug)
            .Select(t => new TagRef(t.Id, t.Slug, t.Name)).FirstOrDefaultAsync(cancellationToken);

    public Task<Person?> FindPersonAsync(string slug, CancellationToken cancellationToken) =>
        db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Slug == slug, cancellationToken);

    public Task<ArticleView?> ArticleAsync(int siteId, string slug, CancellationToken cancellationToken) =>
        Published(siteId).Where(a => a.Slug == slug).Select(a => new ArticleView(
            a.Id, a.Headline, a.Summary, a.Slug, a.SectionId, a.Section!.Slug, a.Section.Name, a.Dateline, a.BodyHtml,
            a.Writer == null ? null : new PersonRef(a.Writer.Slug, a.Writer.Name),
            a.Editor == null ? null : new PersonRef(a.Editor.Slug, a.Editor.Name),
            a.WriterId, a.EditorId, a.PublishedAt!.Value, a.UpdatedAt,
            a.LeadMedia == null ? null : new Photo(a.LeadMedia.StorageKey, a.LeadMedia.Extension, a.LeadMedia.Width, a.LeadMedia.Height, a.LeadMedia.Caption, a.LeadMedia.Credit, a.LeadMedia.AltText),
            a.OriginSiteName, a.OriginUrl,
            a.Tags.OrderBy(t => t.Position).Select(t => new TagRef(t.TagId, t.Tag!.Slug, t.Tag.Name)).ToList()))
        .FirstOrDefaultAsync(cancellationToken);

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
