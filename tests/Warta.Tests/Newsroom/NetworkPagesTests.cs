using System.Net;
using Microsoft.EntityFrameworkCore;
using Warta.Accounts;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Newsroom;

/// <summary>A network admin sets up a site at /redaksi/jaringan, and readers see it at once.</summary>
public sealed class NetworkPagesTests(SharedApp shared) : IClassFixture<SharedApp>
{
    [Fact]
    public async Task ANetworkAdminCreatesASiteAndItsSectionsAndReadersSeeEachChangeAtOnce()
    {
        var app = await shared.AppAsync();
        var admin = await app.SignedInAsync("jaringan@warta.test", null, StaffRole.NetworkAdmin);
        var (_, form) = await admin.GetPageAsync("/redaksi/jaringan/baru");

        var (refused, refusedPage) = await admin.PostFormAsync(form, "/redaksi/jaringan/baru", new()
        {
            ["Slug"] = "jogja", ["Form.Name"] = "WartaJogja", ["Form.Hosts"] = "solo.localhost", ["Form.TimeZone"] = "WIB",
        }, "form.site-form");
        var (created, _) = await admin.PostFormAsync(form, "/redaksi/jaringan/baru", new()
        {
            ["Slug"] = "jogja", ["Form.Name"] = "WartaJogja", ["Form.Hosts"] = "jogja.localhost\nwww.jogja.localhost", ["Form.TimeZone"] = "WIB",
            ["Form.Tagline"] = "Kabar Yogyakarta", ["Form.BrandColor"] = "#1d4ed8",
        }, "form.site-form");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("Host 'solo.localhost' sudah dipakai situs lain.", refusedPage.QuerySelector(".error")!.TextContent.Trim());
        Assert.Equal("WartaJogja", refusedPage.QuerySelector("input[name='Form.Name']")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/redaksi/jaringan/jogja", created.Headers.Location!.OriginalString);

        var (_, settings) = await admin.GetPageAsync("/redaksi/jaringan/jogja");
        var (section, _) = await admin.PostFormAsync(settings, "/redaksi/jaringan/jogja?handler=Section",
            new() { ["SectionSlug"] = "jogja-raya", ["SectionName"] = "Jogja Raya" }, "form.section-form");
        var (badSection, badSectionPage) = await admin.PostFormAsync(settings, "/redaksi/jaringan/jogja?handler=Section",
            new() { ["SectionSlug"] = "redaksi", ["SectionName"] = "Redaksi" }, "form.section-form");
        var reader = app.ClientFor("www.jogja.localhost");
        var home = Html.Parse(await reader.GetStringAsync("/"));

        Assert.Equal(HttpStatusCode.Redirect, section.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badSection.StatusCode);
        Assert.Equal("Slug rubrik 'redaksi' dipakai alamat lain situs ini; pilih yang lain.", badSectionPage.QuerySelector(".error")!.TextContent.Trim());
        Assert.Contains("WartaJogja", home.QuerySelector("header")!.TextContent);
        Assert.Contains(home.QuerySelectorAll("nav a"), a => a.TextContent.Trim() == "Jogja Raya" && a.GetAttribute("href")!.EndsWith("/jogja-raya"));

        // The reader's page is cached; the change evicts it and the answer after the save shows it.
        (_, settings) = await admin.GetPageAsync("/redaksi/jaringan/jogja");
        var (saved, _) = await admin.PostFormAsync(settings, "/redaksi/jaringan/jogja?handler=Save",
            new() { ["Form.Tagline"] = "Kabar Jogja Istimewa", ["Form.TimeZone"] = "WIB" }, "form.site-form");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Kabar Jogja Istimewa", await reader.GetStringAsync("/"));
        Assert.Equal(["jogja.localhost", "www.jogja.localhost"],
            await app.WithDbAsync(db => db.SiteHosts.Where(h => db.Sites.Any(s => s.Id == h.SiteId && s.Slug == "jogja")).OrderBy(h => h.Id).Select(h => h.Name).ToListAsync()));
        var (_, network) = await admin.GetPageAsync("/redaksi/jaringan");
        Assert.Contains(network.QuerySelectorAll("table.sites tbody tr"), tr => tr.TextContent.Contains("WartaJogja") && tr.TextContent.Contains("jogja.localhost, www.jogja.localhost"));
    }

    [Fact]
    public async Task FormsPostedWithFieldsMissingAreRefusedNamingTheFieldAndChangeNothing()
    {
        var app = await shared.AppAsync();
        var admin = await app.SignedInAsync("jaringan@warta.test", null, StaffRole.NetworkAdmin);
        var (_, form) = await admin.GetPageAsync("/redaksi/jaringan/solo");
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var before = await app.WithDbAsync(db => db.Sites.Include(s => s.Hosts).AsNoTracking().OrderBy(s => s.Id)
            .Select(s => s.Slug + s.Name + s.Tagline + s.Dateline + s.BrandColor + s.Hosts.Count).ToListAsync());
        var sectionsBefore = await app.WithDbAsync(db => db.Sections.CountAsync());

        var answers = new List<(HttpStatusCode, string)>();
        foreach (var action in new[] { "/redaksi/jaringan/baru", "/redaksi/jaringan/solo?handler=Save", "/redaksi/jaringan/solo?handler=Section" })
        {
            var response = await admin.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
            answers.Add((response.StatusCode, Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".error")?.TextContent.Trim() ?? ""));
        }

        Assert.Equal(
            [
                (HttpStatusCode.UnprocessableEntity, "Slug situs '' harus huruf kecil, angka dan tanda hubung (2 sampai 64), mis. solo-raya."),
                (HttpStatusCode.UnprocessableEntity, "Nama situs wajib diisi, paling panjang 200 huruf."),
                (HttpStatusCode.UnprocessableEntity, "Slug rubrik '' harus huruf kecil, angka dan tanda hubung (2 sampai 64), mis. solo-raya."),
            ], answers);
        Assert.Equal(before, await app.WithDbAsync(db => db.Sites.Include(s => s.Hosts).AsNoTracking().OrderBy(s => s.Id)
            .Select(s => s.Slug + s.Name + s.Tagline + s.Dateline + s.BrandColor + s.Hosts.Count).ToListAsync()));
        Assert.Equal(sectionsBefore, await app.WithDbAsync(db => db.Sections.CountAsync()));
    }
}
