using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Warta.Accounts;
using Warta.Network;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Newsroom;

/// <summary>The newsroom's story pages through HTTP, forms and anti-forgery tokens included.</summary>
public sealed class EditorPagesTests
{
    [Fact]
    public async Task AWriterWritesAndSubmitsAndAnEditorPublishesThroughTheNewsroomPages()
    {
        await using var app = await WartaApp.StartAsync();
        var writer = await app.SignedInAsync( "penulis@warta.test", "nasional", StaffRole.Writer);
        var editor = await app.SignedInAsync( "editor@warta.test", "nasional", StaffRole.Editor);

        var (_, blank) = await writer.GetPageAsync("/redaksi/berita?situs=nasional");
        var (created, _) = await writer.PostFormAsync( blank, "/redaksi/berita?handler=Create&situs=nasional", new()
        {
            ["Headline"] = "Pelabuhan Tanjung Priok Uji Coba Layanan 24 Jam",
            ["Summary"] = "Uji coba berlangsung sebulan.",
            ["BodyHtml"] = "<p>Paragraf pertama.</p><p>Paragraf kedua.</p>",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var storyUrl = created.Headers.Location!.OriginalString;
        Assert.Matches(@"^/redaksi/berita/\d+$", storyUrl);

        var (_, draft) = await writer.GetPageAsync(storyUrl);
        Assert.Null(draft.QuerySelector("fieldset.editor-actions"));
        var (submitted, submittedPage) = await writer.PostFormAsync( draft, $"{storyUrl}?handler=Submit");
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Equal("Menunggu editor", submittedPage.QuerySelector(".status strong").Text());

        var (_, dashboard) = await editor.GetPageAsync("/redaksi");
        Assert.Contains(dashboard.QuerySelectorAll(".recent a"), a => a.GetAttribute("href") == storyUrl);
        var (_, review) = await editor.GetPageAsync(storyUrl);
        var (published, publishedPage) = await editor.PostFormAsync( review, $"{storyUrl}?handler=Publish");
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal("Terbit", publishedPage.QuerySelector(".status strong").Text());

        var readerPath = publishedPage.QuerySelector(".status a")!.GetAttribute("href")!;
        var (reader, readerPage) = await app.ClientFor().GetPageAsync(readerPath);
        Assert.Equal(HttpStatusCode.OK, reader.StatusCode);
        Assert.Equal("Pelabuhan Tanjung Priok Uji Coba Layanan 24 Jam", readerPage.QuerySelector("h1").Text());
        // Each click is one step: "Ajukan" and "Terbitkan" save the form's text as part of their own revision.
        Assert.Equal(["#3 Diterbitkan", "#2 Diajukan", "#1 Disimpan"],
            publishedPage.QuerySelectorAll(".revisions li").Select(li => Regex.Match(li.Text(), @"^#\d+ \w+").Value));
    }

    [Fact]
    public async Task ASaveOverSomeoneElsesNewerVersionIsAConflictThatKeepsTheTypedText()
    {
        await using var app = await WartaApp.StartAsync();
        var ani = await app.SignedInAsync( "ani@warta.test", "nasional", StaffRole.Editor);
        var budi = await app.SignedInAsync( "budi@warta.test", "nasional", StaffRole.Editor);
        var (_, blank) = await ani.GetPageAsync("/redaksi/berita?situs=nasional");
        var (created, createdPage) = await ani.PostFormAsync(blank, "/redaksi/berita?handler=Create&situs=nasional", new() { ["Headline"] = "Banjir Rob di Pesisir Utara" });
        Assert.True(created.StatusCode == HttpStatusCode.Redirect, $"{created.StatusCode}: {createdPage.Body?.TextContent}");
        var storyUrl = created.Headers.Location!.OriginalString;

        var (_, anisCopy) = await ani.GetPageAsync(storyUrl);
        var (_, budisCopy) = await budi.GetPageAsync(storyUrl);
        var (aniSaves, _) = await ani.PostFormAsync(anisCopy, $"{storyUrl}?handler=Save", new() { ["BodyHtml"] = "<p>Versi Ani.</p>" });
        var (budiSaves, budisPage) = await budi.PostFormAsync(budisCopy, $"{storyUrl}?handler=Save", new() { ["BodyHtml"] = "<p>Versi Budi.</p>" });

        Assert.Equal(HttpStatusCode.OK, aniSaves.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, budiSaves.StatusCode);
        Assert.StartsWith("Berita ini sudah diubah orang lain", budisPage.QuerySelector(".error").Text());
        Assert.Equal("<p>Versi Budi.</p>", budisPage.QuerySelector("textarea#body")!.TextContent);
        Assert.Contains(budisPage.QuerySelectorAll(".revisions li"), li => li.Text().Contains("Bentrok (teks disimpan)"));
    }

    [Fact]
    public async Task ABodyTooDeeplyNestedIsRefusedOnThePageWithTheTextKeptAndNothingSaved()
    {
        await using var app = await WartaApp.StartAsync();
        var writer = await app.SignedInAsync("penulis@warta.test", "nasional", StaffRole.Writer);
        var (_, blank) = await writer.GetPageAsync("/redaksi/berita?situs=nasional");
        var (created, _) = await writer.PostFormAsync(blank, "/redaksi/berita?handler=Create&situs=nasional", new() { ["Headline"] = "Rapat Paripurna DPRD" });
        var storyUrl = created.Headers.Location!.OriginalString;
        var (_, draft) = await writer.GetPageAsync(storyUrl);
        var nested = string.Concat(Enumerable.Repeat("<div>", 2_000)) + "Isi.";

        var (saved, page) = await writer.PostFormAsync(draft, $"{storyUrl}?handler=Save", new() { ["BodyHtml"] = nested });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, saved.StatusCode);
        Assert.StartsWith("Isi berita ditolak: Tag bersarang lebih dari 64 tingkat", page.QuerySelector(".error").Text());
        Assert.Equal(nested, page.QuerySelector("textarea#body")!.TextContent);
        var id = int.Parse(storyUrl.Split('/')[^1]);
        Assert.Equal(1, await app.WithDbAsync(db => db.ArticleRevisions.CountAsync(r => r.ArticleId == id)));
    }

    [Fact]
    public async Task AWriterCannotPostEditorSteps()
    {
        await using var app = await WartaApp.StartAsync();
        var writer = await app.SignedInAsync( "penulis@warta.test", "nasional", StaffRole.Writer);
        var (_, blank) = await writer.GetPageAsync("/redaksi/berita?situs=nasional");
        var (created, _) = await writer.PostFormAsync( blank, "/redaksi/berita?handler=Create&situs=nasional", new() { ["Headline"] = "Draf Penulis" });
        var storyUrl = created.Headers.Location!.OriginalString;
        var (_, draft) = await writer.GetPageAsync(storyUrl);

        var (publish, _) = await writer.PostFormAsync( draft, $"{storyUrl}?handler=Publish");
        var (otherSite, _) = await writer.GetPageAsync("/redaksi/berita?situs=solo");

        Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);
        Assert.StartsWith("http://localhost/redaksi/ditolak", publish.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, otherSite.StatusCode);
        Assert.StartsWith("http://localhost/redaksi/ditolak", otherSite.Headers.Location!.ToString());
    }
}
