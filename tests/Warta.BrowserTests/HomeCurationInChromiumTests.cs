using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Warta.Accounts;
using Warta.Tests.Infrastructure;

namespace Warta.BrowserTests;

/// <summary>Issue 10: an editor sets the headline; readers see it, share it, and read in dark mode.</summary>
public sealed class HomeCurationInChromiumTests : ChromiumTest
{
    private static async Task<List<string>> SeriousProblemsAsync(IPage page) =>
        (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToList();

    [SkippableFact]
    public async Task AnEditorSetsTheHeadlineAndTheHomePageKeepsItAfterANewerStory()
    {
        await App.AddStaffAsync("redaktur@warta.test", "nasional", StaffRole.Editor, "kopi tubruk pagi hari");
        var desk = await Browser.OpenAsync(App.Address!, Browser.Desktop);
        await Browser.SignInAsync(desk, "redaktur@warta.test", "kopi tubruk pagi hari");
        await desk.GetByRole(AriaRole.Link, new() { Name = "Berita Utama" }).ClickAsync();
        // An older story, not the newest: the one the home page would never lead with by itself.
        var candidate = desk.Locator(".recent li").Nth(4);
        var headline = (await candidate.InnerTextAsync()).Replace("Jadikan headline", "").Replace("Tambahkan", "").Trim();
        await candidate.GetByRole(AriaRole.Button, new() { Name = $"Jadikan headline: {headline}" }).ClickAsync();
        await desk.WaitForURLAsync("**/redaksi/utama?situs=nasional");
        Assert.Equal($"Headline {headline}", (await desk.Locator(".picks .pick-headline").First.InnerTextAsync()).Trim());
        await Browser.ScreenshotAsync(desk, "redaksi-utama-desktop");
        var deskProblems = await SeriousProblemsAsync(desk);

        var newer = await App.PublishStoryAsync(await App.StaffPrincipalAsync("editor@warta.test", "nasional", StaffRole.Editor),
            App.Draft("nasional", "nasional", "Banjir Rob Rendam Jalan Pantura Semarang Pagi Ini"));
        var reader = await Browser.OpenAsync(App.Address!, Browser.Desktop);
        await reader.GotoAsync("/");

        Assert.True(deskProblems.Count == 0, string.Join("\n", deskProblems));
        Assert.Equal(headline, await reader.Locator(".top-story h2").InnerTextAsync());
        Assert.Equal(newer.Path, await reader.Locator(".rail .latest li a").First.GetAttributeAsync("href"));
        Assert.Equal(1, await reader.GetByRole(AriaRole.Link, new() { Name = headline, Exact = true }).CountAsync());
        await Browser.ScreenshotAsync(reader, "beranda-utama-desktop");
        var homeProblems = await SeriousProblemsAsync(reader);
        Assert.True(homeProblems.Count == 0, string.Join("\n", homeProblems));
    }

    [SkippableFact]
    public async Task ReadersShareAStoryAndReadItInDarkModeOnAPhone()
    {
        var editor = await App.StaffPrincipalAsync("editor@warta.test", "nasional", StaffRole.Editor);
        var photo = await App.UploadPhotoAsync(editor, "nasional", "Nelayan menarik perahu ke pantai saat senja.", "Uji Foto / WartaNasional");
        var story = await App.PublishStoryAsync(editor, App.Draft("nasional", "nasional", "Nelayan Pantai Utara Kembali Melaut Setelah Cuaca Membaik")
            with { LeadMediaId = photo });

        foreach (var (viewport, scheme) in new[] { (Browser.Phone, ColorScheme.Dark), (Browser.Desktop, ColorScheme.Dark), (Browser.Phone, ColorScheme.Light) })
        {
            var page = await Browser.OpenAsync(App.Address!, viewport);
            await page.EmulateMediaAsync(new() { ColorScheme = scheme });
            await page.GotoAsync(story.Path);

            var background = await page.EvaluateAsync<string>("getComputedStyle(document.documentElement).backgroundColor");
            Assert.Equal(scheme == ColorScheme.Dark ? "rgb(20, 20, 20)" : "rgb(255, 255, 255)", background);
            var share = page.GetByRole(AriaRole.Region, new() { Name = "Bagikan" });
            var whatsApp = await share.GetByRole(AriaRole.Link, new() { Name = "WhatsApp", Exact = true }).GetAttributeAsync("href");
            Assert.StartsWith("https://wa.me/?text=", whatsApp);
            Assert.Contains(Uri.EscapeDataString($"{App.Address!.GetLeftPart(UriPartial.Authority)}{story.Path}"), whatsApp);
            foreach (var service in new[] { "Facebook", "X", "Telegram", "Salin tautan" })
                Assert.True(await share.GetByRole(AriaRole.Link, new() { Name = service, Exact = true }).IsVisibleAsync(), service);
            Assert.Empty(await page.Locator("script[src^='http']").AllAsync());
            await Browser.ScreenshotAsync(page, $"berita-{(scheme == ColorScheme.Dark ? "gelap" : "terang")}-{viewport.Name}");
            var problems = await SeriousProblemsAsync(page);
            Assert.True(problems.Count == 0, $"{scheme} {viewport.Name}:\n{string.Join("\n", problems)}");
        }

        var zoomed = await Browser.OpenAsync(App.Address!, Browser.Phone);
        await zoomed.GotoAsync(story.Path);
        await zoomed.Locator("[data-zoom]").ClickAsync();
        Assert.Equal("Nelayan menarik perahu ke pantai saat senja. — Uji Foto / WartaNasional", await zoomed.Locator(".zoom-caption").InnerTextAsync());
    }

    [SkippableFact]
    public async Task AReaderFindsTheRedaksiPageFromTheFooter()
    {
        var page = await Browser.OpenAsync(App.Address!, Browser.Phone);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Tentang situs" }).GetByRole(AriaRole.Link, new() { Name = "Redaksi" }).ClickAsync();
        await page.WaitForURLAsync("**/halaman/redaksi");

        Assert.Equal("Redaksi", await page.Locator("h1").InnerTextAsync());
        Assert.StartsWith("Diperbarui: ", await page.Locator(".static-page .updated").InnerTextAsync());
        await Browser.ScreenshotAsync(page, "halaman-redaksi-ponsel");
        var problems = await SeriousProblemsAsync(page);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
