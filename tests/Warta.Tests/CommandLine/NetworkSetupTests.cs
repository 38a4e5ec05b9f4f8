using System.Net;
using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.CommandLine;

/// <summary>
/// README's production steps, as a new operator takes them: an empty PostgreSQL store with the demo
/// off, a network of two sites with their hosts, brand and sections, staff, then the server.
/// </summary>
public sealed class NetworkSetupTests
{
    [SkippableFact]
    public async Task AnOperatorBuildsARealNetworkFromTheCommandLineAndNoDemoEverAppears()
    {
        await using var node = await WartaProcess.CreateAsync(StoreKind.Postgres);
        node.Settings["Warta__Demo"] = "false";

        var before = await node.RunVerbAsync(null, "sites");
        var (noSiteCode, _, noSite) = await node.TryVerbAsync(Staff.Password, "user", "add", "editor@wartasolo.test", "--site", "solo", "--role", "editor");
        Assert.Equal("", before.Trim());
        Assert.Equal(2, noSiteCode);
        Assert.Contains("Situs 'solo' tidak ada", noSite);

        await node.RunVerbAsync(null, "site", "add", "nasional", "--name", "WartaNasional", "--host", "wartanasional.test", "--host", "www.wartanasional.test",
            "--tagline", "Kabar Nasional Terpercaya", "--color", "#0A5C36", "--default");
        await node.RunVerbAsync(null, "site", "add", "solo", "--name", "WartaSolo", "--host", "wartasolo.test", "--time-zone", "wib",
            "--whatsapp", "https://whatsapp.com/channel/0029VaWartaSolo", "--promo", "Ikuti saluran WhatsApp WartaSolo");
        await node.RunVerbAsync(null, "section", "add", "nasional", "ekonomi", "--name", "Ekonomi");
        await node.RunVerbAsync(null, "section", "add", "solo", "solo-raya", "--name", "Solo Raya");
        await node.RunVerbAsync(null, "site", "edit", "solo", "--tagline", "Kabar Solo Raya");
        await node.RunVerbAsync(Staff.Password, "user", "add", "editor@wartasolo.test", "--site", "solo", "--role", "editor");

        // Refusals name what is wrong and change nothing.
        var refusals = new[]
        {
            await node.TryVerbAsync(null, "site", "add", "solo-2", "--name", "WartaSolo Dua", "--host", "WartaSolo.test"),
            await node.TryVerbAsync(null, "site", "add", "Solo!", "--name", "X", "--host", "x.test"),
            await node.TryVerbAsync(null, "site", "edit", "solo", "--color", "merah"),
            await node.TryVerbAsync(null, "section", "add", "solo", "tag", "--name", "Tag"),
            await node.TryVerbAsync(null, "site", "add", "jogja", "--name", "WartaJogja", "--host", "http://wartajogja.test:8080"),
        };
        Assert.All(refusals, r => Assert.Equal(1, r.Code));
        Assert.Equal(
            [
                "Host 'wartasolo.test' sudah dipakai situs lain.",
                "Slug situs 'Solo!' harus huruf kecil, angka dan tanda hubung (2 sampai 64), mis. solo-raya.",
                "Warna merek harus kode heksadesimal, mis. #b3121a.",
                "Slug rubrik 'tag' dipakai alamat lain situs ini; pilih yang lain.",
                "Host 'http://wartajogja.test:8080' bukan nama host (mis. wartasolo.com, tanpa http:// dan port).",
            ],
            refusals.Select(r => r.Error.Trim()));

        var list = await node.RunVerbAsync(null, "site", "list");
        Assert.Equal(["nasional\twartanasional.test www.wartanasional.test\tWartaNasional\tWIB", "solo\twartasolo.test\tWartaSolo\tWIB"],
            list.Trim().Split('\n'));

        await node.StartAsync();
        using var client = new HttpClient { BaseAddress = node.Address };
        var solo = await PageAsync(client, "wartasolo.test");
        var alias = await PageAsync(client, "www.wartanasional.test");
        var unknown = await PageAsync(client, "tidak-dikenal.test");

        Assert.Contains("WartaSolo", solo.QuerySelector("header")!.TextContent);
        Assert.Contains("Kabar Solo Raya", solo.Body!.TextContent);
        Assert.Contains(solo.QuerySelectorAll("nav a"), a => a.TextContent.Trim() == "Solo Raya");
        Assert.Contains("WartaNasional", alias.QuerySelector("header")!.TextContent);
        Assert.Contains("WartaNasional", unknown.QuerySelector("header")!.TextContent);

        // A change made on the command line while the server runs reaches its pages at its next poll.
        await node.RunVerbAsync(null, "site", "edit", "solo", "--tagline", "Kabar Soloraya Hari Ini");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!(await PageAsync(client, "wartasolo.test")).Body!.TextContent.Contains("Kabar Soloraya Hari Ini"))
        {
            Assert.True(DateTime.UtcNow < deadline, "the running server still shows the old tagline 10 s after the edit");
            await Task.Delay(100);
        }

        await using var db = node.OpenDb();
        Assert.Equal(0, await db.Articles.CountAsync());
        Assert.Equal(0, await db.LiveReports.CountAsync());
        Assert.Equal(["nasional", "solo"], await db.Sites.OrderBy(s => s.Slug).Select(s => s.Slug).ToListAsync());
        Assert.Equal("#0a5c36", await db.Sites.Where(s => s.Slug == "nasional").Select(s => s.BrandColor).SingleAsync());
        Assert.Equal(4, await db.Set<Warta.Accounts.AuditEntry>().CountAsync(e => e.Action == Warta.Accounts.AuditActions.SiteCreated || e.Action == Warta.Accounts.AuditActions.SiteEdited));
    }

    private static async Task<AngleSharp.Dom.IDocument> PageAsync(HttpClient client, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = host;
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Html.Parse(await response.Content.ReadAsStringAsync());
    }
}
