using Microsoft.Extensions.DependencyInjection;
using Warta.Import;
using Warta.Network;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Import;

/// <summary>
/// The seed page imported with `import page` renders every part of the article anatomy. Expected
/// texts are read from the seed file itself by plain line look-ups, so none of its text is copied here.
/// </summary>
public abstract class SeedPageTests(StoreKind store)
{
    [SkippableFact]
    public async Task ImportedSeedRendersEveryAnatomyElementByExactText()
    {
        var seed = new SeedFacts(await File.ReadAllLinesAsync(SharedFiles.Seed));
        await using var app = await WartaApp.StartAsync(store);
        var result = await ImportSeedAsync(app);

        var client = app.ClientFor();
        var (response, page) = await client.GetPageAsync(result.Path);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(seed.Headline, page.QuerySelector("h1.headline").Text());
        Assert.Equal(seed.Summary, page.QuerySelector(".lede").Text());
        var bylines = page.QuerySelectorAll(".byline").Select(b => b.Text()).ToList();
        Assert.Equal([$"Penulis: {seed.Writer}", $"Editor: {seed.Editor}"], bylines);
        Assert.Equal($"/penulis/{Warta.Content.Slugs.From(seed.Writer)}", page.QuerySelector(".byline a")!.GetAttribute("href"));
        Assert.Equal(seed.Credit, page.QuerySelector("figcaption .credit").Text());
        Assert.Equal(seed.Caption, page.QuerySelector("figcaption .caption").Text());
        Assert.Equal(seed.Dateline, page.QuerySelector(".body .dateline").Text());
        Assert.Equal($"{seed.Dateline} - {seed.FirstParagraphAfterDateline}", page.QuerySelector(".body p").Text());
        Assert.Equal($"Baca juga: {seed.BacaJuga}", page.QuerySelector(".body .baca-juga").Text());
        Assert.Equal($"Sumber: {seed.Source}", page.QuerySelector(".source").Text());
        Assert.Equal("Berita Rekomendasi", page.QuerySelector(".recommended h2").Text());
        Assert.NotEmpty(page.QuerySelectorAll(".recommended .card"));
        Assert.Equal("Dapatkan Berita Pilihan di WhatsApp Anda", page.QuerySelector(".wa-cta p").Text());
        Assert.StartsWith("Baca WhatsApp ", page.QuerySelector(".wa-cta a").Text());
        var site = app.Services.GetRequiredService<SiteDirectory>().Default!;
        Assert.Matches($@"^© \d{{4}} {System.Text.RegularExpressions.Regex.Escape(site.CopyrightHolder)}\. Hak cipta dilindungi undang-undang\.$", page.QuerySelector(".copyright").Text());
        Assert.Equal("Atas", page.QuerySelector("footer .to-top").Text());
        Assert.NotNull(page.QuerySelector(".promo"));
        Assert.NotNull(page.QuerySelector(".ad-slot"));

        var body = page.QuerySelector(".body")!;
        Assert.Equal(seed.BodyParagraphCount, body.QuerySelectorAll("p:not(.baca-juga)").Length);
        Assert.Equal(seed.LastParagraph, body.QuerySelectorAll("p").Last().Text());
        Assert.DoesNotContain('\u00a0', body.TextContent);
        foreach (var chrome in new[] { "zoom-in", "Berita Rekomendasi", "Halaman", "Ads you may like", "Ikuti kami di", "Dapatkan Berita Pilihan", "TRIBUNnews.com,a subsidiary" })
            Assert.DoesNotContain(chrome, body.TextContent);
    }

    [SkippableFact]
    public async Task ImportingTheSamePageTwiceKeepsOneArticle()
    {
        var file = SharedFiles.Seed;
        await using var app = await WartaApp.StartAsync(store);
        var first = await ImportSeedAsync(app);
        var second = await ImportSeedAsync(app);

        Assert.False(first.AlreadyImported);
        Assert.True(second.AlreadyImported);
        Assert.Equal(first.ArticleId, second.ArticleId);
        Assert.Equal(1, await app.WithDbAsync(db => Task.FromResult(db.Articles.Count(a => a.ExternalId == db.Articles.Single(x => x.Id == first.ArticleId).ExternalId))));
        Assert.True(File.Exists(file));
    }

    private static async Task<PageImportResult> ImportSeedAsync(WartaApp app)
    {
        PageImportResult? result = null;
        await app.WithScopeAsync(async services =>
        {
            var site = services.GetRequiredService<SiteDirectory>().Default!;
            result = await services.GetRequiredService<PageImporter>().ImportAsync(site, SharedFiles.Seed, "internasional", null);
        });
        return result!;
    }

    /// <summary>What a person reading the seed file sees, found by its labels.</summary>
    private sealed class SeedFacts
    {
        public SeedFacts(string[] raw)
        {
            var lines = raw.Select(l => System.Text.RegularExpressions.Regex.Replace(l.Replace('\u00a0', ' '), @"\s+", " ").Trim()).ToArray();
            var writerLine = Array.FindIndex(lines, l => l.StartsWith("Penulis: "));
            Writer = lines[writerLine]["Penulis: ".Length..];
            Editor = lines.First(l => l.StartsWith("Editor: "))["Editor: ".Length..];
            var before = lines[..writerLine].Where(l => l.Length > 0).ToArray();
            (Headline, Summary) = (before[^2], before[^1]);
            var zoom = Array.FindIndex(lines, l => l.StartsWith("zoom-in"));
            Credit = lines[zoom + 1];
            var captionLine = lines[zoom + 2];
            Caption = captionLine[..captionLine.IndexOf(" - " + Summary[..20], StringComparison.Ordinal)];
            var lead = Array.FindIndex(lines, zoom + 3, l => l.Length > 0);
            Dateline = lines[lead][..lines[lead].IndexOf(" - ", StringComparison.Ordinal)];
            FirstParagraphAfterDateline = lines[lead][(Dateline.Length + 3)..];
            BacaJuga = lines.First(l => l.StartsWith("Baca juga: "))["Baca juga: ".Length..];
            Source = lines.First(l => l.StartsWith("Sumber: "))["Sumber: ".Length..];
            var end = Array.FindIndex(lines, l => l == "Halaman");
            var bodyLines = lines[lead..end].Where(l => l.Length > 0 && !l.StartsWith("Baca juga: ") && l != "Berita Rekomendasi").ToArray();
            BodyParagraphCount = bodyLines.Length;
            LastParagraph = bodyLines[^1];
        }

        public string Headline { get; }
        public string Summary { get; }
        public string Writer { get; }
        public string Editor { get; }
        public string Credit { get; }
        public string Caption { get; }
        public string Dateline { get; }
        public string FirstParagraphAfterDateline { get; }
        public string BacaJuga { get; }
        public string Source { get; }
        public int BodyParagraphCount { get; }
        public string LastParagraph { get; }
    }
}

public sealed class SqliteSeedPageTests() : SeedPageTests(StoreKind.Sqlite);

public sealed class PostgresSeedPageTests() : SeedPageTests(StoreKind.Postgres);
