using System.Net.Http.Json;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Warta.Accounts;
using Warta.Network;

namespace Warta.BrowserTests;

/// <summary>
/// A reader keeps the live page open while the desk posts, fixes and deletes; then the server restarts
/// under the reader, entries are posted meanwhile, and the page ends with exactly the desk's entries.
/// </summary>
public sealed class LiveReportInChromiumTests : ChromiumTest
{
    private const string Slug = "arus-balik-libur-akhir-tahun-di-tol-trans-jawa-pantauan-24-jam";

    [SkippableFact]
    public async Task EveryChangeReachesAnOpenPageWithinASecondAndARestartLosesOrDoublesNothing()
    {
        var desk = await DeskAsync();
        var reader = await Browser.OpenAsync(App.Address!, Browser.Desktop);
        await reader.GotoAsync($"/live/{Slug}");
        var entries = reader.Locator(".live-feed .live-entry");
        Assert.Equal(22, await entries.CountAsync());
        await Browser.ScreenshotAsync(reader, "live-pembaca-desktop");
        var problems = (await reader.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html).Take(3))})").ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        await reader.WaitForFunctionAsync("() => document.querySelector('.live-connection') !== null");
        await Task.Delay(500); // the stream opens after the page's scripts run

        // A new entry waits behind the notice, without moving what the reader is reading; the title counts it.
        var first = await PostAsync(desk, "Gerbang Tol Cikampek Utama lancar pagi ini.", key: true);
        await Assertions.Expect(reader.Locator(".new-updates")).ToHaveTextAsync("1 update baru", new() { Timeout = 1000 });
        Assert.StartsWith("(1) ", await reader.TitleAsync());
        Assert.Equal(22, await entries.CountAsync());
        await reader.Locator(".new-updates").ClickAsync();
        await Assertions.Expect(entries.First).ToContainTextAsync("Gerbang Tol Cikampek Utama lancar pagi ini.");
        Assert.DoesNotContain("(1)", await reader.TitleAsync());
        await Browser.ScreenshotAsync(reader, "live-update-baru-desktop");

        // An edit and a deletion apply in place.
        Assert.True((await desk.PutAsJsonAsync($"/api/v1/live/{Slug}/entries/{first}", new { bodyHtml = "<p>Gerbang Tol Cikampek Utama ramai lancar pagi ini.</p>", keyEvent = true })).IsSuccessStatusCode);
        await Assertions.Expect(reader.Locator($"#entri-{first}")).ToContainTextAsync("ramai lancar", new() { Timeout = 1000 });
        var doomed = await App.WithDbAsync(db => db.LiveEntries.OrderBy(e => e.PostedAt).Select(e => e.Id).FirstAsync());
        Assert.True((await desk.DeleteAsync($"/api/v1/live/{Slug}/entries/{doomed}")).IsSuccessStatusCode);
        await Assertions.Expect(reader.Locator($"#entri-{doomed}")).ToHaveCountAsync(0, new() { Timeout = 1000 });

        // The key-events filter shows only what matters.
        await reader.GetByRole(AriaRole.Button, new() { Name = "Hanya peristiwa penting" }).ClickAsync();
        Assert.Equal(6, await reader.Locator(".live-feed .live-entry:visible").CountAsync());
        await reader.GetByRole(AriaRole.Button, new() { Name = "Hanya peristiwa penting" }).ClickAsync();

        // The server restarts under the open page; the desk posts while the reader is away.
        await RestartAppAsync();
        desk = await DeskAsync(existing: true);
        await PostAsync(desk, "Setelah server dimulai ulang: antrean 200 meter.");
        await PostAsync(desk, "Rest area KM 166 kembali dibuka.");
        await Assertions.Expect(reader.Locator(".new-updates")).ToHaveTextAsync("2 update baru", new() { Timeout = 15_000 });
        await reader.Locator(".new-updates").ClickAsync();

        var shown = await reader.Locator(".live-feed .live-entry").EvaluateAllAsync<int[]>("nodes => nodes.map(n => Number(n.dataset.id))");
        var stored = await App.WithDbAsync(db => db.LiveEntries.Where(e => !e.IsDeleted).OrderByDescending(e => e.PostedAt).ThenByDescending(e => e.Id).Select(e => e.Id).ToListAsync());
        Assert.Equal(stored, shown);
        Assert.Equal(shown.Length, shown.Distinct().Count());
        await Browser.ScreenshotAsync(reader, "live-setelah-restart-desktop");

        var phone = await Browser.OpenAsync(App.Address!, Browser.Phone);
        await phone.GotoAsync($"/live/{Slug}");
        await Browser.ScreenshotAsync(phone, "live-pembaca-ponsel");
        var phoneProblems = (await phone.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToList();
        Assert.True(phoneProblems.Count == 0, string.Join("\n", phoneProblems));
    }

    [SkippableFact]
    public async Task TheConsolePostsWithTheKeyboardBesideTheReadersView()
    {
        using (var scope = App.Services.CreateScope())
        {
            var site = scope.ServiceProvider.GetRequiredService<SiteDirectory>().FindBySlug("nasional");
            await scope.ServiceProvider.GetRequiredService<StaffAccounts>().AddAsync("dewi@warta.test", "kopi tubruk pagi hari", site, StaffRole.Editor, "Dewi Anggraini");
        }
        var page = await Browser.OpenAsync(App.Address!, Browser.Desktop);
        await Browser.SignInAsync(page, "dewi@warta.test", "kopi tubruk pagi hari");
        await page.GetByRole(AriaRole.Link, new() { Name = "Laporan langsung" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Arus Balik Libur Akhir Tahun di Tol Trans-Jawa, Pantauan 24 Jam" }).ClickAsync();

        await page.GetByLabel("Update baru", new() { Exact = false }).FillAsync("Dari konsol: arus kendaraan mulai padat di KM 57.");
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(page.Locator(".console-list li").First).ToContainTextAsync("Dari konsol: arus kendaraan mulai padat di KM 57.");
        var readerView = page.FrameLocator("iframe[title='Halaman pembaca']");
        await Assertions.Expect(readerView.Locator(".new-updates")).ToHaveTextAsync("1 update baru", new() { Timeout = 5000 });
        await Browser.ScreenshotAsync(page, "redaksi-konsol-live-desktop");
        var problems = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html).Take(3))})").ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private async Task<HttpClient> DeskAsync(bool existing = false)
    {
        using var scope = App.Services.CreateScope();
        if (!existing)
        {
            var site = scope.ServiceProvider.GetRequiredService<SiteDirectory>().FindBySlug("nasional");
            await scope.ServiceProvider.GetRequiredService<StaffAccounts>().AddAsync("desk@warta.test", "kopi tubruk pagi hari", site, StaffRole.Editor, "Meja Live");
        }
        var token = (await scope.ServiceProvider.GetRequiredService<PersonalAccessTokens>().CreateAsync("desk@warta.test", "live"))!.Value.Token;
        var client = new HttpClient { BaseAddress = App.Address };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    private static async Task<int> PostAsync(HttpClient desk, string text, bool key = false)
    {
        var response = await desk.PostAsJsonAsync($"/api/v1/live/{Slug}/entries", new { bodyHtml = $"<p>{text}</p>", keyEvent = key });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }
}
