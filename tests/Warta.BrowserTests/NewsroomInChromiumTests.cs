using System.Net.Http.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Warta.Accounts;
using Warta.Network;
using Warta.Tests.Infrastructure;

namespace Warta.BrowserTests;

public sealed class NewsroomInChromiumTests : ChromiumTest
{
    [SkippableFact]
    public async Task AnEditorSignsInWithTheKeyboardAndSeesTheirDesk()
    {
        using (var scope = App.Services.CreateScope())
        {
            var site = scope.ServiceProvider.GetRequiredService<SiteDirectory>().FindBySlug("makassar");
            await scope.ServiceProvider.GetRequiredService<StaffAccounts>().AddAsync("ahmad@warta.test", "coto makassar hangat", site, StaffRole.Editor, "Ahmad Rusdi");
        }
        var page = await Browser.OpenAsync(App.Address!, Browser.Phone);

        await page.GotoAsync("/redaksi");
        await Browser.ScreenshotAsync(page, "redaksi-masuk-ponsel");
        var signInProblems = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => v.Id).ToList();
        await page.GetByLabel("Email").FillAsync("ahmad@warta.test");
        await page.GetByLabel("Kata sandi").FillAsync("coto makassar hangat");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/redaksi");

        Assert.Empty(signInProblems);
        Assert.Equal("Ahmad Rusdi", await page.Locator(".who").InnerTextAsync());
        Assert.Equal("WartaMakassar", await page.Locator(".card h2").InnerTextAsync());
        await Browser.ScreenshotAsync(page, "redaksi-dasbor-ponsel");
        var dashboardProblems = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToList();
        Assert.True(dashboardProblems.Count == 0, string.Join("\n", dashboardProblems));

        await page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Tulis berita" }).ClickAsync();
        await page.GetByLabel("Judul").FillAsync("Festival Perahu Hias di Pantai Losari");
        await page.GetByLabel("Ringkasan").FillAsync("Ratusan perahu hias meramaikan pantai.");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Textbox, new() { Name = "Isi berita" }).FillAsync("Ratusan perahu hias berlayar sore tadi.");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Buat draf" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/redaksi/berita/\d+$"));
        Assert.Equal("Draf", await page.Locator(".status strong").InnerTextAsync());
        await Browser.ScreenshotAsync(page, "redaksi-sunting-ponsel");
        var editorProblems = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToList();
        Assert.True(editorProblems.Count == 0, string.Join("\n", editorProblems));

        await page.GotoAsync("/redaksi/pilihan?situs=makassar");
        var candidates = page.Locator(".recent li");
        var firstHeadline = (await candidates.Nth(0).InnerTextAsync()).Replace("Pilih", "").Trim();
        var secondHeadline = (await candidates.Nth(1).InnerTextAsync()).Replace("Pilih", "").Trim();
        await candidates.Nth(0).GetByRole(Microsoft.Playwright.AriaRole.Button).ClickAsync();
        await page.Locator(".recent li").Nth(0).GetByRole(Microsoft.Playwright.AriaRole.Button).ClickAsync();
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = $"Naik: {secondHeadline}" }).ClickAsync();
        Assert.Equal([secondHeadline, firstHeadline], (await page.Locator(".picks li > span").AllInnerTextsAsync()).Select(t => t.Trim()));
        await Browser.ScreenshotAsync(page, "redaksi-pilihan-ponsel");
        Assert.Empty((await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}"));
    }

    [SkippableFact]
    public async Task ANetworkAdminCreatesASiteAndItsSectionAndReadersFindItOnItsOwnHost()
    {
        using (var scope = App.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<StaffAccounts>().AddAsync("jaringan@warta.test", "kopi tubruk pagi hari", null, StaffRole.NetworkAdmin, "Dewi Lestari");
        var page = await Browser.OpenAsync(App.Address!, Browser.Desktop);
        await Browser.SignInAsync(page, "jaringan@warta.test", "kopi tubruk pagi hari");

        await page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Jaringan", Exact = true }).ClickAsync();
        await page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Situs baru" }).ClickAsync();
        await page.GetByLabel(new System.Text.RegularExpressions.Regex("^Slug")).FillAsync("bali");
        await page.GetByLabel("Nama situs", new() { Exact = true }).FillAsync("WartaBali");
        await page.GetByLabel(new System.Text.RegularExpressions.Regex("^Host")).FillAsync("bali.localhost");
        await page.GetByLabel("Slogan").FillAsync("Kabar Pulau Dewata");
        await page.GetByLabel("Zona waktu").SelectOptionAsync("WITA");
        await page.GetByLabel("Warna merek").FillAsync("#0e7490");
        await Browser.ScreenshotAsync(page, "redaksi-situs-baru-desktop");
        var formProblems = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToList();
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Buat situs" }).ClickAsync();
        await page.WaitForURLAsync("**/redaksi/jaringan/bali");
        await page.GetByLabel("Slug", new() { Exact = true }).FillAsync("bali-raya");
        await page.GetByLabel("Nama", new() { Exact = true }).FillAsync("Bali Raya");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Tambah rubrik" }).ClickAsync();
        await page.WaitForURLAsync("**/redaksi/jaringan/bali");
        await Browser.ScreenshotAsync(page, "redaksi-situs-desktop");
        var settingsProblems = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToList();

        Assert.True(formProblems.Count == 0, string.Join("\n", formProblems));
        Assert.True(settingsProblems.Count == 0, string.Join("\n", settingsProblems));
        Assert.Equal("WartaBali", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("Bali Raya", await page.Locator("#sections + ol, section[aria-labelledby=sections] ol").First.InnerTextAsync());

        var reader = await Browser.OpenAsync(App.Address!, Browser.Phone);
        await reader.GotoAsync($"http://bali.localhost:{App.Address!.Port}/");
        await Browser.ScreenshotAsync(reader, "situs-baru-beranda-ponsel");
        Assert.Contains("WartaBali", await reader.Locator("header").First.InnerTextAsync());
        Assert.Contains("Kabar Pulau Dewata", await reader.Locator("body").InnerTextAsync());
        Assert.Equal(1, await reader.Locator("nav a", new() { HasTextString = "Bali Raya" }).CountAsync());
        Assert.Equal("Belum ada berita di WartaBali.", await reader.Locator(".home-main .empty").InnerTextAsync());
    }

    [SkippableFact]
    public async Task ASiteAdminDisablesAWriterWhoseOpenTabAndTokenStopAtOnce()
    {
        string token;
        using (var scope = App.Services.CreateScope())
        {
            var solo = scope.ServiceProvider.GetRequiredService<SiteDirectory>().FindBySlug("solo");
            var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
            await accounts.AddAsync("admin@solo.test", "kopi tubruk pagi hari", solo, StaffRole.SiteAdmin, "Sri Wahyuni");
            await accounts.AddAsync("bayu@solo.test", "serabi notosuman", solo, StaffRole.Writer, "Bayu Aji");
            token = (await scope.ServiceProvider.GetRequiredService<PersonalAccessTokens>().CreateAsync("bayu@solo.test", "skrip"))!.Value.Token;
        }
        using var script = new HttpClient { BaseAddress = App.Address };
        script.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var writer = await Browser.OpenAsync(App.Address!, Browser.Phone);
        await Browser.SignInAsync(writer, "bayu@solo.test", "serabi notosuman");
        var admin = await Browser.OpenAsync(App.Address!, Browser.Desktop);
        await Browser.SignInAsync(admin, "admin@solo.test", "kopi tubruk pagi hari");
        var before = await script.PostAsJsonAsync("/api/v1/articles", new { site = "solo", section = "solo-raya", headline = "Grebeg Maulud di Keraton", bodyHtml = "<p>Isi.</p>" });

        await admin.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Staf", Exact = true }).ClickAsync();
        await Browser.ScreenshotAsync(admin, "redaksi-staf-desktop");
        var staffProblems = (await admin.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToList();
        await admin.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Nonaktifkan: bayu@solo.test" }).ClickAsync();
        await admin.WaitForURLAsync("**/redaksi/staf");
        var state = await admin.Locator("table.staff tr", new() { HasTextString = "bayu@solo.test" }).Locator("td.state").InnerTextAsync();
        await writer.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Tulis berita" }).ClickAsync();
        await writer.WaitForURLAsync("**/redaksi/masuk**");
        var after = await script.PostAsJsonAsync("/api/v1/articles", new { site = "solo", section = "solo-raya", headline = "Grebeg Maulud di Keraton", bodyHtml = "<p>Isi.</p>" });

        Assert.True(staffProblems.Count == 0, string.Join("\n", staffProblems));
        Assert.Equal(System.Net.HttpStatusCode.Created, before.StatusCode);
        Assert.Equal("Nonaktif", state);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, after.StatusCode);
        await writer.GetByLabel("Email").FillAsync("bayu@solo.test");
        await writer.GetByLabel("Kata sandi").FillAsync("serabi notosuman");
        await writer.Keyboard.PressAsync("Enter");
        Assert.Equal("Akun ini dinonaktifkan. Hubungi admin situs Anda.", await writer.Locator(".error").InnerTextAsync());
        await Browser.ScreenshotAsync(writer, "redaksi-akun-nonaktif-ponsel");
    }
}
