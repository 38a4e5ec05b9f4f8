using Microsoft.EntityFrameworkCore;
using Warta.Content;
using Warta.Data;
using Warta.Reading;

namespace Warta.Recommend;

/// <summary>"Berita Rekomendasi": the newest stories sharing a tag, topped up from the same section.</summary>
public sealed class Recommendations(WartaDbContext db)
{
    public async Task<List<ArticleCard>> ForArticleAsync(ArticleView article, int siteId, int count, CancellationToken cancellationToken)
    {
        var published = db.Articles.AsNoTracking()
            .Where(a => a.SiteId == siteId && a.Status == ArticleStatus.Published && a.Id != article.Id);
        var picks = new List<ArticleCard>(count);
        if (article.Tags.Count > 0)
        {
            var tagIds = article.Tags.Select(t => t.Id).ToArray();
            picks.AddRange(await published.Where(a => a.Tags.Any(t => tagIds.Contains(t.TagId)))
                .OrderByDescending(a => a.PublishedAt).Take(count).Select(ReaderQueries.ToCard).ToListAsync(cancellationToken));
        }
        if (picks.Count < count)
        {
            var taken = picks.Select(p => p.Id).ToArray();
            picks.AddRange(await published.Where(a => a.SectionId == article.SectionId && !taken.Contains(a.Id))
                .OrderByDescending(a => a.PublishedAt).Take(count - picks.Count).Select(ReaderQueries.ToCard).ToListAsync(cancellationToken));
        }
        return picks;
    }
}
