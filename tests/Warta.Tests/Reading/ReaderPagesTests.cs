using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Warta.Network;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Reading;

/// <summary>The reader pages against the demo network, on each store.</summary>
public abstract class ReaderPagesTests(StoreKind store)
{
    [SkippableFact]
    public async Task HomeShowsTopStoryLatestNewsAndABlockPerSection()
    {
        await using var app = await WartaApp.StartAsync(store);
        var (response, page) = await app.ClientFor().GetPageAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("id", page.DocumentElement.GetAttribute("lang"));
        Assert.NotNull(page.QuerySelector(".top-story h2 a"));
        Assert.Equal("Berita Terkini", page.QuerySelector("#terkini").Text());
        Assert.Equal(10, page.QuerySelectorAll(".latest li").Length);
        var site = app.Services.GetRequiredService<SiteDirectory>().Default!;
        Assert.Equal(site.Sections.Select(s => s.Name), page.QuerySelectorAll(".section-block h2").Select(h => h.Text()));
        Assert.NotNull(page.QuerySelector("header.masthead"));
        Assert.NotNull(page.QuerySelector("main#konten"));
        Assert.NotNull(page.QuerySelector("footer"));
    }

    [SkippableFact]
    public async Task SitesAreChosenByHostAndUnknownHostsGetTheDefault()
    {
        await using var app = await WartaApp.StartAsync(store);

        var (_, solo) = await app.ClientFor("solo.localhost").GetPageAsync("/");
        var (_, makassar) = await app.ClientFor("makassar.localhost").GetPageAsync("/");
        var (_, unknown) = await app.ClientFor("tidak-dikenal.example").GetPageAsync("/");

        Assert.Equal("WartaSolo", solo.QuerySelector(".brand").Text());
        Assert.Equal("WartaMakassar", makassar.QuerySelector(".brand").Text());
        Assert.Equal("WartaNasional", unknown.QuerySelector(".brand").Text());
        Assert.All(makassar.QuerySelectorAll(".latest time"), t => Assert.EndsWith(" WITA", t.Text()));
        Assert.All(solo.QuerySelectorAll(".latest time"), t => Assert.EndsWith(" WIB", t.Text()));
    }

    [SkippableFact]
    public async Task SectionPagesListNewestFirstAndPaginateWithCanonicalAndRelLinks()
    {
        await using var app = await WartaApp.StartAsync(store);
        var start = DateTimeOffset.UtcNow.AddDays(-30);
        for (var i = 0; i < 25; i++)
            await app.PublishAsync("nasional", "teknologi", $"Uji halaman rubrik nomor {i:00}", start.AddHours(i));
        var client = app.ClientFor();

        var (_, first) = await client.GetPageAsync("/teknologi");
        var (_, second) = await client.GetPageAsync("/teknologi?page=2");
        var (beyond, _) = await client.GetPageAsync("/teknologi?page=9");

        Assert.Equal(20, first.QuerySelectorAll(".cards .card").Length);
        var times = first.QuerySelectorAll(".card time").Select(t => DateTimeOffset.Parse(t.GetAttribute("datetime")!)).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
        Assert.Equal("http://localhost/teknologi", first.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal("http://localhost/teknologi?page=2", first.QuerySelector("link[rel=next]")!.GetAttribute("href"));
        Assert.Null(first.QuerySelector("link[rel=prev]"));
        Assert.Equal("http://localhost/teknologi?page=2", second.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal("http://localhost/teknologi", second.QuerySelector("link[rel=prev]")!.GetAttribute("href"));
        Assert.NotEmpty(second.QuerySelectorAll(".cards .card"));
        Assert.Equal(HttpStatusCode.NotFound, beyond.StatusCode);
    }

    [SkippableFact]
    public async Task TagAndAuthorPagesListTheirArticles()
    {
        await using var app = await WartaApp.StartAsync(store);
        var article = await app.FindAsync("demo-harga-cabai-rawit-tembus-95-ribu");
        var client = app.ClientFor();
        var path = await app.PathAsync("demo-harga-cabai-rawit-tembus-95-ribu");
        var (_, articlePage) = await client.GetPageAsync(path);
        var tagLink = articlePage.QuerySelector(".tags a")!.GetAttribute("href")!;
        var writerLink = articlePage.QuerySelector(".byline a")!.GetAttribute("href")!;

        var (tagResponse, tagPage) = await client.GetPageAsync(tagLink);
        var (authorResponse, authorPage) = await client.GetPageAsync(writerLink);
        var (missing, _) = await client.GetPageAsync("/tag/tidak-ada-tag-ini");

        Assert.Equal(HttpStatusCode.OK, tagResponse.StatusCode);
        Assert.Contains(tagPage.QuerySelectorAll(".card h3 a"), a => a.GetAttribute("href") == path);
        Assert.Equal(HttpStatusCode.OK, authorResponse.StatusCode);
        Assert.Contains(authorPage.QuerySelectorAll(".card h3 a"), a => a.GetAttribute("href") == path);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.NotEmpty(article.Tags);
    }

    [SkippableFact]
    public async Task MultiPageArticleHasOwnUrlPerPageAndAShowAllView()
    {
        await using var app = await WartaApp.StartAsync(store);
        var path = await app.PathAsync("demo-feature-guru-honorer-pulau-terluar");
        var client = app.ClientFor();

        var (_, one) = await client.GetPageAsync(path);
        var (_, two) = await client.GetPageAsync($"{path}?page=2");
        var (_, three) = await client.GetPageAsync($"{path}?page=3");
        var (_, all) = await client.GetPageAsync($"{path}?page=all");
        var (tooFar, _) = await client.GetPageAsync($"{path}?page=4");
        var (notANumber, _) = await client.GetPageAsync($"{path}?page=dua");

        Assert.Equal("Halaman 1 2 3 Tampilkan semua", one.QuerySelector(".article-pages").Text());
        Assert.Equal("1", one.QuerySelector(".article-pages a[aria-current]").Text());
        Assert.Equal("2", two.QuerySelector(".article-pages a[aria-current]").Text());
        Assert.Equal($"http://localhost{path}", one.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal($"http://localhost{path}?page=2", one.QuerySelector("link[rel=next]")!.GetAttribute("href"));
        Assert.Equal($"http://localhost{path}?page=2", two.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal($"http://localhost{path}", two.QuerySelector("link[rel=prev]")!.GetAttribute("href"));
        Assert.Equal($"http://localhost{path}?page=3", two.QuerySelector("link[rel=next]")!.GetAttribute("href"));
        Assert.Null(three.QuerySelector("link[rel=next]"));
        Assert.NotNull(one.QuerySelector(".body .dateline"));
        Assert.Null(two.QuerySelector(".body .dateline"));

        var pageTexts = new[] { one, two, three }.Select(p => p.QuerySelectorAll(".body p").Select(e => e.Text()).ToList()).ToList();
        Assert.All(pageTexts, t => Assert.NotEmpty(t));
        Assert.Empty(pageTexts[0].Intersect(pageTexts[1]));
        Assert.Equal(pageTexts.Sum(t => t.Count), all.QuerySelectorAll(".body p").Length);
        Assert.Equal(HttpStatusCode.NotFound, tooFar.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notANumber.StatusCode);
    }

    [SkippableFact]
    public async Task ArticleUrlWithWrongSectionOrDateRedirectsToTheRightOne()
    {
        await using var app = await WartaApp.StartAsync(store);
        var path = await app.PathAsync("demo-ekspor-minyak-kelapa-melonjak");
        var slug = path.Split('/')[^1];

        var response = await app.ClientFor().GetAsync($"/olahraga/2001/01/01/{slug}");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(path, response.Headers.Location!.OriginalString);
    }

    [SkippableFact]
    public async Task SyndicatedStoryNamesItsSourceAndPointsCanonicalAtTheOrigin()
    {
        await using var app = await WartaApp.StartAsync(store);
        var originPath = await app.PathAsync("demo-solo-hik-gratis-ojol-tiap-jumat");
        var (_, copy) = await app.ClientFor().GetPageAsync(await app.PathAsync("demo-nasional-warung-hik-solo-gratiskan-ojol"));
        var (_, origin) = await app.ClientFor("solo.localhost").GetPageAsync(originPath);

        Assert.Equal("Sumber: WartaSolo.com", copy.QuerySelector(".source").Text());
        var canonical = copy.QuerySelector("link[rel=canonical]")!.GetAttribute("href")!;
        Assert.Equal($"http://solo.localhost{originPath}", canonical);
        Assert.Equal(canonical, copy.QuerySelector(".source a")!.GetAttribute("href"));
        Assert.Equal($"http://solo.localhost{originPath}", origin.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Null(origin.QuerySelector(".source"));
    }

    [SkippableFact]
    public async Task ArticleHeadCarriesOpenGraphTwitterAndNewsArticleJsonLd()
    {
        await using var app = await WartaApp.StartAsync(store);
        var path = await app.PathAsync("demo-coto-daeng-lebang-60-tahun");
        var article = await app.FindAsync("demo-coto-daeng-lebang-60-tahun");
        var (_, page) = await app.ClientFor("makassar.localhost").GetPageAsync(path);

        Assert.Equal($"{article.Headline} - WartaMakassar", page.Title);
        Assert.Equal(article.Summary, page.QuerySelector("meta[name=description]")!.GetAttribute("content"));
        Assert.Equal(article.Headline, page.QuerySelector("meta[property='og:title']")!.GetAttribute("content"));
        Assert.Equal("article", page.QuerySelector("meta[property='og:type']")!.GetAttribute("content"));
        Assert.StartsWith("http://makassar.localhost/media/", page.QuerySelector("meta[property='og:image']")!.GetAttribute("content"));
        Assert.Equal("summary_large_image", page.QuerySelector("meta[name='twitter:card']")!.GetAttribute("content"));

        using var json = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        var root = json.RootElement;
        Assert.Equal("NewsArticle", root.GetProperty("@type").GetString());
        Assert.Equal(article.Headline, root.GetProperty("headline").GetString());
        Assert.EndsWith("+08:00", root.GetProperty("datePublished").GetString());
        Assert.Equal(article.PublishedAt!.Value, DateTimeOffset.Parse(root.GetProperty("datePublished").GetString()!), TimeSpan.FromSeconds(1));
        Assert.Equal("Person", root.GetProperty("author")[0].GetProperty("@type").GetString());
        Assert.Equal("WartaMakassar", root.GetProperty("publisher").GetProperty("name").GetString());
        Assert.Equal("Kuliner", root.GetProperty("articleSection").GetString());
        Assert.StartsWith("http://makassar.localhost/media/", root.GetProperty("image")[0].GetString());
        Assert.EndsWith(" WITA", page.QuerySelector(".dates time").Text());
    }

    [SkippableFact]
    public async Task UnknownPagesGetAFriendlyIndonesian404()
    {
        await using var app = await WartaApp.StartAsync(store);
        var (section, sectionPage) = await app.ClientFor().GetPageAsync("/rubrik-yang-tidak-ada");
        var (article, articlePage) = await app.ClientFor().GetPageAsync("/nasional/2026/01/01/berita-yang-tidak-ada");

        Assert.Equal(HttpStatusCode.NotFound, section.StatusCode);
        Assert.Equal("Halaman tidak ditemukan", sectionPage.QuerySelector("h1").Text());
        Assert.Equal(HttpStatusCode.NotFound, article.StatusCode);
        Assert.Equal("Halaman tidak ditemukan", articlePage.QuerySelector("h1").Text());
        Assert.Equal("noindex", articlePage.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
    }
}

public sealed class SqliteReaderPagesTests() : ReaderPagesTests(StoreKind.Sqlite)
{
    [Fact]
    public async Task AServerFaultGetsAFriendlyPageWithoutDetailsAndIsNotCached()
    {
        await using var app = await WartaApp.StartAsync();
        var path = await app.PathAsync("demo-harga-cabai-rawit-tembus-95-ribu");
        await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(db.Database, "DROP TABLE \"ArticleTags\""));

        var (response, page) = await app.ClientFor().GetPageAsync(path);
        var again = await app.ClientFor().GetAsync(path);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("Terjadi kesalahan", page.QuerySelector("h1").Text());
        Assert.DoesNotContain("ArticleTags", page.DocumentElement.OuterHtml);
        Assert.DoesNotContain("Exception", page.DocumentElement.OuterHtml);
        Assert.Null(again.Headers.Age);
    }
}

public sealed class PostgresReaderPagesTests() : ReaderPagesTests(StoreKind.Postgres);
