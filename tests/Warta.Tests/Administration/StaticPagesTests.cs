using System.Net;
using Microsoft.EntityFrameworkCore;
using Warta.Accounts;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Administration;

/// <summary>Issue 10 item 4: each site's Redaksi, Pedoman Media Siber and other pages, kept by its admins.</summary>
public sealed class StaticPagesTests
{
    private const string EditPath = "/redaksi/halaman/pedoman-media-siber?situs=nasional";

    private static Task<(HttpResponseMessage Response, AngleSharp.Dom.IDocument Page)> SaveAsync(HttpClient admin, AngleSharp.Dom.IDocument form, string title, string body) =>
        admin.PostFormAsync(form, EditPath, new() { ["Title"] = title, ["BodyHtml"] = body }, "form.site-form");

    [Fact]
    public async Task ASiteAdminPublishesAPageThatEveryPageOfTheSiteLinksSanitizedLikeAStory()
    {
        await using var app = await WartaApp.StartAsync();
        var admin = await app.SignedInAsync("admin@warta.test", "nasional", StaffRole.SiteAdmin);
        var reader = app.ClientFor();
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/halaman/pedoman-media-siber")).StatusCode);
        var (_, form) = await admin.GetPageAsync(EditPath);

        var (saved, _) = await SaveAsync(admin, form, "Pedoman Pemberitaan Media Siber",
            "<h2>Ruang lingkup</h2><p onclick=\"steal()\">Media siber menaati kode etik.</p><script>steal()</script><p><a href=\"javascript:steal()\">tautan</a></p>");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/redaksi/halaman?situs=nasional", saved.Headers.Location!.OriginalString);
        var (response, page) = await reader.GetPageAsync("/halaman/pedoman-media-siber");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Pedoman Pemberitaan Media Siber", page.QuerySelector("h1").Text());
        Assert.Equal("Media siber menaati kode etik.", page.QuerySelector(".body p").Text());
        Assert.Empty(page.QuerySelectorAll(".body script, .body [onclick], .body a[href^=javascript]"));
        var article = await app.PathAsync("demo-maraton-danau-toba-9000-pelari");
        foreach (var path in new[] { "/", "/nasional", article })
            Assert.Contains("/halaman/pedoman-media-siber", (await reader.GetPageAsync(path)).Document.QuerySelectorAll("footer nav.pages a").Select(a => a.GetAttribute("href")));
        Assert.DoesNotContain("/halaman/pedoman-media-siber", (await app.ClientFor("solo.localhost").GetPageAsync("/")).Document.QuerySelectorAll("footer a").Select(a => a.GetAttribute("href")));
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientFor("solo.localhost").GetAsync("/halaman/pedoman-media-siber")).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(e => e.Action == AuditActions.PageEdited && e.Subject == "halaman:pedoman-media-siber")));
    }

    [Fact]
    public async Task NewTextEvictsThePageAloneAndANewTitleEveryFooterOfTheSite()
    {
        await using var app = await WartaApp.StartAsync();
        var admin = await app.SignedInAsync("admin@warta.test", "nasional", StaffRole.SiteAdmin);
        var reader = app.ClientFor();
        var (_, form) = await admin.GetPageAsync(EditPath);
        await SaveAsync(admin, form, "Pedoman Media Siber", "<p>Versi pertama.</p>");
        await reader.GetAsync("/");
        await reader.GetAsync("/halaman/pedoman-media-siber");
        Assert.NotNull((await reader.GetAsync("/")).Headers.Age);

        await SaveAsync(admin, form, "Pedoman Media Siber", "<p>Versi kedua.</p>");
        Assert.NotNull((await reader.GetAsync("/")).Headers.Age);
        var (edited, page) = await reader.GetPageAsync("/halaman/pedoman-media-siber");
        Assert.Null(edited.Headers.Age);
        Assert.Equal("Versi kedua.", page.QuerySelector(".body p").Text());

        await SaveAsync(admin, form, "Pedoman Pemberitaan", "<p>Versi kedua.</p>");
        var (home, homePage) = await reader.GetPageAsync("/");
        Assert.Null(home.Headers.Age);
        Assert.Contains("Pedoman Pemberitaan", homePage.QuerySelectorAll("footer nav.pages a").Select(a => a.Text()));

        // Emptied, the page is no longer published and leaves the footers.
        await SaveAsync(admin, form, "Pedoman Pemberitaan", "");
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/halaman/pedoman-media-siber")).StatusCode);
        Assert.DoesNotContain("Pedoman Pemberitaan", (await reader.GetPageAsync("/")).Document.QuerySelectorAll("footer a").Select(a => a.Text()));
    }

    [Fact]
    public async Task ARefusedSaveKeepsTheTypedTextAndSaysWhyAndEditorsCannotOpenTheForm()
    {
        await using var app = await WartaApp.StartAsync();
        var admin = await app.SignedInAsync("admin@warta.test", "nasional", StaffRole.SiteAdmin);
        var editor = await app.SignedInAsync("editor@warta.test", "nasional", StaffRole.Editor);
        var (_, form) = await admin.GetPageAsync(EditPath);

        var (refused, page) = await SaveAsync(admin, form, "   ", "<p>Teks yang diketik panjang-panjang.</p>");
        var (editorForm, _) = await editor.GetPageAsync(EditPath);
        var unknown = await admin.GetAsync("/redaksi/halaman/karier?situs=nasional");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("Judul halaman wajib diisi.", page.QuerySelector(".error").Text());
        Assert.Equal("<p>Teks yang diketik panjang-panjang.</p>", page.QuerySelector("textarea[name=BodyHtml]")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, editorForm.StatusCode);
        Assert.StartsWith("/redaksi/ditolak", editorForm.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.StaticPages.CountAsync(p => p.Slug == "pedoman-media-siber")));
    }
}
