using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Warta.Content;
using Warta.Network;
using Warta.Reading;

namespace Warta.Live;

/// <summary>
/// `/live/{slug}`: the whole report rendered on the server (readable without script, indexable as a
/// `LiveBlogPosting`), then kept current by `/live/{slug}/events` from the sequence number it carries.
/// </summary>
[OutputCache(PolicyName = ReaderPagePolicy.Name)]
public sealed class LivePageModel(LiveQueries queries) : PageModel
{
    public LiveReport Report { get; private set; } = null!;
    public IReadOnlyList<LiveEntryView> Entries { get; private set; } = [];
    public LiveEntryView? Pinned { get; private set; }
    public string JsonLd { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var site = HttpContext.Site();
        if (await queries.FindAsync(site.Id, slug, cancellationToken) is not { } report) return NotFound();
        Report = report;
        Entries = await queries.EntriesAsync(report.Id, cancellationToken);
        Pinned = Entries.FirstOrDefault(e => e.Id == report.PinnedEntryId);
        JsonLd = StructuredData(site, report, Entries);
        HttpContext.TagPage([LiveCacheTags.Report(report.Id)]);
        return Page();
    }

    private string StructuredData(SiteInfo site, LiveReport report, IReadOnlyList<LiveEntryView> entries)
    {
        string Time(DateTimeOffset at) => site.TimeZone.ToLocal(at).ToString("yyyy-MM-ddTHH:mm:sszzz");
        var url = Request.Absolute($"/live/{report.Slug}");
        var data = new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "LiveBlogPosting",
            ["@id"] = url,
            ["url"] = url,
            ["headline"] = report.Headline,
            ["description"] = report.Summary,
            ["inLanguage"] = "id-ID",
            ["datePublished"] = Time(report.CreatedAt),
            ["dateModified"] = Time(report.UpdatedAt),
            ["coverageStartTime"] = Time(report.CreatedAt),
            ["publisher"] = new Dictionary<string, object?> { ["@type"] = "NewsMediaOrganization", ["name"] = site.Name, ["url"] = Request.Absolute("/") },
            ["liveBlogUpdate"] = entries.Take(100).Select(e =>
            {
                var text = ArticleHtml.PlainText(e.BodyHtml);
                return new Dictionary<string, object?>
                {
                    ["@type"] = "BlogPosting",
                    ["@id"] = $"{url}#entri-{e.Id}",
                    ["headline"] = text.Length > 110 ? text[..107] + "..." : text,
                    ["articleBody"] = text,
                    ["datePublished"] = Time(e.PostedAt),
                    ["dateModified"] = Time(e.EditedAt ?? e.PostedAt),
                };
            }).ToArray(),
        };
        if (report.Status == LiveStatus.Ended) data["coverageEndTime"] = Time(report.UpdatedAt);
        return JsonSerializer.Serialize(data);
    }
}
