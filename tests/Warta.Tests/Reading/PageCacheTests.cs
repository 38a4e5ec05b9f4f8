using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Warta.Publishing;
using Warta.Accounts;
using Warta.Content;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Reading;

/// <summary>
/// Publishing, updating and unpublishing evict exactly the cached pages that show the article.
/// A response served from the output cache carries an Age header; a fresh render does not.
/// </summary>
public sealed class PageCacheTests
{
    private const string Subject = "demo-harga-cabai-rawit-tembus-95-ribu";

    [Fact]
    public async Task UpdatingAnArticleEvictsExactlyThePagesThatShowIt()
    {
        await using var app = await WartaApp.StartAsync();
        var client = app.ClientFor();
        var subject = await app.PathAsync(Subject);
        var showsIt = new[]
        {
            subject, "/", "/ekonomi", "/tag/harga-pangan", "/penulis/bagas-prasetyo", "/penulis/hendra-wicaksono",
            await app.PathAsync("demo-ekspor-minyak-kelapa-melonjak"),
        };
        var doesNotShowIt = new[]
        {
            "/olahraga", "/tag/musik", "/penulis/yohana-sitompul", await app.PathAsync("demo-nadia-kirana-juara-nusantara-open"),
        };
        foreach (var path in showsIt) Assert.Contains(subject, await client.GetStringAsync(path));
        foreach (var path in doesNotShowIt) Assert.DoesNotContain(subject, await client.GetStringAsync(path));
        await AssertCachedAsync(client, showsIt.Concat(doesNotShowIt), cached: true);
        var soloHome = await CachedOtherSiteHomeAsync(app);

        var article = await app.FindAsync(Subject);
        var editor = await app.StaffPrincipalAsync("editor@warta.test", "nasional", StaffRole.Editor);
        await app.WithScopeAsync(async s => Assert.True((await s.GetRequiredService<ArticleWorkflow>()
            .SaveAsync(editor, article.Id, article.Version, new ArticleDraft("Harga Cabai Turun Lagi Setelah Operasi Pasar", null, null, null))).Succeeded));

        await AssertCachedAsync(client, showsIt, cached: false);
        await AssertCachedAsync(client, doesNotShowIt, cached: true);
        await AssertCachedAsync(app.ClientFor("solo.localhost"), [soloHome], cached: true);
        foreach (var path in showsIt) Assert.Contains("Harga Cabai Turun Lagi Setelah Operasi Pasar", await client.GetStringAsync(path));
    }

    [Fact]
    public async Task PublishingANewArticleEvictsItsListsButNotOtherArticles()
    {
        await using var app = await WartaApp.StartAsync();
        var client = app.ClientFor();
        var otherArticle = await app.PathAsync("demo-nuvo-fold-lite-meluncur");
        var lists = new[] { "/", "/ekonomi", "/penulis/rina-kusumawati" };
        var unrelated = new[] { otherArticle, "/olahraga", "/tag/musik" };
        foreach (var path in lists.Concat(unrelated)) await client.GetAsync(path);
        await AssertCachedAsync(client, lists.Concat(unrelated), cached: true);
        var writer = await app.WithDbAsync(db => Task.FromResult(db.People.Single(p => p.Slug == "rina-kusumawati").Id));

        var created = await app.PublishAsync("nasional", "ekonomi", "Nilai Tukar Rupiah Menguat di Akhir Pekan", writerId: writer);

        await AssertCachedAsync(client, lists, cached: false);
        await AssertCachedAsync(client, unrelated, cached: true);
        var createdPath = await app.PathOfAsync(created);
        foreach (var list in lists) Assert.Contains(createdPath, await client.GetStringAsync(list));
    }

    [Fact]
    public async Task UnpublishingRemovesTheArticleFromEveryPageThatShowedIt()
    {
        await using var app = await WartaApp.StartAsync();
        var client = app.ClientFor();
        var subject = await app.PathAsync(Subject);
        var pages = new[] { subject, "/", "/ekonomi", "/tag/inflasi" };
        foreach (var path in pages) await client.GetAsync(path);
        await AssertCachedAsync(client, pages, cached: true);

        var article = await app.FindAsync(Subject);
        var editor = await app.StaffPrincipalAsync("editor@warta.test", "nasional", StaffRole.Editor);
        await app.WithScopeAsync(async s => Assert.True((await s.GetRequiredService<ArticleWorkflow>().UnpublishAsync(editor, article.Id, article.Version)).Succeeded));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(subject)).StatusCode);
        foreach (var path in pages[1..]) Assert.DoesNotContain(subject, await client.GetStringAsync(path));
        Assert.Equal(ArticleStatus.Unpublished, (await app.FindAsync(Subject)).Status);
    }

    [Fact]
    public async Task ChangesWrittenByAnotherProcessAreAppliedFromTheChangeRecords()
    {
        await using var app = await WartaApp.StartAsync();
        var client = app.ClientFor();
        await client.GetAsync("/ekonomi");
        await AssertCachedAsync(client, ["/ekonomi"], cached: true);
        var section = await app.WithDbAsync(db => Task.FromResult(db.Sections.Single(s => s.Slug == "ekonomi" && s.SiteId == 1).Id));

        // As the import verb does from its own process: a row, not a call into this process.
        await app.WithDbAsync(async db =>
        {
            db.ArticleChanges.Add(ArticleChange.Of(1, null, ChangeKinds.Imported, [Warta.Content.PageCacheTags.Section(section)], DateTimeOffset.UtcNow));
            return await db.SaveChangesAsync();
        });

        var deadline = DateTime.UtcNow.AddSeconds(10);
        var evicted = false;
        while (!evicted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            evicted = (await client.GetAsync("/ekonomi")).Headers.Age is null;
        }
        Assert.True(evicted, "the poller should evict the section page within the deadline");
    }

    [Fact]
    public async Task TrackingParametersDoNotCreateNewCacheEntries()
    {
        await using var app = await WartaApp.StartAsync();
        var client = app.ClientFor();
        await client.GetAsync("/ekonomi");

        var response = await client.GetAsync("/ekonomi?utm_source=wa&fbclid=abc");

        Assert.NotNull(response.Headers.Age);
    }

    private static async Task<string> CachedOtherSiteHomeAsync(WartaApp app)
    {
        var solo = app.ClientFor("solo.localhost");
        await solo.GetAsync("/");
        await AssertCachedAsync(solo, ["/"], cached: true);
        return "/";
    }

    private static async Task AssertCachedAsync(HttpClient client, IEnumerable<string> paths, bool cached)
    {
        foreach (var path in paths)
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(cached == response.Headers.Age.HasValue, $"{path} should {(cached ? "" : "not ")}come from the page cache");
        }
    }
}
