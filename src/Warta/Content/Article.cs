namespace Warta.Content;

public enum ArticleStatus
{
    Draft = 0,
    Submitted = 1,
    Scheduled = 2,
    Published = 3,
    Unpublished = 4,
}

public sealed class Article
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public int SectionId { get; set; }
    public Section? Section { get; set; }

    /// <summary>Unique within the site; the date in the URL is decoration checked on read.</summary>
    public required string Slug { get; set; }

    public required string Headline { get; set; }
    public string Summary { get; set; } = "";

    /// <summary>Printed before the first paragraph, e.g. "SOLO, WARTASOLO.COM".</summary>
    public string? Dateline { get; set; }

    /// <summary>Sanitized HTML (see <see cref="ArticleHtml"/>); pages are split by <see cref="ArticleHtml.PageBreak"/>.</summary>
    public string BodyHtml { get; set; } = "";

    public int? WriterId { get; set; }
    public Person? Writer { get; set; }
    public int? EditorId { get; set; }
    public Person? Editor { get; set; }

    public ArticleStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>Set when a published story is changed in substance; readers see "Diperbarui".</summary>
    public DateTimeOffset? UpdatedAt { get; set; }

    public int? LeadMediaId { get; set; }
    public MediaAsset? LeadMedia { get; set; }

    /// <summary>The id an import gave the record (e.g. "clickid-05d4dca335f0"), so imports are idempotent.</summary>
    public string? ExternalId { get; set; }

    /// <summary>For a story republished from elsewhere: the origin's article when it is in this network.</summary>
    public int? OriginArticleId { get; set; }

    /// <summary>Shown as "Sumber: TribunSolo.com".</summary>
    public string? OriginSiteName { get; set; }

    /// <summary>Canonical URL of the origin, for syndicated stories.</summary>
    public string? OriginUrl { get; set; }

    /// <summary>Raised by every save; a save that names an older version is a conflict, not an overwrite.</summary>
    public int Version { get; set; } = 1;

    /// <summary>The editor's note when a story goes back to its writer.</summary>
    public string? ReturnComment { get; set; }

    /// <summary>The staff account that started the story (null for imports and the demo).</summary>
    public int? CreatedById { get; set; }

    public List<ArticleTag> Tags { get; set; } = [];
    public List<RelatedLink> RelatedLinks { get; set; } = [];
}

/// <summary>Every save of an article, kept whole, so any state can be compared and restored.</summary>
public sealed class ArticleRevision
{
    public long Id { get; set; }
    public int ArticleId { get; set; }
    public int Number { get; set; }
    public int? UserId { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>"save", "submit", "return", "publish", "schedule", "unpublish", or "conflict" for a save that lost a race.</summary>
    public required string Kind { get; set; }

    public required string Headline { get; set; }
    public string Summary { get; set; } = "";
    public string BodyHtml { get; set; } = "";
    public string? Comment { get; set; }
}

public sealed class ArticleTag
{
    public int ArticleId { get; set; }
    public int TagId { get; set; }
    public Tag? Tag { get; set; }
    public int Position { get; set; }
}

/// <summary>A "Baca juga" link in the body, kept as a row so a renamed target can be found.</summary>
public sealed class RelatedLink
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public int Position { get; set; }
    public required string Headline { get; set; }

    /// <summary>Null when the target is not (yet) in the store; the line is then shown without a link.</summary>
    public string? Url { get; set; }

    public int? TargetArticleId { get; set; }
}
