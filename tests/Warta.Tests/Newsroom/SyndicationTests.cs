using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Warta.Publishing;
using Warta.Accounts;
using Warta.Content;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Newsroom;

/// <summary>A story taken by a sister site: "Sumber", canonical policy, corrections and withdrawal.</summary>
public sealed class SyndicationTests
{
    private static async Task<(int CopyId, string CopyPath)> TakeAsync(WartaApp app, HttpClient soloEditor, Article origin)
    {
        var (_, page) = await soloEditor.GetPageAsync($"/redaksi/sindikasi?situs=solo&q={Uri.EscapeDataString(origin.Headline)}");
        var form = page.QuerySelectorAll("form.take").Single(f => f.QuerySelector("input[name=articleId]")!.GetAttribute("value") == origin.Id.ToString());
        form.ClassList.Add("chosen");
        var (taken, _) = await soloEditor.PostFormAsync(page, "/redaksi/sindikasi?handler=Take&situs=solo", formSelector: "form.chosen");
        Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
        var copyId = int.Parse(taken.Headers.Location!.OriginalString.Split('/')[^1]);
        var copy = await app.WithDbAsync(db => db.Articles.Include(a => a.Section).SingleAsync(a => a.Id == copyId));
        return (copyId, Warta.Content.ArticleUrls.Path(copy.Section!.Slug, copy.PublishedAt!.Value, copy.Slug, Warta.Network.IndonesianTimeZone.Wib));
    }

    [Fact]
    public async Task ATakenStoryNamesItsSourceFollowsCorrectionsAndIsWithdrawnWithItsOrigin()
    {
        await using var app = await WartaApp.StartAsync();
        var origin = await app.PublishAsync("nasional", "ekonomi", "Bank Sentral Tahan Suku Bunga");
        var soloEditor = await app.SignedInAsync("editor@wartasolo.test", "solo", StaffRole.Editor, "solo.localhost");
        var (copyId, copyPath) = await TakeAsync(app, soloEditor, origin);
        var reader = app.ClientFor("solo.localhost");

        var (_, copyPage) = await reader.GetPageAsync(copyPath);
        Assert.Equal("Bank Sentral Tahan Suku Bunga", copyPage.QuerySelector("h1.headline")!.Text());
        Assert.StartsWith("Sumber: WartaNasional.com", copyPage.QuerySelector(".source")!.Text());
        var canonical = copyPage.QuerySelector("link[rel=canonical]")!.GetAttribute("href")!;
        Assert.EndsWith(await app.PathOfAsync(origin), canonical);
        Assert.Null(copyPage.QuerySelector("meta[name=robots]"));

        // A correction at the origin reaches the copy, and the copy's cached page is evicted.
        var nasionalEditor = await app.SignedInAsync("editor@wartanasional.test", "nasional", StaffRole.Editor);
        var (_, originEditor) = await nasionalEditor.GetPageAsync($"/redaksi/berita/{origin.Id}");
        Assert.Contains("Diambil oleh: WartaSolo (terbit)", originEditor.QuerySelector(".note")!.Text());
        var (corrected, _) = await nasionalEditor.PostFormAsync(originEditor, $"/redaksi/berita/{origin.Id}?handler=Save",
            new() { ["Headline"] = "Bank Sentral Tahan Suku Bunga di 5,75 Persen" });
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var (_, correctedCopy) = await reader.GetPageAsync(copyPath);
        Assert.Equal("Bank Sentral Tahan Suku Bunga di 5,75 Persen", correctedCopy.QuerySelector("h1.headline")!.Text());
        Assert.NotNull(correctedCopy.QuerySelector(".updated"));

        // The copy itself cannot be edited on the sister site.
        var (_, copyEditor) = await soloEditor.GetPageAsync($"/redaksi/berita/{copyId}");
        var (refused, refusedPage) = await soloEditor.PostFormAsync(copyEditor, $"/redaksi/berita/{copyId}?handler=Save", new() { ["Headline"] = "Diubah di Solo" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("mengikuti sumbernya", refusedPage.QuerySelector(".error")!.Text());

        // The origin withdraws it from the network and keeps it on its own site.
        var (_, originNow) = await nasionalEditor.GetPageAsync($"/redaksi/berita/{origin.Id}");
        var (withdrawn, _) = await nasionalEditor.PostFormAsync(originNow, $"/redaksi/berita/{origin.Id}?handler=Withdraw");
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(copyPath)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor().GetAsync(await app.PathOfAsync(origin))).StatusCode);
        var actions = await app.WithDbAsync(db => db.Set<AuditEntry>().Select(e => e.Action).ToListAsync());
        Assert.Contains(AuditActions.Syndicated, actions);
        Assert.Contains(AuditActions.SyndicationWithdrawn, actions);
    }

    [Fact]
    public async Task UnpublishingTheOriginTakesEveryCopyDown()
    {
        await using var app = await WartaApp.StartAsync();
        var origin = await app.PublishAsync("nasional", "ekonomi", "Harga Emas Cetak Rekor");
        var soloEditor = await app.SignedInAsync("editor@wartasolo.test", "solo", StaffRole.Editor, "solo.localhost");
        var (copyId, copyPath) = await TakeAsync(app, soloEditor, origin);

        var nasionalEditor = await app.SignedInAsync("editor@wartanasional.test", "nasional", StaffRole.Editor);
        var (_, originEditor) = await nasionalEditor.GetPageAsync($"/redaksi/berita/{origin.Id}");
        var (unpublished, _) = await nasionalEditor.PostFormAsync(originEditor, $"/redaksi/berita/{origin.Id}?handler=Unpublish");
        Assert.Equal(HttpStatusCode.OK, unpublished.StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientFor("solo.localhost").GetAsync(copyPath)).StatusCode);
        Assert.Equal(ArticleStatus.Unpublished, await app.WithDbAsync(db => db.Articles.Where(a => a.Id == copyId).Select(a => a.Status).SingleAsync()));
    }

    [Fact]
    public async Task ACopyTakenDownComesBackOnlyByBeingTakenAgainWithItsOriginsCurrentText()
    {
        await using var app = await WartaApp.StartAsync();
        var origin = await app.PublishAsync("nasional", "ekonomi", "Tarif Tol Trans Jawa Naik");
        var soloEditor = await app.SignedInAsync("editor@wartasolo.test", "solo", StaffRole.Editor, "solo.localhost");
        var (copyId, _) = await TakeAsync(app, soloEditor, origin);
        var (_, copyEditor) = await soloEditor.GetPageAsync($"/redaksi/berita/{copyId}");
        var (down, _) = await soloEditor.PostFormAsync(copyEditor, $"/redaksi/berita/{copyId}?handler=Unpublish");
        Assert.Equal(HttpStatusCode.OK, down.StatusCode);

        // While the copy is down, the origin is corrected; the copy does not follow.
        var nasionalEditor = await app.SignedInAsync("editor@wartanasional.test", "nasional", StaffRole.Editor);
        var (_, originEditor) = await nasionalEditor.GetPageAsync($"/redaksi/berita/{origin.Id}");
        await nasionalEditor.PostFormAsync(originEditor, $"/redaksi/berita/{origin.Id}?handler=Save", new() { ["Headline"] = "Tarif Tol Trans Jawa Naik Mulai Senin" });

        var (_, downEditor) = await soloEditor.GetPageAsync($"/redaksi/berita/{copyId}");
        var (republished, republishedPage) = await soloEditor.PostFormAsync(downEditor, $"/redaksi/berita/{copyId}?handler=Publish");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, republished.StatusCode);
        Assert.StartsWith("Berita sindikasi", republishedPage.QuerySelector(".error")!.Text());
        var stale = await app.WithDbAsync(db => db.Articles.AsNoTracking().SingleAsync(a => a.Id == copyId));
        using var api = await app.ApiClientAsync("editor2@wartasolo.test", "solo", StaffRole.Editor);
        using var viaApi = await api.PostAsJsonAsync($"/api/v1/articles/{copyId}/publish", new { version = stale.Version });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, viaApi.StatusCode);
        Assert.Contains(ArticleWorkflow.CopyRepublishRefusal, await viaApi.Content.ReadAsStringAsync());
        Assert.Equal((ArticleStatus.Unpublished, "Tarif Tol Trans Jawa Naik", stale.Version),
            await app.WithDbAsync(db => db.Articles.Where(a => a.Id == copyId).Select(a => ValueTuple.Create(a.Status, a.Headline, a.Version)).SingleAsync()));

        var (againId, againPath) = await TakeAsync(app, soloEditor, origin);
        Assert.Equal(copyId, againId);
        var (_, page) = await app.ClientFor("solo.localhost").GetPageAsync(againPath);
        Assert.Equal("Tarif Tol Trans Jawa Naik Mulai Senin", page.QuerySelector("h1.headline")!.Text());
        Assert.Equal(1, await app.WithDbAsync(db => db.Articles.CountAsync(a => a.OriginArticleId == origin.Id)));
    }

    [Fact]
    public async Task UnderTheNoindexPolicyACopyKeepsItsOwnCanonicalAndStaysOutOfIndexes()
    {
        await using var app = await WartaApp.StartAsync(settings: new() { ["Warta:Syndication:CopyPolicy"] = "NoIndex" });
        var origin = await app.PublishAsync("nasional", "ekonomi", "Ekspor Kopi Naik Dua Kali Lipat");
        var soloEditor = await app.SignedInAsync("editor@wartasolo.test", "solo", StaffRole.Editor, "solo.localhost");
        var (_, copyPath) = await TakeAsync(app, soloEditor, origin);

        var (_, copyPage) = await app.ClientFor("solo.localhost").GetPageAsync(copyPath);
        Assert.Equal("noindex, follow", copyPage.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
        Assert.EndsWith(copyPath, copyPage.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.StartsWith("Sumber: WartaNasional.com", copyPage.QuerySelector(".source")!.Text());
    }

    [Fact]
    public async Task WritersCannotTakeStoriesAndEditorsTakeOnlyForTheirOwnSite()
    {
        await using var app = await WartaApp.StartAsync();
        var origin = await app.PublishAsync("nasional", "ekonomi", "Ekspor Kopi Naik");
        var soloWriter = await app.SignedInAsync("penulis@wartasolo.test", "solo", StaffRole.Writer, "solo.localhost");
        Assert.Equal("/redaksi/ditolak", (await soloWriter.GetAsync("/redaksi/sindikasi?situs=solo")).Headers.Location?.AbsolutePath);
        var makassarEditor = await app.SignedInAsync("editor@wartamakassar.test", "makassar", StaffRole.Editor);
        Assert.Equal("/redaksi/ditolak", (await makassarEditor.GetAsync("/redaksi/sindikasi?situs=solo")).Headers.Location?.AbsolutePath);
        Assert.Equal(0, await app.WithDbAsync(db => db.Articles.CountAsync(a => a.OriginArticleId == origin.Id)));
    }
}
