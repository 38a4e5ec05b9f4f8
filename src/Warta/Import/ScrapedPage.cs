using System.Text.RegularExpressions;
using Warta.Content;

namespace Warta.Import;

/// <summary>A news page as scraped text (the seed's shape), split into the parts of an article.</summary>
public sealed record ScrapedPage(
    string Headline,
    string Summary,
    string? Writer,
    string? Editor,
    string? PhotoCredit,
    string? PhotoCaption,
    string? Dateline,
    IReadOnlyList<ScrapedBlock> Body,
    string? SourceSite);

/// <summary>A body paragraph, or a "Baca juga" line naming another story's headline.</summary>
public sealed record ScrapedBlock(string Text, bool IsBacaJuga);

public sealed class ScrapedPageException(string message) : Exception(message);

public static partial class ScrapedPageParser
{
    private const string WriterPrefix = "Penulis:";
    private const string EditorPrefix = "Editor:";
    private const string BacaJugaPrefix = "Baca juga:";
    private const string SourcePrefix = "Sumber:";

    /// <summary>Page furniture inside the text: dropped wherever it stands.</summary>
    private static readonly HashSet<string> Furniture = new(StringComparer.OrdinalIgnoreCase)
    {
        "Berita Rekomendasi", "Halaman", "×", "x", "Tribunnews", "Baca Selengkapnya",
    };

    /// <summary>Lines that start the page footer: nothing after them is article text.</summary>
    private static readonly string[] FooterStarts =
        ["Dapatkan Berita Pilihan", "Ikuti kami di", "Ads you may like", "©", "Copyright", "Atas"];

    public static ScrapedPage Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n').Select(ArticleHtml.Normalize).ToList();

        var writerAt = lines.FindIndex(l => l.StartsWith(WriterPrefix, StringComparison.OrdinalIgnoreCase));
        var editorAt = lines.FindIndex(l => l.StartsWith(EditorPrefix, StringComparison.OrdinalIgnoreCase));
        var bylineAt = writerAt >= 0 ? writerAt : editorAt;
        if (bylineAt < 0)
            throw new ScrapedPageException("Baris 'Penulis:' atau 'Editor:' tidak ditemukan; tidak bisa menentukan judul dan isi.");

        var heading = lines.Take(bylineAt).Where(l => l.Length > 0 && !IsPromo(l)).ToList();
        if (heading.Count == 0) throw new ScrapedPageException("Judul tidak ditemukan sebelum baris 'Penulis:'.");
        // The masthead brand may precede the headline; the last two lines before the byline are headline and summary.
        var (headline, summary) = heading.Count >= 2 ? (heading[^2], heading[^1]) : (heading[0], "");
        if (heading.Count >= 2 && LooksLikeBrand(heading[^2]) && !LooksLikeBrand(heading[^1]))
            (headline, summary) = (heading[^1], "");

        var afterBylines = Math.Max(writerAt, editorAt) + 1;
        var bodyAt = lines.FindIndex(afterBylines, l => DatelineLead().IsMatch(l));
        if (bodyAt < 0)
            bodyAt = lines.FindIndex(afterBylines, l => l.Length > 0 && !IsZoomLabel(l)) is var first && first >= 0 ? first : lines.Count;

        var mediaLines = lines.Skip(afterBylines).Take(bodyAt - afterBylines).Where(l => l.Length > 0 && !IsZoomLabel(l)).ToList();
        var credit = mediaLines.FirstOrDefault(IsCredit);
        var caption = mediaLines.Where(l => l != credit).OrderByDescending(l => l.Length).FirstOrDefault();
        if (caption is not null && summary.Length > 0)
            caption = StripSummarySuffix(caption, summary);

        string? dateline = null;
        string? source = null;
        var body = new List<ScrapedBlock>();
        for (var i = bodyAt; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Length == 0 || Furniture.Contains(line) || PageNumbers().IsMatch(line)) continue;
            if (line.StartsWith(SourcePrefix, StringComparison.OrdinalIgnoreCase))
            {
                source = line[SourcePrefix.Length..].Trim();
                break;
            }
            if (FooterStarts.Any(f => line.StartsWith(f, StringComparison.OrdinalIgnoreCase))) break;
            if (line.StartsWith(BacaJugaPrefix, StringComparison.OrdinalIgnoreCase))
            {
                var target = line[BacaJugaPrefix.Length..].Trim();
                if (target.Length > 0) body.Add(new ScrapedBlock(target, true));
                continue;
            }
            if (body.Count == 0 && dateline is null && DatelineLead().Match(line) is { Success: true } lead)
            {
                dateline = lead.Groups["dateline"].Value;
                line = lead.Groups["rest"].Value;
            }
            body.Add(new ScrapedBlock(line, false));
        }

        if (!body.Any(b => !b.IsBacaJuga)) throw new ScrapedPageException("Isi berita kosong: tidak ada paragraf setelah judul dan foto.");

        return new ScrapedPage(
            headline, summary,
            writerAt >= 0 ? NullIfEmpty(lines[writerAt][WriterPrefix.Length..]) : null,
            editorAt >= 0 ? NullIfEmpty(lines[editorAt][EditorPrefix.Length..]) : null,
            credit, caption, dateline, body, NullIfEmpty(source ?? ""));
    }

    private static string? NullIfEmpty(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static bool IsPromo(string line) => line.StartsWith("Nikmati berita", StringComparison.OrdinalIgnoreCase);

    private static bool IsZoomLabel(string line) => line.StartsWith("zoom-in", StringComparison.OrdinalIgnoreCase);

    /// <summary>A one-word masthead such as "Tribun".</summary>
    private static bool LooksLikeBrand(string line) => !line.Contains(' ') && line.Length <= 30;

    /// <summary>"Anatolii Stepanov / AFP": short, attributed, not a sentence.</summary>
    private static bool IsCredit(string line) => line.Length <= 100 && !line.EndsWith('.') && (line.Contains('/') || line.Contains("Foto", StringComparison.OrdinalIgnoreCase));

    /// <summary>Scraped captions often end with " - " and the article's summary; that repeat is not part of the caption.</summary>
    private static string StripSummarySuffix(string caption, string summary)
    {
        var trimmedSummary = summary.TrimEnd('.', ' ');
        var at = caption.LastIndexOf(" - ", StringComparison.Ordinal);
        if (at > 0 && caption[(at + 3)..].TrimEnd('.', ' ').StartsWith(trimmedSummary, StringComparison.Ordinal))
            return caption[..at].TrimEnd();
        return caption;
    }

    [GeneratedRegex(@"^(?<dateline>[A-Z][A-Z ,.]{1,60}?(?:\.(?:COM|com|CO\.ID|co\.id|ID|id|NET|net))?)\s+[-–—]\s+(?<rest>\S.*)$")]
    private static partial Regex DatelineLead();

    [GeneratedRegex(@"^\d{1,3}$")]
    private static partial Regex PageNumbers();
}
