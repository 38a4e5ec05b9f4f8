using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Warta.Accounts;
using Warta.Content;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Newsroom;

/// <summary>The story page beyond the workflow steps: metadata, autosave, revisions and preview.</summary>
public sealed class StoryEditorTests
{
    private static async Task<(string Url, AngleSharp.Dom.IDocument Page)> CreateAsync(HttpClient client, string site, Dictionary<string, string> fields)
    {
        var (_, blank) = await client.GetPageAsync($"/redaksi/berita?situs={site}");
        var (created, _) = await client.PostFormAsync(blank, $"/redaksi/berita?handler=Create&situs={site}", fields);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var url = created.Headers.Location!.OriginalString;
        var (_, page) = await client.GetPageAsync(url);
        return (url, page);
    }

    private static async Task<HttpResponseMessage> AutosaveAsync(HttpClient client, AngleSharp.Dom.IDocument page, string url, Dictionary<string, string> changes)
    {
        var (response, _) = await client.PostFormAsync(page, $"{url}?handler=Autosave", changes);
        return response;
    }

    [Fact]
    public async Task TagsBylinesAndTheLeadPhotoReachTheReaderPage()
    {
        await using var app = await WartaApp.StartAsync();
        var editor = await app.SignedInAsync("editor@warta.test", "nasional", StaffRole.Editor);
        var photo = await app.WithDbAsync(db => db.Media.Where(m => m.SiteId == db.Sites.Single(s => s.Slug == "nasional").Id).OrderBy(m => m.Id).FirstAsync());
        var related = await app.PublishAsync("nasional", "ekonomi", "Harga Bawang Merah Ikut Turun");
        var relatedPath = await app.PathOfAsync(related);

        var (url, page) = await CreateAsync(editor, "nasional", new()
        {
            ["Headline"] = "Harga Cabai Rawit Turun Menjelang Akhir Tahun",
            ["BodyHtml"] = $"<p>Harga cabai turun.</p><p class=\"baca-juga\">Baca juga: <a href=\"{relatedPath}\">Harga Bawang Merah Ikut Turun</a></p><hr class=\"page-break\"><p>Halaman dua.</p>",
            ["Tags"] = "Harga Pangan,  Cabai Rawit , harga pangan",
            ["WriterName"] = "Sekar Ayuningtyas",
            ["EditorName"] = "Bagus Wicaksono",
            ["LeadMediaId"] = photo.Id.ToString(),
        });
        Assert.Equal("Harga Pangan, Cabai Rawit", page.QuerySelector("#tags")!.GetAttribute("value"));
        var id = int.Parse(url.Split('/')[^1]);
        var link = await app.WithDbAsync(db => db.RelatedLinks.SingleAsync(l => l.ArticleId == id));
        Assert.Equal(("Harga Bawang Merah Ikut Turun", relatedPath, related.Id), (link.Headline, link.Url, link.TargetArticleId));
        var (published, publishedPage) = await editor.PostFormAsync(page, $"{url}?handler=Publish");
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);

        var (_, reader) = await app.ClientFor().GetPageAsync(publishedPage.QuerySelector(".status a")!.GetAttribute("href")!);
        Assert.Equal(["Penulis: Sekar Ayuningtyas", "Editor: Bagus Wicaksono"], reader.QuerySelectorAll(".byline").Select(b => b.Text()));
        Assert.Equal(["Harga Pangan", "Cabai Rawit"], reader.QuerySelectorAll("meta[property='article:tag']").Select(m => m.GetAttribute("content")!));
        Assert.Contains(photo.StorageKey, reader.QuerySelector(".lead-photo img")!.GetAttribute("src"));
        Assert.NotNull(reader.QuerySelector("nav.article-pages"));
    }

    [Fact]
    public async Task AutosaveKeepsOneRevisionPerStretchAndNeverChangesWhatReadersSee()
    {
        await using var app = await WartaApp.StartAsync();
        var editor = await app.SignedInAsync("editor@warta.test", "nasional", StaffRole.Editor);
        var (url, page) = await CreateAsync(editor, "nasional", new() { ["Headline"] = "Draf Autosave", ["BodyHtml"] = "<p>Awal.</p>" });
        var id = int.Parse(url.Split('/')[^1]);

        var first = await AutosaveAsync(editor, page, url, new() { ["BodyHtml"] = "<p>Awal. Tambah satu.</p>" });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var version = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("version").GetInt32();
        var second = await AutosaveAsync(editor, page, url, new() { ["BodyHtml"] = "<p>Awal. Tambah dua.</p>", ["Version"] = version.ToString() });
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        var (article, kinds) = await app.WithDbAsync(async db => (await db.Articles.SingleAsync(a => a.Id == id),
            await db.ArticleRevisions.Where(r => r.ArticleId == id).OrderBy(r => r.Number).Select(r => r.Kind).ToListAsync()));
        Assert.Equal("<p>Awal. Tambah dua.</p>", article.BodyHtml);
        Assert.Equal(["save", "autosave"], kinds);

        // A stale autosave is a conflict, and says so.
        var stale = await AutosaveAsync(editor, page, url, new() { ["BodyHtml"] = "<p>Dari tab lama.</p>" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        // Once published, autosave keeps the text aside; readers keep the published text.
        var (_, current) = await editor.GetPageAsync(url);
        var (published, publishedPage) = await editor.PostFormAsync(current, $"{url}?handler=Publish");
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var typing = await AutosaveAsync(editor, publishedPage, url, new() { ["BodyHtml"] = "<p>Setengah jadi.</p>" });
        Assert.Equal(HttpStatusCode.OK, typing.StatusCode);
        var stored = await app.WithDbAsync(db => db.Articles.SingleAsync(a => a.Id == id));
        Assert.Equal("<p>Awal. Tambah dua.</p>", stored.BodyHtml);
        Assert.Equal("<p>Setengah jadi.</p>", await app.WithDbAsync(db => db.ArticleRevisions.Where(r => r.ArticleId == id).OrderByDescending(r => r.Number).Select(r => r.BodyHtml).FirstAsync()));
    }

    [Fact]
    public async Task ARevisionIsComparedWithTheStoryAndRestoredAsANewRevision()
    {
        await using var app = await WartaApp.StartAsync();
        var writer = await app.SignedInAsync("penulis@warta.test", "nasional", StaffRole.Writer);
        var (url, page) = await CreateAsync(writer, "nasional", new() { ["Headline"] = "Jembatan Baru Dibuka", ["BodyHtml"] = "<p>Jembatan dibuka pagi ini.</p>" });
        var (_, saved) = await writer.PostFormAsync(page, $"{url}?handler=Save", new() { ["Headline"] = "Jembatan Baru Resmi Dibuka", ["BodyHtml"] = "<p>Jembatan dibuka sore ini.</p><p>Paragraf baru.</p>" });

        var (_, revision) = await writer.GetPageAsync($"{url}/revisi/1");
        Assert.Equal("pagi", revision.QuerySelector("td.modified del")?.Text());
        Assert.Equal("sore", revision.QuerySelectorAll("td.modified ins").Select(i => i.Text()).First(t => t is "sore"));
        Assert.Contains("Paragraf baru.", revision.QuerySelector("td.inserted")!.Text());

        var (restored, _) = await writer.PostFormAsync(revision, $"{url}/revisi/1?handler=Restore", formSelector: "form.card");
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        var id = int.Parse(url.Split('/')[^1]);
        var (article, last) = await app.WithDbAsync(async db => (await db.Articles.SingleAsync(a => a.Id == id),
            await db.ArticleRevisions.Where(r => r.ArticleId == id).OrderByDescending(r => r.Number).FirstAsync()));
        Assert.Equal(("Jembatan Baru Dibuka", "<p>Jembatan dibuka pagi ini.</p>"), (article.Headline, article.BodyHtml));
        Assert.Equal(("restore", "dari revisi #1", 3), (last.Kind, last.Comment, last.Number));

        // Another writer of the site cannot read this writer's history.
        var other = await app.SignedInAsync("lain@warta.test", "nasional", StaffRole.Writer);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{url}/revisi/1")).StatusCode);
    }

    [Fact]
    public async Task APreviewIsTheRealArticlePageOfADraftNeverCachedNeverIndexed()
    {
        await using var app = await WartaApp.StartAsync();
        var writer = await app.SignedInAsync("penulis@warta.test", "solo", StaffRole.Writer, "solo.localhost");
        var (url, _) = await CreateAsync(writer, "solo", new() { ["Headline"] = "Draf Pratinjau Festival Payung", ["BodyHtml"] = "<p>Isi draf.</p>", ["Dateline"] = "SOLO, WARTASOLO.COM" });

        var redirect = await writer.GetAsync($"{url}?handler=Pratinjau");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var previewPath = redirect.Headers.Location!.OriginalString;
        Assert.StartsWith("/pratinjau/", previewPath);

        // The link alone opens it (no newsroom cookie on the reader's host), on its own site only.
        var (response, preview) = await app.ClientFor("solo.localhost").GetPageAsync(previewPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Draf Pratinjau Festival Payung", preview.QuerySelector("h1.headline")!.Text());
        Assert.Equal("SOLO, WARTASOLO.COM", preview.QuerySelector(".dateline")!.Text());
        Assert.Equal("noindex, nofollow", preview.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        Assert.NotNull(preview.QuerySelector(".preview-banner"));
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientFor().GetAsync(previewPath)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientFor("solo.localhost").GetAsync(previewPath[..^3] + "abc")).StatusCode);
    }

    [Fact]
    public async Task BacaJugaSearchFindsPublishedStoriesOfTheSiteAsYouType()
    {
        await using var app = await WartaApp.StartAsync();
        await app.PublishAsync("nasional", "ekonomi", "Inflasi November Terkendali di Bawah Tiga Persen");
        await app.PublishAsync("solo", "solo-raya", "Inflasi Solo Raya Ikut Melandai");
        var writer = await app.SignedInAsync("penulis@warta.test", "nasional", StaffRole.Writer);

        var found = JsonDocument.Parse(await writer.GetStringAsync("/redaksi/berita?handler=Cari&situs=nasional&q=inflasi")).RootElement;
        var item = Assert.Single(found.EnumerateArray());
        Assert.Equal("Inflasi November Terkendali di Bawah Tiga Persen", item.GetProperty("headline").GetString());
        Assert.StartsWith("/ekonomi/", item.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.GetAsync("/redaksi/berita?handler=Cari&situs=solo&q=inflasi")).StatusCode);
    }
}
