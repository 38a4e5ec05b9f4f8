using Microsoft.EntityFrameworkCore;
using Warta.Data;
using Warta.Reading;

namespace Warta.Live;

public sealed class LiveQueries(WartaDbContext db) : ILivePromo
{
    /// <summary>How many missed events a reconnecting reader may replay; beyond that the page reloads.</summary>
    public const int MaxReplay = 500;

    public Task<LiveReport?> FindAsync(int siteId, string slug, CancellationToken cancellationToken) =>
        db.LiveReports.AsNoTracking().FirstOrDefaultAsync(r => r.SiteId == siteId && r.Slug == slug, cancellationToken);

    /// <summary>Entries readers see, newest first (ordered here: a report holds hundreds, not millions).</summary>
    public async Task<List<LiveEntryView>> EntriesAsync(int reportId, CancellationToken cancellationToken) =>
        (await Views(db.LiveEntries.AsNoTracking().Where(e => e.ReportId == reportId && !e.IsDeleted)).ToListAsync(cancellationToken))
            .OrderByDescending(e => e.PostedAt).ThenByDescending(e => e.Id).ToList();

    public Task<LiveEntryView?> EntryAsync(int entryId, CancellationToken cancellationToken) =>
        Views(db.LiveEntries.AsNoTracking().Where(e => e.Id == entryId)).FirstOrDefaultAsync(cancellationToken);

    public Task<bool> EntryBelongsAsync(int reportId, int entryId, CancellationToken cancellationToken) =>
        db.LiveEntries.AnyAsync(e => e.Id == entryId && e.ReportId == reportId, cancellationToken);

    /// <summary>Events after <paramref name="since"/>, oldest first; at most <paramref name="limit"/>.</summary>
    public Task<List<LiveEvent>> EventsSinceAsync(int reportId, long since, int limit, CancellationToken cancellationToken) =>
        db.LiveEvents.AsNoTracking().Where(e => e.ReportId == reportId && e.Sequence > since)
            .OrderBy(e => e.Sequence).Take(limit).ToListAsync(cancellationToken);

    /// <summary>The site's most recently updated running report: the "LIVE" promo line.</summary>
    public Task<LivePromo?> RunningAsync(int siteId, CancellationToken cancellationToken) =>
        db.LiveReports.AsNoTracking().Where(r => r.SiteId == siteId && r.Status == LiveStatus.Live)
            .OrderByDescending(r => r.UpdatedAt).Select(r => new LivePromo(r.Slug, r.Headline)).FirstOrDefaultAsync(cancellationToken);

    private IQueryable<LiveEntryView> Views(IQueryable<LiveEntry> entries) =>
        from e in entries
        join author in db.People on e.AuthorId equals author.Id into authors
        from author in authors.DefaultIfEmpty()
        join media in db.Media on e.MediaId equals media.Id into photos
        from media in photos.DefaultIfEmpty()
        select new LiveEntryView(e.Id, e.PostedAt, e.EditedAt, author == null ? null : author.Name, e.BodyHtml,
            media == null ? null : new Photo(media.StorageKey, media.Extension, media.Width, media.Height, media.Caption, media.Credit, media.AltText),
            e.EmbedUrl, e.IsKeyEvent);
}
