using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Warta.Tests.Infrastructure;

namespace Warta.BrowserTests;

/// <summary>The reader pages as a person sees them in Chromium, at phone and desktop widths.</summary>
public sealed class ReaderPagesInChromiumTests : ChromiumTest
{
    public static TheoryData<string> Widths => new() { Browser.Phone.Name, Browser.Desktop.Name };

    [SkippableTheory]
    [MemberData(nameof(Widths))]
    public async Task HomeSectionAndArticlePagesRenderWithoutOverflowOrBrokenImages(string width)
    {
        var viewport = width == Browser.Phone.Name ? Browser.Phone : Browser.Desktop;
        var page = await Browser.OpenAsync(App.Address!, viewport);
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);
        page.Response += (_, response) => { if (response.Status >= 400) errors.Add($"{response.Status} {response.Url}"); };

        foreach (var (name, path) in new[] { ("beranda", "/"), ("rubrik", "/ekonomi"), ("artikel", await App.PathAsync("demo-harga-cabai-rawit-tembus-95-ribu")) })
        {
            var response = await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            Assert.Equal(200, response!.Status);
            await Browser.ScreenshotAsync(page, $"{name}-{viewport.Name}");

            var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"{path} scrolls sideways by {overflow}px at {viewport.Width}px");
            var broken = await page.EvaluateAsync<string[]>(
                "[...document.images].filter(i => i.loading !== 'lazy' || i.getBoundingClientRect().top < innerHeight).filter(i => i.complete && i.naturalWidth === 0).map(i => i.currentSrc || i.src)");
            Assert.Empty(broken);
        }
        Assert.Empty(errors);
    }

    [SkippableFact]
    public async Task LeadPhotoZoomsAndClosesWithEscape()
    {
        var page = await Browser.OpenAsync(App.Address!, Browser.Phone);
        await page.GotoAsync(await App.PathAsync("demo-harga-cabai-rawit-tembus-95-ribu"));

        await page.ClickAsync(".lead-photo .zoom");
        var dialog = page.Locator("dialog.zoom-dialog");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("document.querySelector('dialog.zoom-dialog img').naturalWidth > 0");
        var zoomedWidth = await page.EvaluateAsync<int>("document.querySelector('dialog.zoom-dialog img').naturalWidth");
        await Browser.ScreenshotAsync(page, "artikel-foto-diperbesar-ponsel");
        await page.Keyboard.PressAsync("Escape");

        Assert.True(zoomedWidth >= 1280, $"the zoomed photo is the original, not a rendition ({zoomedWidth}px)");
        await Assertions.Expect(dialog).ToBeHiddenAsync();
    }

    [SkippableFact]
    public async Task AReaderFollowsAMultiPageArticleToPageTwo()
    {
        var page = await Browser.OpenAsync(App.Address!, Browser.Desktop);
        var path = await App.PathAsync("demo-feature-guru-honorer-pulau-terluar");
        await page.GotoAsync(path);
        var firstPage = await page.Locator(".body p").First.InnerTextAsync();

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Halaman artikel" }).GetByRole(AriaRole.Link, new() { Name = "2", Exact = true }).ClickAsync();

        await page.WaitForURLAsync($"**{path}?page=2");
        Assert.Equal("2", await page.Locator(".article-pages a[aria-current]").InnerTextAsync());
        Assert.NotEqual(firstPage, await page.Locator(".body p").First.InnerTextAsync());
        await Browser.ScreenshotAsync(page, "artikel-halaman-2-desktop");
    }

    [SkippableFact]
    public async Task KeyboardUsersCanSkipToTheContent()
    {
        var page = await Browser.OpenAsync(App.Address!, Browser.Desktop);
        await page.GotoAsync("/");

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Langsung ke konten", await page.EvaluateAsync<string>("document.activeElement.textContent"));
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("konten", await page.EvaluateAsync<string>("document.activeElement.id"));
    }

    [SkippableFact]
    public async Task ArticlePageDoesNotShiftWhileLoading()
    {
        var page = await Browser.OpenAsync(App.Address!, Browser.Phone);
        await page.AddInitScriptAsync("""
            window.__cls = 0;
            new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; })
              .observe({ type: 'layout-shift', buffered: true });
            """);
        await page.GotoAsync(await App.PathAsync("demo-feature-guru-honorer-pulau-terluar"), new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        await page.WaitForTimeoutAsync(300);

        var shift = await page.EvaluateAsync<double>("window.__cls");
        Assert.True(shift < 0.1, $"cumulative layout shift {shift:0.000} (good is under 0.1)");
    }

    [SkippableTheory]
    [MemberData(nameof(Widths))]
    public async Task AxeFindsNoSeriousOrCriticalViolations(string width)
    {
        var viewport = width == Browser.Phone.Name ? Browser.Phone : Browser.Desktop;
        var page = await Browser.OpenAsync(App.Address!, viewport);
        var paths = new[]
        {
            "/", "/ekonomi", "/tag/komoditas", "/penulis/bagas-prasetyo",
            await App.PathAsync("demo-harga-cabai-rawit-tembus-95-ribu"),
            await App.PathAsync("demo-feature-guru-honorer-pulau-terluar"),
            "/halaman-yang-tidak-ada",
        };
        var problems = new List<string>();
        foreach (var path in paths)
        {
            await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            AxeResult result = await page.RunAxe();
            problems.AddRange(result.Violations
                .Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{path}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target.ToString()))}"));
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
