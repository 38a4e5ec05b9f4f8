using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Warta.Publishing;
using Warta.Accounts;
using Warta.Data;
using Warta.Live;
using Warta.Network;
using Warta.Newsroom;
using Warta.Reading;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Reading;

/// <summary>
/// What readers are served from the page cache is only ever what readers may see, and made-up
/// requests cannot fill it: a preview token on a public URL is ignored, a no-store answer is never
/// kept, and ?page= values and Host headers that no link produces add no entry.
/// </summary>
public sealed class PageCacheAbuseTests
{
    private const string DraftHeadline = "Draf Rahasia yang Belum Diperiksa Editor";

    private static async Task<(int Id, string Token)> WritersDraftAsync(WartaApp app)
    {
        var writer = await app.StaffPrincipalAsync("penulis@warta.test", "nasional", StaffRole.Writer);
        var draft = 0;
        string token = "";
        await app.WithScopeAsync(async services =>
        {
            var site = services.GetRequiredService<SiteDirectory>().FindBySlug("nasional")!;
            var created = await services.GetRequiredService<ArticleWorkflow>().CreateAsync(writer, site.Id,
                new ArticleDraft(DraftHeadline, "Ringkasan draf.", site.FindSection("ekonomi")!.Id, "<p>Isi yang belum boleh dibaca.</p>"));
            draft = created.ArticleId;
            token = services.GetRequiredService<PreviewLinks>().PathFor(draft).Split('/')[^1];
        });
        return (draft, token);
    }

    /// <summary>A published story with a tag and a writer, so its tag and author pages exist.</summary>
    private static async Task<Story> PublishedStoryAsync(WartaApp app) =>
        await app.PublishStoryAsync(await app.StaffPrincipalAsync("editor@warta.test", "nasional", StaffRole.Editor),
            app.Draft("nasional", "ekonomi", "Harga Gula Pasir Naik Menjelang Akhir Tahun") with { Tags = ["Harga Gula"], WriterName = "Agus Salim Harahap" });

    /// <summary>A live report opened by an editor at the live desk, with one entry; returns its slug.</summary>
    private static async Task<string> LiveReportAsync(WartaApp app)
    {
        var editor = await app.StaffPrincipalAsync("live@warta.test", "nasional", StaffRole.Editor);
        var slug = "";
        await app.WithScopeAsync(async services =>
        {
            var desk = services.GetRequiredService<LiveDesk>();
            var site = services.GetRequiredService<SiteDirectory>().FindBySlug("nasional")!;
            var opened = await desk.CreateAsync(editor, site.Id, "Pantauan Banjir Rob di Pesisir Utara Jawa", "Laporan langsung dari posko pengungsian.", CancellationToken.None);
            Assert.True(opened.Succeeded, opened.Message);
            var posted = await desk.PostAsync(editor, opened.ReportId, new LiveEntryDraft("<p>Air mulai surut di kawasan pelabuhan.</p>"), CancellationToken.None);
            Assert.True(posted.Succeeded, posted.Message);
            slug = (await services.GetRequiredService<WartaDbContext>().LiveReports.FindAsync(opened.ReportId))!.Slug;
        });
        return slug;
    }

    [Fact]
    public async Task APreviewTokenOnAPublicUrlIsIgnoredSoTheDraftNeverReachesTheCache()
    {
        await using var app = await WartaApp.StartAsync();
        var (_, token) = await WritersDraftAsync(app);
        var reader = app.ClientFor();
        var published = (await PublishedStoryAsync(app)).Path;

        var withToken = await reader.GetAsync($"{published}?token={Uri.EscapeDataString(token)}");
        var plain = await reader.GetAsync(published);
        var draftSlugWithToken = await reader.GetAsync($"/ekonomi/2026/12/03/draf-rahasia-yang-belum-diperiksa-editor?token={Uri.EscapeDataString(token)}");

        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        Assert.DoesNotContain(DraftHeadline, await withToken.Content.ReadAsStringAsync());
        Assert.Contains("Harga Gula Pasir Naik Menjelang Akhir Tahun", await plain.Content.ReadAsStringAsync());
        Assert.DoesNotContain(DraftHeadline, await plain.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, draftSlugWithToken.StatusCode);
    }

    [Fact]
    public async Task APreviewIsServedFreshEveryTimeAndNeverStored()
    {
        await using var app = await WartaApp.StartAsync(testServices: CountingCacheStore.Wrap);
        var store = app.Services.GetRequiredService<CountingCacheStore>();
        var (_, token) = await WritersDraftAsync(app);
        var reader = app.ClientFor();

        var first = await reader.GetAsync($"/pratinjau/{token}");
        var second = await reader.GetAsync($"/pratinjau/{token}");

        Assert.Contains(DraftHeadline, await second.Content.ReadAsStringAsync());
        Assert.Null(second.Headers.Age);
        Assert.True(second.Headers.CacheControl?.NoStore, "a preview says no-store");
        Assert.Equal(0, store.EntriesWritten);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
    }

    [Fact]
    public async Task MadeUpPageNumbersAndHostsAddNoCacheEntries()
    {
        await using var app = await WartaApp.StartAsync(testServices: CountingCacheStore.Wrap);
        var store = app.Services.GetRequiredService<CountingCacheStore>();
        var reader = app.ClientFor();
        var article = (await PublishedStoryAsync(app)).Path;
        var paginated = new[] { "/ekonomi", article, "/tag/harga-gula", "/penulis/agus-salim-harahap" };
        var single = new[] { "/", $"/live/{await LiveReportAsync(app)}" };
        foreach (var path in paginated.Concat(single)) Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(path)).StatusCode);
        var warmed = store.EntriesWritten;

        var answers = new List<string>();
        foreach (var value in new[] { "zzz1", "0", "-1", "%ff", "01", "+2", "2,3", "1e3", "", " 2", "99999999", "2&page=3" })
        {
            foreach (var path in paginated)
                answers.Add($"{path}?page={value} {(int)(await reader.GetAsync($"{path}?page={value}")).StatusCode}");
            foreach (var path in single)
                answers.Add($"{path}?page={value} {(int)(await reader.GetAsync($"{path}?page={value}")).StatusCode}");
        }
        var madeUpHosts = Enumerable.Range(0, 20).Select(i => $"situs-palsu-{i}.example").Concat(["LOCALHOST", "localhost:1", "localhost:65535", "LocalHost:8"]);
        var canonicals = new List<string>();
        foreach (var host in madeUpHosts)
        {
            var client = app.ClientFor(host);
            foreach (var path in new[] { "/", "/ekonomi", article })
            {
                var response = await client.GetAsync(path);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                canonicals.Add(Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("link[rel=canonical]")?.GetAttribute("href") ?? "");
            }
        }

        Assert.All(answers.Where(a => paginated.Any(p => a.StartsWith(p + "?"))), a => Assert.EndsWith(" 404", a));
        Assert.All(answers.Where(a => single.Any(p => a.StartsWith(p + "?"))), a => Assert.EndsWith(" 200", a));
        Assert.All(canonicals, c => Assert.StartsWith("http://localhost/", c));
        Assert.Equal(warmed, store.EntriesWritten);
        Assert.NotNull((await reader.GetAsync("/ekonomi")).Headers.Age);
    }

    [Fact]
    public async Task AnotherSitesOwnHostStillHasItsOwnPages()
    {
        await using var app = await WartaApp.StartAsync(testServices: CountingCacheStore.Wrap);
        var store = app.Services.GetRequiredService<CountingCacheStore>();

        var national = await app.ClientFor().GetStringAsync("/");
        var solo = await app.ClientFor("solo.localhost").GetStringAsync("/");

        Assert.NotEqual(national, solo);
        Assert.Contains("http://solo.localhost/", solo);
        Assert.Equal(2, store.EntriesWritten);
    }
}
