using System.Net;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Warta.Network;
using Warta.Publishing;
using Warta.Content;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Reading;

/// <summary>
/// Publishing, updating and unpublishing evict exactly the cached pages that show the article.
/// A response served from the output cache carries an Age header; a fresh render does not.
/// Each test publishes its own stories, with tags and bylines no other test uses, on one app.
/// </summary>
public sealed class PageCacheTests(SharedApp shared) : IClassFixture<SharedApp>
{
    [Fact]
    public async Task UpdatingAnArticleEvictsExactlyThePagesThatShowIt()
    {
        var app = await shared.AppAsync();
        var editor = await shared.EditorOfAsync("nasional");
        var elsewhere = await app.PublishStoryAsync(editor, app.Draft("nasional", "olahraga", "Tim Dayung Putri Sabet Emas di Kejuaraan Asia")
            with { Tags = ["Dayung"], WriterName = "Yosef Manurung" });
        // Shares the subject's tag, so its "Berita Rekomendasi" shows the subject.
        var sibling = await app.PublishStoryAsync(editor, app.Draft("nasional", "ekonomi", "Petani Bawang Brebes Mulai Panen Raya") with { Tags = ["Harga Bawang"] });
        var subject = await app.PublishStoryAsync(editor, app.Draft("nasional", "ekonomi", "Harga Bawang Merah Tembus Rp 60.000 per Kilogram")
            with { Tags = ["Harga Bawang"], WriterName = "Dewi Anggraini", EditorName = "Rudi Hartanto" });
        var client = app.ClientFor();
        // Every story's rail lists the newest stories, so an unrelated story rendered now shows it too.
        var showsIt = new[] { subject.Path, "/", "/ekonomi", "/tag/harga-bawang", "/penulis/dewi-anggraini", "/penulis/rudi-hartanto", sibling.Path, elsewhere.Path };
        var doesNotShowIt = new[] { "/olahraga", "/tag/dayung", "/penulis/yosef-manurung" };
        foreach (var path in showsIt) Assert.Contains(subject.Path, await client.GetStringAsync(path));
        foreach (var path in doesNotShowIt) Assert.DoesNotContain(subject.Path, await client.GetStringAsync(path));
        await AssertCachedAsync(client, showsIt.Concat(doesNotShowIt), cached: true);
        var soloHome = await CachedOtherSiteHomeAsync(app);

        await app.StepAsync(w => w.SaveAsync(editor, subject.Id, subject.Version, new ArticleDraft("Harga Bawang Merah Turun Setelah Pasokan Brebes Masuk", null, null, null)));

        await AssertCachedAsync(client, showsIt, cached: false);
        await AssertCachedAsync(client, doesNotShowIt, cached: true);
        await AssertCachedAsync(app.ClientFor("solo.localhost"), [soloHome], cached: true);
        foreach (var path in showsIt) Assert.Contains("Harga Bawang Merah Turun Setelah Pasokan Brebes Masuk", await client.GetStringAsync(path));
    }

    [Fact]
    public async Task PublishingANewArticleEvictsItsListsButNotOtherArticles()
    {
        var app = await shared.AppAsync();
        var editor = await shared.EditorOfAsync("nasional");
        // The writer's and the tag's pages exist (and are cached) before the new story: she has written on it before.
        await app.PublishStoryAsync(editor, app.Draft("nasional", "nasional", "Bank Indonesia Tahan Suku Bunga Acuan") with { Tags = ["Rupiah"], WriterName = "Sinta Maharani" });
        var otherArticle = await app.PublishStoryAsync(editor, app.Draft("nasional", "teknologi", "Startup Logistik Lokal Raih Pendanaan Seri B")
            with { Tags = ["Pendanaan Startup"] });
        var client = app.ClientFor();
        var lists = new[] { "/", "/ekonomi", "/penulis/sinta-maharani", "/tag/rupiah" };
        var unrelated = new[] { otherArticle.Path, "/olahraga", "/tag/pendanaan-startup" };
        foreach (var path in lists.Concat(unrelated)) await client.GetAsync(path);
        await AssertCachedAsync(client, lists.Concat(unrelated), cached: true);

        var created = await app.PublishStoryAsync(editor, app.Draft("nasional", "ekonomi", "Nilai Tukar Rupiah Menguat di Akhir Pekan")
            with { Tags = ["Rupiah"], WriterName = "Sinta Maharani" });

        await AssertCachedAsync(client, lists, cached: false);
        await AssertCachedAsync(client, unrelated, cached: true);
        foreach (var list in lists) Assert.Contains(created.Path, await client.GetStringAsync(list));
    }

    [Fact]
    public async Task UnpublishingRemovesTheArticleFromEveryPageThatShowedIt()
    {
        var app = await shared.AppAsync();
        var editor = await shared.EditorOfAsync("nasional");
        var subject = await app.PublishStoryAsync(editor, app.Draft("nasional", "ekonomi", "Inflasi Pangan Diperkirakan Naik Jelang Natal") with { Tags = ["Inflasi Pangan"] });
        var client = app.ClientFor();
        var pages = new[] { subject.Path, "/", "/ekonomi", "/tag/inflasi-pangan" };
        foreach (var path in pages) Assert.Contains(subject.Path, await client.GetStringAsync(path));
        await AssertCachedAsync(client, pages, cached: true);

        await app.StepAsync(w => w.UnpublishAsync(editor, subject.Id, subject.Version));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(subject.Path)).StatusCode);
        foreach (var path in pages[1..]) Assert.DoesNotContain(subject.Path, await client.GetStringAsync(path));
        Assert.Equal(ArticleStatus.Unpublished, (await app.FindAsync(subject.Id)).Status);
    }

    [Fact]
    public async Task ChangesWrittenByAnotherProcessAreAppliedFromTheChangeRecords()
    {
        var app = await shared.AppAsync();
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
    public async Task APageRenderedBetweenAnEvictionAndTheSiteReloadIsNotServedAfterTheReload()
    {
        var app = await shared.AppAsync();
        var client = app.ClientFor("solo.localhost");
        await client.GetAsync("/");
        await AssertCachedAsync(client, ["/"], cached: true);

        // A site change, with its two handlers in the unlucky order (on one node, or across nodes
        // sharing Redis): the eviction runs, a reader renders the page from the old settings, and only
        // then does this node reload its sites.
        await app.WithDbAsync(db => db.Sites.Where(s => s.Slug == "solo").ExecuteUpdateAsync(set => set.SetProperty(s => s.Tagline, "Kabar Soloraya Paling Baru")));
        await app.Services.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(PageCacheTags.Site(app.Services.GetRequiredService<SiteDirectory>().FindBySlug("solo")!.Id), default);
        Assert.DoesNotContain("Kabar Soloraya Paling Baru", await client.GetStringAsync("/"));
        await app.Services.GetRequiredService<SiteDirectory>().ReloadAsync();

        Assert.Contains("Kabar Soloraya Paling Baru", await client.GetStringAsync("/"));
    }

    [Fact]
    public async Task TrackingParametersDoNotCreateNewCacheEntries()
    {
        var app = await shared.AppAsync();
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
