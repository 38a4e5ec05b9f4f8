namespace Warta.Content;

/// <summary>
/// Written in the same transaction as the change it records. Derived state (page cache, later the
/// search index) is brought up to date from these rows, so a crash after commit is repaired later.
/// </summary>
public sealed class ArticleChange
{
    public long Id { get; set; }
    public int SiteId { get; set; }
    public int? ArticleId { get; set; }
    public required string Kind { get; set; }

    /// <summary>Space-separated cache tags of every page that showed the article before or shows it after.</summary>
    public required string CacheTags { get; set; }

    public DateTimeOffset At { get; set; }
}
