using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Warta.Import;
using Warta.Network;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Import;

public abstract class JsonLinesImportTests(StoreKind store) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("warta-jsonl-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Line(string id, string title, string body = "Paragraf pembuka berita uji.\n\nParagraf kedua berita uji.",
        string publishedAt = "2019-09-15T09:30:00+07:00", string? category = "Bola", string sourceSite = "contoh.test", string? author = null, string[]? tags = null) =>
        JsonSerializer.Serialize(new
        {
            id, title, body, published_at = publishedAt, category, subcategory = (string?)null, tags = tags ?? [], author,
            source_site = sourceSite, url = $"https://{sourceSite}/read/{id}",
        });

    private string Write(params string[] lines)
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    private static async Task<ImportReport> ImportAsync(WartaApp app, string file, string siteSlug = "solo")
    {
        ImportReport? report = null;
        await app.WithScopeAsync(async services =>
        {
            var site = services.GetRequiredService<SiteDirectory>().FindBySlug(siteSlug)!;
            report = await services.GetRequiredService<JsonLinesImporter>().ImportAsync(site, file, ImportProgress.None);
        });
        return report!;
    }

    [SkippableFact]
    public async Task ImportedRecordsArePublishedWithSectionFromCategoryAndSourceAsOrigin()
    {
        await using var app = await WartaApp.StartAsync(store);
        var file = Write(
            Line("uji-1", "Kiper Cadangan Jadi Pahlawan Adu Penalti", category: "Bola", author: "Wulan Sari", tags: ["Liga Uji"]),
            Line("uji-2", "Harga Beras Stabil Menjelang Akhir Bulan", category: "Ekonomi Bisnis", publishedAt: "2019-09-16"));

        var report = await ImportAsync(app, file);

        Assert.Equal(2, report.Imported);
        Assert.Empty(report.Problems);
        var first = await app.FindAsync("uji-1");
        var second = await app.FindAsync("uji-2");
        var sections = await app.WithDbAsync(db => db.Sections.Where(s => s.Id == first.SectionId || s.Id == second.SectionId).ToDictionaryAsync(s => s.Id));
        Assert.Equal(("bola", "Bola"), (sections[first.SectionId].Slug, sections[first.SectionId].Name));
        Assert.Equal("ekonomi-bisnis", sections[second.SectionId].Slug);
        Assert.Equal("contoh.test", first.OriginSiteName);
        Assert.Equal("https://contoh.test/read/uji-1", first.OriginUrl);
        Assert.Equal(new DateTimeOffset(2019, 9, 16, 0, 0, 0, TimeSpan.FromHours(7)), second.PublishedAt);
        Assert.Single(first.Tags);

        // The new section shows up on the running site without a restart, and the page renders.
        var client = app.ClientFor("solo.localhost");
        var (response, page) = await client.GetPageAsync(await app.PathAsync("uji-1"));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Sumber: contoh.test", page.QuerySelector(".source").Text());
        Assert.Equal("Penulis: Wulan Sari", page.QuerySelector(".byline").Text());
        Assert.Equal(["Paragraf pembuka berita uji.", "Paragraf kedua berita uji."], page.QuerySelectorAll(".body p").Select(p => p.Text()));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && (await client.GetAsync("/bola")).StatusCode != System.Net.HttpStatusCode.OK)
            await Task.Delay(100);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/bola")).StatusCode);
    }

    [SkippableFact]
    public async Task ImportingTheSameFileTwiceChangesNothing()
    {
        await using var app = await WartaApp.StartAsync(store);
        var file = Write(Line("uji-a", "Berita Uji A"), Line("uji-b", "Berita Uji B"), Line("uji-a", "Berita Uji A lagi di berkas yang sama"));

        var first = await ImportAsync(app, file);
        var count = await app.WithDbAsync(db => db.Articles.CountAsync());
        var second = await ImportAsync(app, file);

        Assert.Equal((2, 1), (first.Imported, first.Skipped));
        Assert.Equal((0, 3), (second.Imported, second.Skipped));
        Assert.Equal(count, await app.WithDbAsync(db => db.Articles.CountAsync()));
    }

    [SkippableFact]
    public async Task BadLinesAreReportedByNumberAndReasonAndTheRestIsImported()
    {
        await using var app = await WartaApp.StartAsync(store);
        var good = Line("uji-baik-1", "Berita Baik Pertama");
        var truncated = Line("uji-terpotong", "Berita Terpotong")[..40];
        var file = Write(
            good,
            "{ini bukan json",
            Line("uji-tanpa-judul", ""),
            Line("uji-tanggal", "Tanggal Rusak", publishedAt: "kemarin sore"),
            "",
            "[1, 2, 3]",
            Line("uji-baik-2", "Berita Baik Kedua"),
            truncated);

        var report = await ImportAsync(app, file);

        Assert.Equal(2, report.Imported);
        Assert.Equal([2L, 3L, 4L, 6L, 8L], report.Problems.Select(p => p.Line));
        Assert.StartsWith("JSON tidak sah", report.Problems[0].Reason);
        Assert.Equal("uji-tanpa-judul: kolom 'title' kosong", report.Problems[1].Reason);
        Assert.Contains("kemarin sore", report.Problems[2].Reason);
        Assert.StartsWith("JSON tidak sah", report.Problems[4].Reason);
        Assert.NotNull(await app.FindAsync("uji-baik-2"));
    }

    [SkippableFact]
    public async Task HostileHtmlInABodyIsShownAsTextAndNeverRuns()
    {
        await using var app = await WartaApp.StartAsync(store);
        const string hostile = "<script>alert('x')</script><img src=x onerror=alert(1)> <a href=\"javascript:alert(2)\">klik</a>";
        var file = Write(Line("uji-xss", "Judul <b onmouseover=alert(3)>tebal</b>", body: $"Paragraf aman.\n\n{hostile}"));

        await ImportAsync(app, file);
        var (_, page) = await app.ClientFor("solo.localhost").GetPageAsync(await app.PathAsync("uji-xss"));

        var article = page.QuerySelector("article")!;
        Assert.Empty(article.QuerySelectorAll("script, img[onerror], [onmouseover], a[href^='javascript']"));
        Assert.Contains("<script>alert('x')</script>", page.QuerySelector(".body").Text());
        Assert.Equal("Judul <b onmouseover=alert(3)>tebal</b>", page.QuerySelector("h1").Text());
    }

    [SkippableFact]
    public async Task TheRealCorpusImportsWithoutProblems()
    {
        var corpus = SharedFiles.Corpus;
        await using var app = await WartaApp.StartAsync(store);
        var sample = Write(File.ReadLines(corpus).Take(400).ToArray());

        var report = await ImportAsync(app, sample, "nasional");

        Assert.Empty(report.Problems);
        Assert.Equal(400, report.Imported + report.Skipped);
        var (response, page) = await app.ClientFor().GetPageAsync("/");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(10, page.QuerySelectorAll(".latest li").Length);
    }
}

public sealed class SqliteJsonLinesImportTests() : JsonLinesImportTests(StoreKind.Sqlite);

public sealed class PostgresJsonLinesImportTests() : JsonLinesImportTests(StoreKind.Postgres);
