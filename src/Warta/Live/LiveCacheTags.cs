using AngleSharp.Html.Parser;

namespace Warta.Live;

public static class LiveCacheTags
{
    /// <summary>The cached `/live/{slug}` page of a report, evicted by every event.</summary>
    public static string Report(int reportId) => $"live:{reportId}";
}

public static class LiveText
{
    private static readonly HtmlParser Parser = new();

    /// <summary>The words of an entry, for structured data and titles.</summary>
    public static string Plain(string html) =>
        string.Join(" ", Parser.ParseDocument($"<body>{html}</body>").Body!.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
