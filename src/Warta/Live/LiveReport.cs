namespace Warta.Live;

public enum LiveStatus
{
    Live = 0,
    Ended = 1,
}

/// <summary>A running report ("LIVE report 24 jam"): its entries arrive at readers as they are posted.</summary>
public sealed class LiveReport
{
    public int Id { get; set; }
    public int SiteId { get; set; }

    /// <summary>Unique within the site: `/live/{slug}`.</summary>
    public required string Slug { get; set; }

    public required string Headline { get; set; }
    public string Summary { get; set; } = "";
    public LiveStatus Status { get; set; }
    public int? LeadMediaId { get; set; }
    public int? PinnedEntryId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// The last event's number. Raised in the transaction that writes the event, so numbers are given
    /// once across every node, in commit order, with no gaps: a reader's Last-Event-ID is one of them.
    /// </summary>
    public long LastSequence { get; set; }
}

/// <summary>One update of a live report; deleted entries stay as rows so their deletion can be replayed.</summary>
public sealed class LiveEntry
{
    public int Id { get; set; }
    public int ReportId { get; set; }
    public DateTimeOffset PostedAt { get; set; }
    public DateTimeOffset? EditedAt { get; set; }
    public int? AuthorId { get; set; }

    /// <summary>Sanitized HTML, the same allowed set as article bodies.</summary>
    public string BodyHtml { get; set; } = "";

    public int? MediaId { get; set; }

    /// <summary>A link shown as a card (a video, a post); never embedded as a frame.</summary>
    public string? EmbedUrl { get; set; }

    public bool IsKeyEvent { get; set; }
    public bool IsDeleted { get; set; }
    public int? PostedById { get; set; }
}

/// <summary>
/// The report's event log: what readers were sent, numbered by <see cref="LiveReport.LastSequence"/>.
/// It is the source of replays after a reconnect, a restart or a lost Redis message.
/// </summary>
public sealed class LiveEvent
{
    public long Id { get; set; }
    public int ReportId { get; set; }
    public long Sequence { get; set; }

    /// <summary>One of <see cref="LiveEventKinds"/>.</summary>
    public required string Kind { get; set; }

    public int? EntryId { get; set; }

    /// <summary>The event's data as sent (JSON), encoded once when written.</summary>
    public required string Data { get; set; }

    public DateTimeOffset At { get; set; }
}

public static class LiveEventKinds
{
    public const string Entry = "entry";
    public const string Edit = "edit";
    public const string Delete = "delete";
    public const string Pin = "pin";
    public const string Status = "status";
}
