using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Warta.Data;
using Warta.Reading;

namespace Warta.Content;

/// <summary>
/// Publishing as a state change. Every change commits the article and its change record in one
/// transaction, then applies the side effects in one place (<see cref="ChangeFeed.CatchUpAsync"/>).
/// </summary>
public sealed class Publishing(WartaDbContext db, ChangeFeed feed, TimeProvider clock)
{
    public Task PublishAsync(int articleId, CancellationToken cancellationToken = default) =>
        ChangeAsync(articleId, ChangeKinds.Published, article =>
        {
            article.Status = ArticleStatus.Published;
            article.PublishedAt ??= clock.GetUtcNow();
            article.Version++;
        }, cancellationToken);

    public Task UnpublishAsync(int articleId, CancellationToken cancellationToken = default) =>
        ChangeAsync(articleId, ChangeKinds.Unpublished, article =>
        {
            article.Status = ArticleStatus.Unpublished;
            article.Version++;
        }, cancellationToken);

    /// <summary>Edits an article; a published one is marked updated so readers see when it changed.</summary>
    public Task UpdateAsync(int articleId, Action<Article> edit, CancellationToken cancellationToken = default) =>
        ChangeAsync(articleId, ChangeKinds.Updated, article =>
        {
            edit(article);
            if (article.Status == ArticleStatus.Published) article.UpdatedAt = clock.GetUtcNow();
            article.Version++;
        }, cancellationToken);

    /// <summary>Adds a new, already published article (imports and demo content take this path).</summary>
    public async Task<Article> CreatePublishedAsync(Article article, CancellationToken cancellationToken = default)
    {
        article.Status = ArticleStatus.Published;
        article.CreatedAt = clock.GetUtcNow();
        article.PublishedAt ??= article.CreatedAt;
        await using var transaction = await BeginAsync(cancellationToken);
        db.Articles.Add(article);
        await db.SaveChangesAsync(cancellationToken);
        await CommitAsync(transaction, article, [], ChangeKinds.Published, cancellationToken);
        return article;
    }

    public Task<IDbContextTransaction> BeginAsync(CancellationToken cancellationToken) => db.Database.BeginTransactionAsync(cancellationToken);

    /// <summary>
    /// Finishes a change begun with <see cref="BeginAsync"/>: records which pages showed the article
    /// before (<paramref name="tagsBefore"/>) and after, saves, commits, then applies the side effects.
    /// A <paramref name="kind"/> of null means readers cannot see the change (a draft saved).
    /// </summary>
    public async Task CommitAsync(IDbContextTransaction transaction, Article article, IReadOnlyList<string> tagsBefore, string? kind, CancellationToken cancellationToken)
    {
        if (kind is not null)
            db.ArticleChanges.Add(ChangeFeed.Record(article.SiteId, article.Id, kind, tagsBefore.Concat(TagsOf(article)), clock.GetUtcNow()));
        // Change records of other articles moved by this one (syndicated copies) count as well.
        var readersSeeIt = db.ChangeTracker.Entries<ArticleChange>().Any(e => e.State == EntityState.Added);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (readersSeeIt) await feed.CatchUpAsync(cancellationToken);
    }

    public static IReadOnlyList<string> TagsOf(Article article) =>
        PageCacheTags.ForArticle(article.SiteId, article.Id, article.SectionId, article.Tags.Select(t => t.TagId), article.WriterId, article.EditorId).ToList();

    private async Task ChangeAsync(int articleId, string kind, Action<Article> change, CancellationToken cancellationToken)
    {
        await using var transaction = await BeginAsync(cancellationToken);
        var article = await db.Articles.Include(a => a.Tags).SingleAsync(a => a.Id == articleId, cancellationToken);
        var before = TagsOf(article);
        change(article);
        await CommitAsync(transaction, article, before, kind, cancellationToken);
    }
}
