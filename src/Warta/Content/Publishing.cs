using Microsoft.EntityFrameworkCore;
using Warta.Data;
using Warta.Reading;

namespace Warta.Content;

/// <summary>
/// Publishing as a state change. Each method commits the article and its change record in one
/// transaction, then applies the side effects in one place (<see cref="ChangeFeed.CatchUpAsync"/>).
/// </summary>
public sealed class Publishing(WartaDbContext db, ChangeFeed feed, TimeProvider clock)
{
    public Task PublishAsync(int articleId, CancellationToken cancellationToken = default) =>
        ChangeAsync(articleId, ChangeKinds.Published, article =>
        {
            article.Status = ArticleStatus.Published;
            article.PublishedAt ??= clock.GetUtcNow();
        }, cancellationToken);

    public Task UnpublishAsync(int articleId, CancellationToken cancellationToken = default) =>
        ChangeAsync(articleId, ChangeKinds.Unpublished, article => article.Status = ArticleStatus.Unpublished, cancellationToken);

    /// <summary>Edits an article; a published one is marked updated so readers see when it changed.</summary>
    public Task UpdateAsync(int articleId, Action<Article> edit, CancellationToken cancellationToken = default) =>
        ChangeAsync(articleId, ChangeKinds.Updated, article =>
        {
            edit(article);
            if (article.Status == ArticleStatus.Published) article.UpdatedAt = clock.GetUtcNow();
        }, cancellationToken);

    /// <summary>Adds a new, already published article (imports and demo content take this path).</summary>
    public async Task<Article> CreatePublishedAsync(Article article, CancellationToken cancellationToken = default)
    {
        article.Status = ArticleStatus.Published;
        article.CreatedAt = clock.GetUtcNow();
        article.PublishedAt ??= article.CreatedAt;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Articles.Add(article);
        await db.SaveChangesAsync(cancellationToken);
        db.ArticleChanges.Add(ChangeFeed.Record(article.SiteId, article.Id, ChangeKinds.Published, TagsOf(article), clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await feed.CatchUpAsync(cancellationToken);
        return article;
    }

    private async Task ChangeAsync(int articleId, string kind, Action<Article> change, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var article = await db.Articles.Include(a => a.Tags).SingleAsync(a => a.Id == articleId, cancellationToken);
        var before = TagsOf(article).ToList();
        change(article);
        db.ArticleChanges.Add(ChangeFeed.Record(article.SiteId, article.Id, kind, before.Concat(TagsOf(article)), clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await feed.CatchUpAsync(cancellationToken);
    }

    private static IEnumerable<string> TagsOf(Article article) =>
        PageCacheTags.ForArticle(article.SiteId, article.Id, article.SectionId, article.Tags.Select(t => t.TagId), article.WriterId, article.EditorId);
}
