using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Warta.Accounts;
using Warta.Network;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Newsroom;

public sealed class AuditLogTests
{
    [Fact]
    public async Task SignInsRoleGrantsAndPublishingAreLoggedForAdmins()
    {
        await using var app = await WartaApp.StartAsync();
        await app.AddStaffAsync("admin@warta.test", null, StaffRole.NetworkAdmin);
        await app.AddStaffAsync("editor@warta.test", "nasional", StaffRole.Editor);
        var editor = app.ClientFor();
        await editor.SignInAsync("editor@warta.test", "salah sandi sekali");
        await editor.SignInAsync("editor@warta.test", Staff.Password);
        var (_, blank) = await editor.GetPageAsync("/redaksi/berita?situs=nasional");
        var fields = new Dictionary<string, string>
        {
            ["Headline"] = "Kereta Cepat Tambah Jadwal Akhir Pekan", ["Summary"] = "", ["BodyHtml"] = "<p>Isi.</p>", ["Version"] = "0",
            ["SectionId"] = blank.QuerySelector("select#section option")!.GetAttribute("value")!,
            ["__RequestVerificationToken"] = blank.QuerySelector("form.editor input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        };
        var created = await editor.PostAsync("/redaksi/berita?handler=Create&situs=nasional", new FormUrlEncodedContent(fields));
        var storyUrl = created.Headers.Location!.OriginalString;
        var (_, story) = await editor.GetPageAsync(storyUrl);
        fields["Version"] = story.QuerySelector("input[name=Version]")!.GetAttribute("value")!;
        fields["__RequestVerificationToken"] = story.QuerySelector("form.editor input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.OK, (await editor.PostAsync($"{storyUrl}?handler=Publish", new FormUrlEncodedContent(fields))).StatusCode);

        var admin = app.ClientFor();
        await admin.SignInAsync("admin@warta.test", Staff.Password);
        var (response, log) = await admin.GetPageAsync("/redaksi/audit");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = log.QuerySelectorAll(".audit tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.Text()).ToArray()).ToList();
        Assert.Contains(rows, r => r[3] == "Gagal masuk" && r[2] == "editor@warta.test");
        Assert.Contains(rows, r => r[3] == "Masuk" && r[2] == "editor@warta.test");
        Assert.Contains(rows, r => r[3] == "Peran diberikan" && r[2] == StaffAccounts.CommandLineActor && r[4].StartsWith("editor@warta.test"));
        Assert.Contains(rows, r => r[3] == "Berita diterbitkan" && r[2] == "editor@warta.test" && r[1] == "WartaNasional" && r[4].Contains("Kereta Cepat Tambah Jadwal Akhir Pekan"));
        Assert.Contains(log.QuerySelectorAll(".audit td.action"), td => td.GetAttribute("data-action") == AuditActions.Published);
    }

    [Fact]
    public void EveryAuditActionHasItsOwnIndonesianLabel()
    {
        var codes = typeof(AuditActions).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();

        Assert.Equal(codes.Order(), AuditActions.Labels.Keys.Order());
        Assert.Equal(codes.Count, AuditActions.Labels.Values.Distinct().Count());
        Assert.DoesNotContain(codes, code => AuditActions.Label(code) == code);
    }

    [Fact]
    public async Task EditorsCannotReadTheLogAndSiteAdminsSeeOnlyTheirSite()
    {
        await using var app = await WartaApp.StartAsync();
        await app.AddStaffAsync("editor@warta.test", "nasional", StaffRole.Editor);
        await app.AddStaffAsync("admin@solo.test", "solo", StaffRole.SiteAdmin);
        var editor = app.ClientFor();
        await editor.SignInAsync("editor@warta.test", Staff.Password);
        var soloAdmin = app.ClientFor();
        await soloAdmin.SignInAsync("admin@solo.test", Staff.Password);

        var editorTries = await editor.GetAsync("/redaksi/audit");
        var (_, soloLog) = await soloAdmin.GetPageAsync("/redaksi/audit");

        Assert.Equal(HttpStatusCode.Redirect, editorTries.StatusCode);
        Assert.StartsWith("http://localhost/redaksi/ditolak", editorTries.Headers.Location!.ToString());
        var siteColumn = soloLog.QuerySelectorAll(".audit tbody tr td:nth-child(2)").Select(td => td.Text()).ToList();
        Assert.NotEmpty(siteColumn);
        Assert.All(siteColumn, site => Assert.Equal("WartaSolo", site));
        var solo = app.Services.GetRequiredService<SiteDirectory>().FindBySlug("solo")!.Id;
        Assert.True(await app.WithDbAsync(db => db.Set<AuditEntry>().AnyAsync(e => e.SiteId != null && e.SiteId != solo)), "other sites' entries exist but are not shown");
    }
}
