namespace Warta.Tests.Infrastructure;

/// <summary>
/// The project's test material lives in ../shared beside the repository and never inside it.
/// Tests that need it skip, saying why, when it is not there.
/// </summary>
public static class SharedFiles
{
    // Declared first: static initializers run in order, and Root needs it.
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string? Root { get; } = Find();

    public static string Seed => Path.Combine(Require(), "seed", "tribun-donetsk-kim.txt");

    public static string Corpus => Path.Combine(Require(), "data", "id-news-sample.jsonl");

    public static string Require()
    {
        Skip.If(Root is null, "../shared (seed page and corpus) is not beside this checkout; set WARTA_SHARED to its path.");
        return Root!;
    }

    private static string? Find()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("WARTA_SHARED");
        if (!string.IsNullOrEmpty(fromEnvironment)) return Directory.Exists(fromEnvironment) ? fromEnvironment : null;
        var beside = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));
        return Directory.Exists(Path.Combine(beside, "seed")) ? beside : null;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Warta.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Warta.slnx not found above the test assembly.");
    }
}
