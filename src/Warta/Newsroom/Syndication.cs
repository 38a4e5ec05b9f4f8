using Microsoft.EntityFrameworkCore;
using Warta.Content;
using Warta.Data;

namespace Warta.Newsroom;

/// <summary>
/// What a site may take from its sister sites. Taking, following and withdrawing are steps of the
/// story workflow (<see cref="Publishing.ArticleWorkflow.SyndicateAsync"/>).
/// </summary>
public sealed class Syndication(WartaDbContext db)
{
    /// <summary>Published originals of other sites that <paramref name="siteId"/> does not carry now (never taken, or taken down), newest first.</summary>
    public async Task<List<SyndicationCandidate>> CandidatesAsync(int siteId, string? query, CancellationToken cancellationToken)
    {
        var taken = db.Articles.Where(a => a.SiteId == siteId && a.OriginArticleId != null && a.Status != ArticleStatus.Unpublished).Select(a => a.OriginArticleId!.Value);
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
}

public sealed record SyndicationCandidate(int Id, int SiteId, string Headline, DateTimeOffset PublishedAt);
