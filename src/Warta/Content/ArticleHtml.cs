using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Ganss.Xss;

namespace Warta.Content;

/// <summary>Sanitized HTML, or why the text was refused (then <see cref="Html"/> is empty and nothing may be stored).</summary>
public sealed record SanitizedHtml(string Html, string? Refusal = null);

/// <summary>
/// The HTML an article body may hold, and the only way text becomes body HTML.
/// The allowed set and the limits are documented in docs/content-html.md; anything else is removed.
/// </summary>
public sealed class ArticleHtml
{
    /// <summary>Characters of HTML in one article body: ten times the longest long-form story, far below what stalls a save.</summary>
    public const int MaxBodyLength = 500_000;

    /// <summary>
    /// Elements inside elements. Real bodies stay under 15 (a table cell's list's link); the parser's
    /// work per tag grows with the depth, so deeper markup is refused rather than parsed to the end.
    /// </summary>
    public const int MaxDepth = 64;

    /// <summary>Elements the parser may create, counting those it re-creates for unclosed formatting tags (one tag can become dozens).</summary>
    public const int MaxElements = 100_000;

    /// <summary>Separates the pages of a long article. The sanitizer always serialises it this way.</summary>
    public const string PageBreak = "<hr class=\"page-break\">";

    public const string BacaJugaClass = "baca-juga";

    private static readonly HashSet<string> AllowedTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "h2", "h3", "h4", "blockquote", "ul", "ol", "li", "strong", "em", "b", "i", "u", "s",
        "sub", "sup", "a", "br", "hr", "figure", "figcaption", "img", "table", "thead", "tbody",
        "tr", "th", "td", "caption",
    };

    private static readonly HashSet<string> AllowedAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "href", "src", "alt", "title", "class", "width", "height", "colspan", "rowspan",
    };
    private static readonly HashSet<string> AllowedClasses = ["page-break", BacaJugaClass];

    /// <summary>Blocks that are not kept: their content stays a block of its own (paragraphs) instead of running into its neighbours.</summary>
    private static readonly HashSet<string> UnwrappedBlocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "div", "section", "article", "aside", "header", "footer", "main", "nav", "address", "center", "details", "summary",
        "dialog", "dir", "menu", "search", "hgroup", "fieldset", "form", "dl", "dt", "dd", "h1", "h5", "h6", "pre", "listing",
    };

    private static readonly HashSet<string> KeptBlocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "h2", "h3", "h4", "blockquote", "ul", "ol", "li", "table", "figure", "hr",
    };

    /// <summary>Kept elements a paragraph may sit in; inside any other (a heading, a link) an unwrapped block is set off by a line break instead.</summary>
    private static readonly HashSet<string> HoldParagraphs = new(StringComparer.OrdinalIgnoreCase) { "body", "blockquote", "li", "td", "th", "figure" };

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
            AllowedTags = AllowedTags,
            AllowedAttributes = AllowedAttributes,
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto", "tel"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href", "src"], StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(),
            AllowedClasses = AllowedClasses,
        };
        // Tags reach it already cut down to the allowed set (Copy); it checks them once more, and the attributes, URLs and classes.
        _sanitizer = new HtmlSanitizer(options);
        _sanitizer.PostProcessNode += (_, e) =>
        {
            // Links leave the site without passing the reader's session or referrer to the target.
            if (e.Node is AngleSharp.Html.Dom.IHtmlAnchorElement anchor && IsExternal(anchor.GetAttribute("href")))
                anchor.SetAttribute("rel", "nofollow noopener noreferrer");
        };
    }

    /// <summary>
    /// The body as it may be stored. Text longer than <paramref name="maxLength"/>, nested deeper than
    /// <see cref="MaxDepth"/> or with more than <see cref="MaxElements"/> elements is refused, each in
    /// time linear in its length: the parse stops at the first element past a bound.
    /// </summary>
    public SanitizedHtml Sanitize(string html, int maxLength = MaxBodyLength)
    {
        if (LengthRefusal(html, maxLength) is { } tooLong) return new SanitizedHtml("", tooLong);
        var guard = new ParseGuard();
        AngleSharp.Html.Dom.IHtmlDocument document;
        try
        {
            document = new HtmlParser(new HtmlParserOptions { OnCreated = guard.Created }).ParseDocument("<!doctype html><html><body>" + html);
        }
        catch (MarkupTooComplex tooComplex)
        {
            return new SanitizedHtml("", tooComplex.Message);
        }
        using (document)
        {
            if (guard.TooDeep(null)) return new SanitizedHtml("", DepthRefusal);
            var body = document.CreateElement("body");
            Copy(document.Body!, body);
            document.DocumentElement.ReplaceChild(body, document.Body!);
            _sanitizer.SanitizeDom(document, document.Body);
            var output = new StringWriter();
            Write(body, output, _sanitizer.OutputFormatter);
            return new SanitizedHtml(output.ToString().Trim());
        }
    }

    /// <summary>Why text of this length cannot be stored, or null; for the API to answer before anything is parsed.</summary>
    public static string? LengthRefusal(string? html, int maxLength) => html is not null && html.Length > maxLength
        ? $"Teks paling panjang {Number(maxLength)} karakter; yang dikirim {Number(html.Length)} karakter."
        : null;

    private static readonly string DepthRefusal = $"Tag bersarang lebih dari {MaxDepth} tingkat. Rapikan markupnya (biasanya sisa salin-tempel) lalu kirim lagi.";
    private static readonly string CountRefusal = $"Lebih dari {Number(MaxElements)} elemen HTML. Pecah tulisan ini menjadi beberapa berita.";

    private static string Number(int n) => n.ToString("N0", CultureInfo.GetCultureInfo("id-ID"));

    /// <summary>Thrown from the parser's callback: the only way to stop AngleSharp mid-document.</summary>
    private sealed class MarkupTooComplex(string message) : Exception(message);

    /// <summary>
    /// Watches the parser build the tree. Each element is checked once the next one is created (by then it
    /// is in place), so the depth walk costs at most <see cref="MaxDepth"/> steps per element.
    /// </summary>
    private sealed class ParseGuard
    {
        private IElement? _previous;
        private int _count;

        public void Created(IElement element, AngleSharp.Text.TextPosition _)
        {
            if (++_count > MaxElements + 3) throw new MarkupTooComplex(CountRefusal);
            if (TooDeep(element)) throw new MarkupTooComplex(DepthRefusal);
        }

        /// <summary>True when the element created before <paramref name="next"/> sits deeper than allowed.</summary>
        public bool TooDeep(IElement? next)
        {
            var previous = _previous;
            _previous = next;
            var depth = 0;
            // html and body are the first two ancestors of every body element and do not count.
            for (var node = previous?.ParentElement; node is not null; node = node.ParentElement)
                if (++depth > MaxDepth + 1) return true;
            return false;
        }
    }

    /// <summary>
    /// Copies what <paramref name="from"/> holds into <paramref name="into"/>: allowed elements with their
    /// allowed attributes, text, and the content of what is unwrapped. Building a new tree keeps this linear:
    /// AngleSharp finds a node's siblings by searching its parent's list, so unwrapping in place (and walking
    /// with NextSibling) costs the square of the number of siblings. Recursion is bounded by <see cref="MaxDepth"/>.
    /// </summary>
    private static void Copy(INode from, IElement into)
    {
        foreach (var node in from.ChildNodes) CopyNode(node, into);
    }

    private static void CopyNode(INode node, IElement into)
    {
        var document = into.Owner!;
        switch (node)
        {
            case IText text:
                into.AppendChild(document.CreateTextNode(text.Data));
                break;
            case IElement element when DroppedWithContent.Contains(element.LocalName):
                break;
            case IElement element when AllowedTags.Contains(element.LocalName):
                var copy = document.CreateElement(element.LocalName);
                foreach (var attribute in element.Attributes)
                    if (AllowedAttributes.Contains(attribute.Name)) copy.SetAttribute(attribute.Name, attribute.Value);
                into.AppendChild(copy);
                Copy(element, copy);
                break;
            case IElement element when UnwrappedBlocks.Contains(element.LocalName):
                CopyBlock(element, into);
                break;
            case IElement element:
                Copy(element, into);
                break;
        }
    }

    /// <summary>
    /// An unwrapped block stays a block: its loose text and inline elements are gathered into paragraphs,
    /// so "&lt;div&gt;Satu.&lt;/div&gt;&lt;div&gt;Dua.&lt;/div&gt;" stays two paragraphs. Where a paragraph may not go (a
    /// heading, a link) it is set off by a line break instead.
    /// </summary>
    private static void CopyBlock(IElement block, IElement into)
    {
        var document = into.Owner!;
        if (!HoldParagraphs.Contains(into.LocalName))
        {
            if (into.HasChildNodes) into.AppendChild(document.CreateElement("br"));
            Copy(block, into);
            return;
        }
        IElement? paragraph = null;
        foreach (var child in block.ChildNodes)
        {
            if (child is IElement element && (KeptBlocks.Contains(element.LocalName) || UnwrappedBlocks.Contains(element.LocalName)))
            {
                paragraph = null;
                CopyNode(child, into);
            }
            else if (paragraph is not null || !IsNothing(child))
            {
                if (paragraph is null) into.AppendChild(paragraph = document.CreateElement("p"));
                CopyNode(child, paragraph);
            }
        }
    }

    /// <summary>Serialises children by index, for the same reason as <see cref="Copy"/>; elements and text are all a sanitized tree holds.</summary>
    private static void Write(INode parent, TextWriter output, IMarkupFormatter formatter)
    {
        foreach (var node in parent.ChildNodes)
        {
            if (node is IElement element)
            {
                var selfClosing = element.Flags.HasFlag(NodeFlags.SelfClosing);
                output.Write(formatter.OpenTag(element, selfClosing));
                if (selfClosing) continue;
                Write(element, output, formatter);
                output.Write(formatter.CloseTag(element, selfClosing));
            }
            else if (node is IText text)
            {
                output.Write(formatter.Text(text));
            }
        }
    }

    /// <summary>What does not start a paragraph: white space, comments, code that is dropped anyway.</summary>
    private static bool IsNothing(INode node) => node switch
    {
        IText text => string.IsNullOrWhiteSpace(text.Data),
        IElement element => DroppedWithContent.Contains(element.LocalName),
        _ => true,
    };

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
