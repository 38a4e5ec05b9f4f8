using System.Net;
using System.Text;
using Ganss.Xss;

namespace Warta.Content;

/// <summary>
/// The HTML an article body may hold, and the only way text becomes body HTML.
/// The allowed set is documented in docs/content-html.md; anything else is removed.
/// </summary>
public sealed class ArticleHtml
{
    /// <summary>Separates the pages of a long article. The sanitizer always serialises it this way.</summary>
    public const string PageBreak = "<hr class=\"page-break\">";

    public const string BacaJugaClass = "baca-juga";

    private static readonly string[] AllowedTags =
    [
        "p", "h2", "h3", "h4", "blockquote", "ul", "ol", "li", "strong", "em", "b", "i", "u", "s",
        "sub", "sup", "a", "br", "hr", "figure", "figcaption", "img", "table", "thead", "tbody",
        "tr", "th", "td", "caption",
    ];

    private static readonly string[] AllowedAttributes = ["href", "src", "alt", "title", "class", "width", "height", "colspan", "rowspan"];
    private static readonly HashSet<string> AllowedClasses = ["page-break", BacaJugaClass];

    /// <summary>Removed with everything inside: their content is code or widgets, not article text.</summary>
    private static readonly HashSet<string> DroppedWithContent = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "template", "noscript", "iframe", "object", "embed", "applet", "svg", "math",
        "textarea", "select", "title", "head", "frameset", "frame", "noembed", "noframes", "xmp", "plaintext",
    };

    private readonly HtmlSanitizer _sanitizer;

    public ArticleHtml()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(AllowedTags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(AllowedAttributes, StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href", "src"], StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(),
            AllowedClasses = AllowedClasses,
        };
        // Unknown wrappers (div, span, font) are unwrapped so their text survives; code containers are not.
        _sanitizer = new HtmlSanitizer(options) { KeepChildNodes = true };
        _sanitizer.RemovingTag += (_, e) =>
        {
            if (DroppedWithContent.Contains(e.Tag.LocalName)) e.Tag.InnerHtml = "";
        };
        _sanitizer.PostProcessNode += (_, e) =>
        {
            // Links leave the site without passing the reader's session or referrer to the target.
            if (e.Node is AngleSharp.Html.Dom.IHtmlAnchorElement anchor && IsExternal(anchor.GetAttribute("href")))
                anchor.SetAttribute("rel", "nofollow noopener noreferrer");
        };
    }

    public string Sanitize(string html) => _sanitizer.Sanitize(html).Trim();

    private static readonly AngleSharp.Html.Parser.HtmlParser Parser = new();

    /// <summary>The text of each top-level block of a body, empty ones left out.</summary>
    public static IEnumerable<string> BlockTexts(string bodyHtml) =>
        Parser.ParseDocument($"<body>{bodyHtml}</body>").Body!.Children.Select(block => Normalize(block.TextContent)).Where(t => t.Length > 0);

    /// <summary>The words of a body as one line, for structured data and titles.</summary>
    public static string PlainText(string bodyHtml) => Normalize(Parser.ParseDocument($"<body>{bodyHtml}</body>").Body!.TextContent);

    /// <summary>The "Baca juga" lines of a body, in order: the headline shown and where it links, if anywhere.</summary>
    public static IReadOnlyList<(string Headline, string? Url)> BacaJugaLinks(string bodyHtml) =>
        Parser.ParseDocument($"<body>{bodyHtml}</body>").QuerySelectorAll($"p.{BacaJugaClass}")
            .Select(p => p.QuerySelector("a") is { } a
                ? (Normalize(a.TextContent), a.GetAttribute("href"))
                : (Normalize(p.TextContent.Replace("Baca juga:", "", StringComparison.OrdinalIgnoreCase)), (string?)null))
            .Where(link => link.Item1.Length > 0)
            .ToList();

    /// <summary>Turns plain paragraphs into body HTML; paragraphs are HTML-encoded, so nothing in them is markup.</summary>
    public static string FromParagraphs(IEnumerable<string> paragraphs)
    {
        var html = new StringBuilder();
        foreach (var paragraph in paragraphs)
        {
            var text = Normalize(paragraph);
            if (text.Length == 0) continue;
            html.Append("<p>").Append(WebUtility.HtmlEncode(text)).Append("</p>");
        }
        return html.ToString();
    }

    public static string BacaJuga(string headline, string? url) => url is null
        ? $"<p class=\"{BacaJugaClass}\">Baca juga: <strong>{WebUtility.HtmlEncode(Normalize(headline))}</strong></p>"
        : $"<p class=\"{BacaJugaClass}\">Baca juga: <a href=\"{WebUtility.HtmlEncode(url)}\">{WebUtility.HtmlEncode(Normalize(headline))}</a></p>";

    /// <summary>Non-breaking and other odd spaces become plain spaces; runs of whitespace collapse.</summary>
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var lastWasSpace = false;
        foreach (var c in text)
        {
            var isSpace = char.IsWhiteSpace(c) || c == '\u200b' || c == '\ufeff';
            if (isSpace)
            {
                if (!lastWasSpace && builder.Length > 0) builder.Append(' ');
                lastWasSpace = true;
            }
            else
            {
                builder.Append(c);
                lastWasSpace = false;
            }
        }
        return builder.ToString().TrimEnd();
    }

    public static string[] SplitPages(string bodyHtml) =>
        bodyHtml.Split(PageBreak, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool IsExternal(string? href) =>
        href is not null && (href.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase));
}
