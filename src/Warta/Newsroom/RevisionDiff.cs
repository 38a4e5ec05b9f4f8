using AngleSharp.Html.Parser;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace Warta.Newsroom;

/// <summary>
/// Two versions of a story side by side, paragraph by paragraph, with the changed words marked, as
/// editors compare drafts. Bodies are compared as the text readers read, one block a line.
/// </summary>
public static class RevisionDiff
{
    private static readonly HtmlParser Parser = new();

    /// <summary>Line by line; lines that changed carry their words as sub-pieces.</summary>
    public static SideBySideDiffModel Compare(string before, string after) => SideBySideDiffBuilder.Diff(before, after, ignoreWhiteSpace: true, ignoreCase: false);

    public static string BodyText(string html)
    {
        var document = Parser.ParseDocument($"<body>{html}</body>");
        var lines = document.Body!.Children.Select(block => block switch
        {
            _ when block.LocalName == "hr" && block.ClassList.Contains("page-break") => "[pemisah halaman]",
            _ when block.LocalName == "figure" => $"[foto] {block.TextContent.Trim()}",
            _ => string.Join(" ", block.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)),
        });
        return string.Join("\n", lines);
    }
}
