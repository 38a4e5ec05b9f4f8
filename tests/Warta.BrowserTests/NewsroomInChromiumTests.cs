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
}
