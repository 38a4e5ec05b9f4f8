using System.Text.RegularExpressions;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Architecture;

/// <summary>
/// Issue 9: feature folders depend on the shared base and on what they are built on, never sideways.
/// The source is scanned for every reference to another folder's namespace (usings, qualified names,
/// crefs, Razor injections); the table below is the architecture, and a reference it does not allow fails.
/// </summary>
public sealed partial class FeatureBoundariesTests
{
    /// <summary>What every feature stands on: the store, accounts, content, sites and the app's settings. They may use one another.</summary>
    private static readonly string[] Base = ["Data", "Accounts", "Content", "Network", "Operations"];

    /// <summary>Beyond the base, what each folder is built on.</summary>
    private static readonly Dictionary<string, string[]> BuiltOn = new()
    {
        ["Data"] = ["*"], // the one model maps every feature's entities (docs/decisions/0002)
        ["Accounts"] = [],
        ["Content"] = [],
        ["Network"] = [],
        ["Security"] = [],
        ["Media"] = ["Publishing"], // a caption change is a change to the stories leading with the photo
        ["Operations"] = [],
        ["Publishing"] = [],
        ["Reading"] = ["Media", "Publishing", "Security"],
        ["Recommend"] = ["Media", "Reading"],
        ["Live"] = ["Media", "Publishing", "Reading", "Security"],
        ["Newsroom"] = ["Media", "Publishing", "Reading", "Live", "Security", "Administration"],
        ["Administration"] = ["Publishing"], // a change to a site is a change record, dispatched like a story's
        ["Import"] = ["Media", "Publishing", "Reading"],
        ["Demo"] = ["Media", "Publishing", "Reading", "Live"],
        ["CommandLine"] = ["*"], // the verbs compose the app, like Program.cs
    };

    [Fact]
    public void EveryFolderIsInTheTable()
    {
        var folders = Directory.GetDirectories(SourceRoot).Select(Path.GetFileName).OfType<string>()
            .Where(f => f is not ("bin" or "obj" or "wwwroot" or "ClientApp")).Order().ToList();
        Assert.Equal(folders, BuiltOn.Keys.Order().ToList());
    }

    /// <summary>The table itself has no cycle: a folder is never built, even through others, on one built on it.</summary>
    [Fact]
    public void NoFolderIsBuiltOnItselfThroughOthers()
    {
        IEnumerable<string> Below(string folder) => BuiltOn[folder].Where(f => f != "*");
        bool Reaches(string from, string to, HashSet<string> seen) =>
            Below(from).Any(next => next == to || (seen.Add(next) && Reaches(next, to, seen)));
        var cycles = BuiltOn.Keys.Where(folder => Reaches(folder, folder, [])).ToList();
        Assert.True(cycles.Count == 0, $"Built on themselves: {string.Join(", ", cycles)}");
    }

    [Fact]
    public void NoFeatureFolderReachesSideways()
    {
        var files = Directory.EnumerateFiles(SourceRoot, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs") || f.EndsWith(".cshtml"))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(f => (Folder: Path.GetRelativePath(SourceRoot, f).Split(Path.DirectorySeparatorChar)[0], Path: f))
            .Where(f => BuiltOn.ContainsKey(f.Folder));
        var forbidden = files.SelectMany(f => Violations(f.Folder, Path.GetRelativePath(SourceRoot, f.Path), File.ReadAllText(f.Path))).ToList();
        Assert.True(forbidden.Count == 0, $"References the boundaries forbid:\n{string.Join("\n", forbidden)}");
    }

    /// <summary>The scan itself can fail: a deliberately forbidden using in Content, and a qualified name in Recommend, are caught.</summary>
    [Theory]
    [InlineData("Content", "using Warta.Reading;\nnamespace Warta.Content;", "Reading")]
    [InlineData("Reading", "@inject Warta.Recommend.Recommendations Recommendations", "Recommend")]
    [InlineData("Live", "return Newsroom.WorkflowResult.Ok;", "Newsroom")]
    [InlineData("Publishing", "/// <see cref=\"Reading.PageCacheEviction\"/>", "Reading")]
    public void AForbiddenReferenceIsFound(string folder, string source, string target)
    {
        var found = Assert.Single(Violations(folder, "sample.cs", source));
        Assert.Contains($"{folder} -> {target}", found);
    }

    [Theory]
    [InlineData("Reading", "using Warta.Content;\nusing Warta.Publishing;")]
    [InlineData("Newsroom", "Live.LiveDesk desk; Content.ArticleUrls.Path(a, b, c, d);")]
    [InlineData("Content", "var media = \"Media.Root\"; // text, not a reference")]
    public void AnAllowedReferenceIsNot(string folder, string source) => Assert.Empty(Violations(folder, "sample.cs", source));

    private static IEnumerable<string> Violations(string folder, string file, string source)
    {
        var allowed = BuiltOn[folder];
        if (allowed.Contains("*")) yield break;
        var lines = source.Split('\n');
        for (var number = 0; number < lines.Length; number++)
        {
            // Text in quotes names nothing, except in doc comments, where crefs are references.
            var line = lines[number].TrimStart().StartsWith("///") ? lines[number] : StringLiteral().Replace(lines[number], "\"\"");
            foreach (var target in Reference().Matches(line).Select(m => m.Groups["folder"].Value).Where(BuiltOn.ContainsKey).Distinct())
                if (target != folder && !Base.Contains(target) && !allowed.Contains(target))
                    yield return $"{file}:{number + 1}: {folder} -> {target}: {lines[number].Trim()}";
        }
    }

    [GeneratedRegex(@"(?:\bWarta\.|(?<![\w.]))(?<folder>[A-Z]\w*)\.[A-Z]|\busing\s+(?:static\s+)?Warta\.(?<folder>\w+)")]
    private static partial Regex Reference();

    [GeneratedRegex(@"""(?:[^""\\]|\\.)*""")]
    private static partial Regex StringLiteral();

    private static string SourceRoot => Path.Combine(SharedFiles.RepositoryRoot, "src", "Warta");
}
