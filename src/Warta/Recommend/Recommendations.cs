using Microsoft.EntityFrameworkCore;
using Warta.Content;
using Warta.Data;
using Warta.Reading;

namespace Warta.Recommend;

/// <summary>"Berita Rekomendasi": the newest stories sharing a tag, topped up from the same section.</summary>
public sealed class Recommendations(WartaDbContext db) : IRecommendations
{
    public async Task<List<ArticleCard>> ForArticleAsync(ArticleView article, int siteId, int count, CancellationToken cancellationToken)
    {
        var picks = new List<ArticleCard>(count);
        if (article.Tags.Count > 0)
        {
            var tagIds = article.Tags.Select(t => t.Id).ToArray();
            // Driven from the tag rows: a site-wide scan filtered by tag is slow for rare tags.
            var tagged = db.ArticleTags.Where(t => tagIds.Contains(t.TagId)).Select(t => t.ArticleId);
            picks.AddRange(await db.Articles.AsNoTracking()
                .Where(a => tagged.Contains(a.Id) && a.Id != article.Id && a.SiteId == siteId && a.Status == ArticleStatus.Published)
                .OrderByDescending(a => a.PublishedAt).Take(count).Select(ReaderQueries.ToCard).ToListAsync(cancellationToken));
        }
        if (picks.Count < count)
        {
            var skip = picks.Select(p => p.Id).Append(article.Id).ToArray();
            // By section alone (a section belongs to one site), so the planner walks the section's index.
            var more = await db.Articles.AsNoTracking()
                .Where(a => a.SectionId == article.SectionId && a.Status == ArticleStatus.Published)
                .OrderByDescending(a => a.PublishedAt).Take(count + skip.Length).Select(ReaderQueries.ToCard).ToListAsync(cancellationToken);
            picks.AddRange(more.Where(c => !skip.Contains(c.Id)).Take(count - picks.Count));
        }
        return picks;
    }
}

public static class RecommendServices
{
    public static IServiceCollection AddRecommend(this IServiceCollection services) => services.AddScoped<IRecommendations, Recommendations>();
}
