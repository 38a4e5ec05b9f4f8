using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Warta.Accounts;
using Warta.Content;
using Warta.Data;
using Warta.Network;
using Warta.Publishing;
using Warta.Reading;

namespace Warta.Live;

/// <summary>What a reporter sends for an entry.</summary>
public sealed record LiveEntryDraft(string BodyHtml, int? MediaId = null, string? EmbedUrl = null, bool IsKeyEvent = false);

/// <summary>
/// Changes to live reports. Each change and its numbered event commit together; the event is then
/// announced to every node. Writers of the site post and fix their own entries; editors do anything
/// (edit or delete others' entries, pin, end or reopen the report).
/// </summary>
public sealed class LiveDesk(WartaDbContext db, LiveQueries queries, People people, ILiveBus bus, ChangeDispatcher dispatcher, ArticleHtml html, SiteDirectory sites, AuditLog audit, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Characters of HTML in one entry: a few paragraphs, as a live update is.</summary>
    public const int MaxEntryLength = 20_000;

    public async Task<LiveResult> CreateAsync(ClaimsPrincipal user, int siteId, string headline, string summary, CancellationToken cancellationToken)
    {
        if (!user.Can(siteId, StaffRole.Editor)) return new LiveResult(StepOutcome.Forbidden, Message: "Hanya editor yang bisa membuka laporan langsung.");
        if (string.IsNullOrWhiteSpace(headline) || headline.Length > 300) return new LiveResult(StepOutcome.Invalid, Message: "Judul wajib diisi, paling panjang 300 karakter.");
        var wanted = Slugs.From(headline);
        var taken = await db.LiveReports.Where(r => r.SiteId == siteId && r.Slug.StartsWith(wanted)).Select(r => r.Slug).ToListAsync(cancellationToken);
        var slug = SlugAllocator.Next(wanted, taken.ToHashSet());
        var now = clock.GetUtcNow();
        var report = new LiveReport { SiteId = siteId, Slug = slug, Headline = headline.Trim(), Summary = summary.Trim(), CreatedAt = now, UpdatedAt = now };
        db.LiveReports.Add(report);
        audit.Record(AuditActions.LiveOpened, user, siteId, $"live:{slug}", report.Headline);
        db.ArticleChanges.Add(ArticleChange.Of(siteId, null, ChangeKinds.Live, [PageCacheTags.Site(siteId)], now));
        await db.SaveChangesAsync(cancellationToken);
        await dispatcher.DispatchAfterCommitAsync(cancellationToken);
        return new LiveResult(StepOutcome.Ok, report.Id);
    }

    public async Task<LiveResult> PostAsync(ClaimsPrincipal user, int reportId, LiveEntryDraft draft, CancellationToken cancellationToken)
    {
        var report = await db.LiveReports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == reportId, cancellationToken);
        if (report is null) return NotFound;
        if (!user.Can(report.SiteId, StaffRole.Writer)) return Forbidden;
        if (report.Status != LiveStatus.Live) return new LiveResult(StepOutcome.Invalid, Message: "Laporan ini sudah ditutup.");
        var (problem, body) = await CheckAsync(report.SiteId, draft, cancellationToken);
        if (problem is not null) return problem;
        return await ChangeAsync(report, LiveEventKinds.Entry, async () =>
        {
            var entry = new LiveEntry
            {
                ReportId = reportId, PostedAt = clock.GetUtcNow(), AuthorId = (await people.OfStaffAsync(user.StaffId(), cancellationToken))?.Id, PostedById = user.StaffId(),
            };
            Apply(entry, draft, body);
            db.LiveEntries.Add(entry);
            await db.SaveChangesAsync(cancellationToken);
            return (int?)entry.Id;
        }, cancellationToken);
    }

    public async Task<LiveResult> EditAsync(ClaimsPrincipal user, int entryId, LiveEntryDraft draft, CancellationToken cancellationToken)
    {
        var (entry, report, refusal) = await EntryForChangeAsync(user, entryId, cancellationToken);
        if (refusal is not null) return refusal;
        var (problem, body) = await CheckAsync(report!.SiteId, draft, cancellationToken);
        if (problem is not null) return problem;
        return await ChangeAsync(report, LiveEventKinds.Edit, () =>
        {
            Apply(entry!, draft, body);
            entry!.EditedAt = clock.GetUtcNow();
            return Task.FromResult<int?>(entry.Id);
        }, cancellationToken);
    }

    public async Task<LiveResult> DeleteAsync(ClaimsPrincipal user, int entryId, CancellationToken cancellationToken)
    {
        var (entry, report, refusal) = await EntryForChangeAsync(user, entryId, cancellationToken);
        if (refusal is not null) return refusal;
        return await ChangeAsync(report!, LiveEventKinds.Delete, () =>
        {
            entry!.IsDeleted = true;
            return Task.FromResult<int?>(entry.Id);
        }, cancellationToken);
    }

    /// <summary>Pins an entry above the stream, or unpins with null.</summary>
    public async Task<LiveResult> PinAsync(ClaimsPrincipal user, int reportId, int? entryId, CancellationToken cancellationToken)
    {
        var report = await db.LiveReports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == reportId, cancellationToken);
        if (report is null) return NotFound;
        if (!user.Can(report.SiteId, StaffRole.Editor)) return Forbidden;
        if (entryId is { } id && !await db.LiveEntries.AnyAsync(e => e.Id == id && e.ReportId == reportId && !e.IsDeleted, cancellationToken))
            return new LiveResult(StepOutcome.Invalid, Message: "Entri itu tidak ada di laporan ini.");
        return await ChangeAsync(report, LiveEventKinds.Pin, () => Task.FromResult(entryId), cancellationToken);
    }

    public async Task<LiveResult> SetStatusAsync(ClaimsPrincipal user, int reportId, LiveStatus status, CancellationToken cancellationToken)
    {
        var report = await db.LiveReports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == reportId, cancellationToken);
        if (report is null) return NotFound;
        if (!user.Can(report.SiteId, StaffRole.Editor)) return Forbidden;
        audit.Record(status == LiveStatus.Ended ? AuditActions.LiveEnded : AuditActions.LiveOpened, user, report.SiteId, $"live:{report.Slug}", report.Headline);
        return await ChangeAsync(report, LiveEventKinds.Status, () => Task.FromResult<int?>(null), cancellationToken, status);
    }

    private static readonly LiveResult NotFound = new(StepOutcome.NotFound, Message: "Tidak ditemukan.");
    private static readonly LiveResult Forbidden = new(StepOutcome.Forbidden, Message: "Anda tidak bisa mengubah laporan ini.");

    /// <summary>
    /// The change, its event number and the event commit together. Numbering comes first: the row
    /// lock it takes orders concurrent writers, so events commit in sequence order on every database.
    /// </summary>
    private async Task<LiveResult> ChangeAsync(LiveReport report, string kind, Func<Task<int?>> change, CancellationToken cancellationToken, LiveStatus? status = null)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LiveReports.Where(r => r.Id == report.Id).ExecuteUpdateAsync(set => set
            .SetProperty(r => r.LastSequence, r => r.LastSequence + 1)
            .SetProperty(r => r.UpdatedAt, now), cancellationToken);
        var sequence = await db.LiveReports.Where(r => r.Id == report.Id).Select(r => r.LastSequence).SingleAsync(cancellationToken);
        var entryId = await change();
        if (kind == LiveEventKinds.Pin)
            await db.LiveReports.Where(r => r.Id == report.Id).ExecuteUpdateAsync(set => set.SetProperty(r => r.PinnedEntryId, entryId), cancellationToken);
        if (status is { } newStatus)
            await db.LiveReports.Where(r => r.Id == report.Id).ExecuteUpdateAsync(set => set.SetProperty(r => r.Status, newStatus), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        var liveEvent = new LiveEvent
        {
            ReportId = report.Id, Sequence = sequence, Kind = kind, EntryId = entryId, At = now,
            Data = await DataAsync(report, kind, sequence, entryId, status, cancellationToken),
        };
        db.LiveEvents.Add(liveEvent);
        // The cached report page goes with every event; the promo line on every page when it opens or ends.
        string[] stale = status is null ? [LiveCacheTags.Report(report.Id)] : [LiveCacheTags.Report(report.Id), PageCacheTags.Site(report.SiteId)];
        db.ArticleChanges.Add(ArticleChange.Of(report.SiteId, null, ChangeKinds.Live, stale, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await bus.PublishAsync(liveEvent, cancellationToken);
        await dispatcher.DispatchAfterCommitAsync(cancellationToken);
        return new LiveResult(StepOutcome.Ok, report.Id, entryId, sequence);
    }

    /// <summary>What the page needs to apply the event: the entry's finished HTML, rendered once here.</summary>
    private async Task<string> DataAsync(LiveReport report, string kind, long sequence, int? entryId, LiveStatus? status, CancellationToken cancellationToken)
    {
        var zone = sites.FindById(report.SiteId)?.TimeZone ?? IndonesianTimeZone.Wib;
        var view = entryId is { } id && kind != LiveEventKinds.Delete ? await queries.EntryAsync(id, cancellationToken) : null;
        object data = kind switch
        {
            LiveEventKinds.Status => new { seq = sequence, status = status == LiveStatus.Ended ? "ended" : "live" },
            LiveEventKinds.Delete => new { seq = sequence, id = entryId },
            _ => new { seq = sequence, id = entryId, key = view?.IsKeyEvent ?? false, html = view is null ? null : LiveEntryHtml.Render(view, zone) },
        };
        return JsonSerializer.Serialize(data, Json);
    }

    private async Task<(LiveEntry? Entry, LiveReport? Report, LiveResult? Refusal)> EntryForChangeAsync(ClaimsPrincipal user, int entryId, CancellationToken cancellationToken)
    {
        var entry = await db.LiveEntries.SingleOrDefaultAsync(e => e.Id == entryId && !e.IsDeleted, cancellationToken);
        var report = entry is null ? null : await db.LiveReports.AsNoTracking().SingleAsync(r => r.Id == entry.ReportId, cancellationToken);
        if (entry is null || report is null) return (null, null, NotFound);
        var mayChange = user.Can(report.SiteId, StaffRole.Editor) || (user.Can(report.SiteId, StaffRole.Writer) && entry.PostedById == user.StaffId());
        return mayChange ? (entry, report, null) : (null, null, Forbidden);
    }

    /// <summary>Why the entry cannot be posted, or null; and its body sanitized once, for <see cref="Apply"/>.</summary>
    private async Task<(LiveResult? Problem, string BodyHtml)> CheckAsync(int siteId, LiveEntryDraft draft, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        var body = html.Sanitize(draft.BodyHtml, MaxEntryLength);
        if (body.Refusal is { } refusal) errors.Add($"Entri ditolak: {refusal}");
        else if (ArticleHtml.PlainText(body.Html).Length == 0 && draft.MediaId is null && string.IsNullOrWhiteSpace(draft.EmbedUrl)) errors.Add("Entri kosong.");
        if (!string.IsNullOrWhiteSpace(draft.EmbedUrl) && !(Uri.TryCreate(draft.EmbedUrl.Trim(), UriKind.Absolute, out var url) && url.Scheme is "http" or "https"))
            errors.Add("Tautan sematan harus alamat http atau https.");
        if (draft.MediaId is { } mediaId && !await db.Media.AnyAsync(m => m.Id == mediaId && m.SiteId == siteId, cancellationToken))
            errors.Add("Foto harus dari pustaka foto situs ini.");
        return (errors.Count == 0 ? null : new LiveResult(StepOutcome.Invalid, Message: string.Join(" ", errors)), body.Html);
    }

    private static void Apply(LiveEntry entry, LiveEntryDraft draft, string bodyHtml)
    {
        entry.BodyHtml = bodyHtml;
        entry.MediaId = draft.MediaId;
        entry.EmbedUrl = string.IsNullOrWhiteSpace(draft.EmbedUrl) ? null : draft.EmbedUrl.Trim();
        entry.IsKeyEvent = draft.IsKeyEvent;
    }
}
