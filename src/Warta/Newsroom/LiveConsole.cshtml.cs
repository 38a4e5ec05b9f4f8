using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Warta.Accounts;
using Warta.Content;
using Warta.Data;
using Warta.Live;
using Warta.Media;
using Warta.Network;
using Warta.Publishing;

namespace Warta.Newsroom;

/// <summary>
/// `/redaksi/live/{id}`: the live console. Post with Ctrl+Enter, fix, delete, pin, mark key events,
/// end the report; the reader's page runs beside it. Several people can post at once: the list
/// refreshes itself when anyone changes the report.
/// </summary>
public sealed class LiveConsoleModel(WartaDbContext db, LiveDesk desk, MediaLibrary media, SiteDirectory sites) : PageModel
{
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? EmbedUrl { get; set; }
    [BindProperty] public int? MediaId { get; set; }
    [BindProperty] public bool KeyEvent { get; set; }

    public LiveReport Report { get; private set; } = null!;
    public SiteInfo Site { get; private set; } = null!;
    public IReadOnlyList<LiveEntry> Entries { get; private set; } = [];
    public IReadOnlyList<MediaItem> Photos { get; private set; } = [];
    public string ReaderUrl { get; private set; } = "";
    public string? Message { get; private set; }
    public bool IsEditor => User.Can(Site.Id, StaffRole.Editor);

    public bool MayChange(LiveEntry entry) => IsEditor || entry.PostedById == User.StaffId();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>The entry list alone, for the console's refresh; 204 while nothing changed since <paramref name="since"/>.</summary>
    public async Task<IActionResult> OnGetEntriesAsync(int id, long since, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        if (Report.LastSequence <= since) return StatusCode(StatusCodes.Status204NoContent);
        return Partial("_LiveConsoleEntries", this);
    }

    public Task<IActionResult> OnPostPostAsync(int id, CancellationToken cancellationToken) =>
        StepAsync(id, "Terkirim.", () => desk.PostAsync(User, id, Draft(), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostEditAsync(int id, int entryId, CancellationToken cancellationToken) =>
        StepAsync(id, "Entri diperbarui.", () => desk.EditAsync(User, entryId, Draft(), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostDeleteAsync(int id, int entryId, CancellationToken cancellationToken) =>
        StepAsync(id, "Entri dihapus.", () => desk.DeleteAsync(User, entryId, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostPinAsync(int id, int? entryId, CancellationToken cancellationToken) =>
        StepAsync(id, entryId is null ? "Sematan dilepas." : "Entri disematkan.", () => desk.PinAsync(User, id, entryId, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostStatusAsync(int id, LiveStatus status, CancellationToken cancellationToken) =>
        StepAsync(id, status == LiveStatus.Ended ? "Laporan ditutup." : "Laporan dibuka lagi.", () => desk.SetStatusAsync(User, id, status, cancellationToken), cancellationToken);

    private async Task<IActionResult> StepAsync(int id, string done, Func<Task<LiveResult>> step, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        var result = await step();
        var wantsJson = Request.WantsJson();
        if (result.Outcome == StepOutcome.Forbidden && !wantsJson) return Forbid();
        if (wantsJson) return new JsonResult(new { message = result.Message ?? done, sequence = result.Sequence }) { StatusCode = result.HttpStatus };
        if (result.Succeeded) return Redirect($"/redaksi/live/{id}");
        await LoadAsync(id, cancellationToken);
        Message = result.Message;
        Response.StatusCode = result.HttpStatus;
        return Page();
    }

    /// <summary>The console takes plain text: paragraphs split by an empty line, never markup.</summary>
    private LiveEntryDraft Draft() =>
        new(ArticleHtml.FromParagraphs((Text ?? "").Replace("\r\n", "\n").Split("\n\n")), MediaId is > 0 ? MediaId : null, EmbedUrl, KeyEvent);

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var report = await db.LiveReports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (report is null || sites.FindById(report.SiteId) is not { } site || !User.Can(site.Id, StaffRole.Writer)) return false;
        (Report, Site) = (report, site);
        Entries = await db.LiveEntries.AsNoTracking().Where(e => e.ReportId == id && !e.IsDeleted)
            .OrderByDescending(e => e.PostedAt).ThenByDescending(e => e.Id).ToListAsync(cancellationToken);
        Photos = await media.SearchAsync(site.Id, null, 20, cancellationToken);
        ReaderUrl = PublicOrigin.Link(site, Request, sites, $"/live/{report.Slug}");
        return true;
    }

    /// <summary>An entry as the edit box shows it: its paragraphs' text, an empty line between them.</summary>
    public static string PlainText(string html) => string.Join("\n\n", ArticleHtml.BlockTexts(html));
}
