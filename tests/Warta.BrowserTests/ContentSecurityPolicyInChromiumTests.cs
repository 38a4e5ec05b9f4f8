using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Warta.Accounts;
using Warta.Network;
using Warta.Tests.Infrastructure;

namespace Warta.BrowserTests;

/// <summary>
/// Every kind of page does its work under the Content-Security-Policy, and Chromium reports no
/// violation: neither a "Refused to ..." console message nor a securitypolicyviolation event, in the
/// page or in any frame of it.
/// </summary>
public sealed class ContentSecurityPolicyInChromiumTests : ChromiumTest
{
    private const string Slug = "arus-balik-libur-akhir-tahun-di-tol-trans-jawa-pantauan-24-jam";
    private const string Password = "kopi tubruk pagi hari";

    [SkippableFact]
    public async Task ReaderPagesAndTheLiveStreamWorkWithoutAViolation()
    {
        var page = await Browser.OpenAsync(App.Address!, Browser.Desktop);
        var violations = await WatchAsync(page);

        await VisitAsync(page, "/");
        Assert.Equal(1, await page.Locator(".promo .live-badge").CountAsync());
        await VisitAsync(page, "/ekonomi");
        await VisitAsync(page, await App.PathAsync("demo-harga-cabai-rawit-tembus-95-ribu"));
        await page.ClickAsync(".lead-photo .zoom");
        await page.WaitForFunctionAsync("document.querySelector('dialog.zoom-dialog img')?.naturalWidth > 0");
        await page.Keyboard.PressAsync("Escape");
        // The brand colour reaches the page through the hashed inline block.
        Assert.NotEqual("", await page.EvaluateAsync<string>("getComputedStyle(document.documentElement).getPropertyValue('--brand').trim()"));

        await VisitAsync(page, $"/live/{Slug}");
        await page.WaitForFunctionAsync("() => document.querySelector('.live-connection') !== null");
        await Task.Delay(500); // the stream opens after the page's scripts run
        await PostEntryAsync(await DeskAsync(), "Di bawah CSP: arus lalu lintas lancar.");
        await Assertions.Expect(page.Locator(".new-updates")).ToHaveTextAsync("1 update baru", new() { Timeout = 5000 });
        await page.Locator(".new-updates").ClickAsync();
        await Assertions.Expect(page.Locator(".live-feed .live-entry").First).ToContainTextAsync("Di bawah CSP");

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [SkippableFact]
    public async Task NewsroomPagesTheEditorAndTheLiveConsoleWorkWithoutAViolation()
    {
        using (var scope = App.Services.CreateScope())
        {
            var site = scope.ServiceProvider.GetRequiredService<SiteDirectory>().FindBySlug("nasional");
            await scope.ServiceProvider.GetRequiredService<StaffAccounts>().AddAsync("intan@warta.test", Password, site, StaffRole.Editor, "Intan Permata");
        }
        var page = await Browser.OpenAsync(App.Address!, Browser.Desktop);
        var violations = await WatchAsync(page);

        await VisitAsync(page, "/redaksi/masuk");
        await Browser.SignInAsync(page, "intan@warta.test", Password);
        await VisitAsync(page, "/redaksi");

        // The story editor: TipTap replaces the text area, and autosave saves what was typed.
        await VisitAsync(page, "/redaksi/berita?situs=nasional");
        await page.GetByLabel("Judul").FillAsync("Uji kebijakan keamanan konten");
        await page.GetByLabel("Ringkasan").FillAsync("Editor bekerja di bawah CSP.");
        var body = page.GetByRole(AriaRole.Textbox, new() { Name = "Isi berita" });
        await body.FillAsync("Paragraf pertama.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Buat draf" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/redaksi/berita/\d+$"));
        Assert.Equal(1, await page.Locator(".rich .surface .ProseMirror").CountAsync());
        await page.Locator(".rich .surface .ProseMirror").ClickAsync();
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.TypeAsync(" Ditulis lalu disimpan otomatis.");
        await Assertions.Expect(page.Locator("#autosave-status")).ToContainTextAsync("otomatis", new() { Timeout = 10_000 });
        var id = int.Parse(page.Url.Split('/')[^1]);
        Assert.Contains("disimpan otomatis", await App.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.BodyHtml).SingleAsync()));

        await VisitAsync(page, "/redaksi/media?situs=nasional");

        // The live console, with the reader's page in its frame kept current over the stream.
        var report = await App.WithDbAsync(db => db.LiveReports.Where(r => r.Slug == Slug).Select(r => r.Id).SingleAsync());
        await VisitAsync(page, $"/redaksi/live/{report}");
        var readerView = page.FrameLocator("iframe[title='Halaman pembaca']");
        await Assertions.Expect(readerView.Locator(".live-feed .live-entry").First).ToBeVisibleAsync();
        await Task.Delay(500);
        await page.GetByLabel("Update baru", new() { Exact = false }).FillAsync("Dari konsol di bawah CSP.");
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(page.Locator(".console-list li").First).ToContainTextAsync("Dari konsol di bawah CSP.");
        await Assertions.Expect(readerView.Locator(".new-updates")).ToHaveTextAsync("1 update baru", new() { Timeout = 5000 });

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [SkippableFact]
    public async Task TheWatchSeesInlineCodeRefused()
    {
        var page = await Browser.OpenAsync(App.Address!, Browser.Desktop);
        var violations = await WatchAsync(page);
        await VisitAsync(page, "/");

        await page.EvaluateAsync("""
            () => {
              document.body.insertAdjacentHTML('beforeend', '<p style="color: red">merah</p>');
              const script = document.createElement('script');
              script.textContent = 'window.ranInline = true';
              document.body.append(script);
            }
            """);
        await page.WaitForTimeoutAsync(300);

        Assert.False(await page.EvaluateAsync<bool>("window.ranInline === true"));
        Assert.Contains(violations, v => v.Contains("style-src"));
        Assert.Contains(violations, v => v.Contains("script-src"));
    }

    /// <summary>Collects every CSP violation of the page and its frames, from the console and from the DOM event.</summary>
    private static async Task<List<string>> WatchAsync(IPage page)
    {
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Refused to") || message.Text.StartsWith("CSP violation")) lock (violations) violations.Add($"{message.Location}: {message.Text}");
        };
        await page.Context.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', e =>
              console.error(`CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber} (${e.sample})`));
            """);
        return violations;
    }

    /// <summary>Opens a page, checks it was sent with a policy, and lets its scripts and requests settle.</summary>
    private static async Task VisitAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        Assert.Equal(200, response!.Status);
        var policy = await response.HeaderValueAsync("content-security-policy");
        Assert.NotNull(policy);
        Assert.Contains("script-src 'self'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
    }

    private async Task<HttpClient> DeskAsync()
    {
        using var scope = App.Services.CreateScope();
        var site = scope.ServiceProvider.GetRequiredService<SiteDirectory>().FindBySlug("nasional");
        await scope.ServiceProvider.GetRequiredService<StaffAccounts>().AddAsync("meja@warta.test", Password, site, StaffRole.Editor, "Meja Live");
        var token = (await scope.ServiceProvider.GetRequiredService<PersonalAccessTokens>().CreateAsync("meja@warta.test", "live"))!.Value.Token;
        var client = new HttpClient { BaseAddress = App.Address };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    private static async Task PostEntryAsync(HttpClient desk, string text)
    {
        var response = await desk.PostAsJsonAsync($"/api/v1/live/{Slug}/entries", new { bodyHtml = $"<p>{text}</p>" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
