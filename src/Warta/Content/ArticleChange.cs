namespace Warta.Content;

/// <summary>
/// Written in the same transaction as the change it records: the outbox. Derived state (page cache,
/// search index, feeds) is brought up to date from these rows by the change dispatcher, so a crash after
/// commit is repaired from them later (docs/decisions/0015-change-records-are-the-outbox.md).
/// </summary>
public sealed class ArticleChange
{
    public long Id { get; set; }
    public int SiteId { get; set; }

    /// <summary>The story that changed; null for a change of a site, its lists or a whole import batch.</summary>
    public int? ArticleId { get; set; }

    public required string Kind { get; set; }

    /// <summary>Space-separated cache tags of every page that showed the article before or shows it after.</summary>
    public required string CacheTags { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>A story's change: the pages that showed it before (<paramref name="tagsBefore"/>) and those that show it now.</summary>
    public static ArticleChange For(Article article, string kind, IEnumerable<string> tagsBefore, DateTimeOffset at) =>
        Of(article.SiteId, article.Id, kind, tagsBefore.Concat(article.CacheTags()), at);

    public static ArticleChange Of(int siteId, int? articleId, string kind, IEnumerable<string> cacheTags, DateTimeOffset at) => new()
    {
        SiteId = siteId,
        ArticleId = articleId,
        Kind = kind,
        CacheTags = string.Join(' ', cacheTags.Distinct()),
        At = at,
    };
}

public static class ChangeKinds
{
    public const string Published = "published";
    public const string Updated = "updated";
    public const string Unpublished = "unpublished";
    public const string Imported = "imported";
    public const string Picks = "picks";

    /// <summary>A static page's text changed: that page only (a new page or title is a site change, for the footers).</summary>
    public const string Page = "page";

    /// <summary>A live report changed: its page, and when it opened or ended, every page's promo line.</summary>
    public const string Live = "live";

    /// <summary>Sites or sections changed: every node reloads its site directory.</summary>
    public const string Site = "site";
}
