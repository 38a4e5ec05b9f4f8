using Microsoft.Playwright;

namespace Warta.BrowserTests;

/// <summary>
/// Debian's Chromium driven by Playwright. Never downloads a browser: it launches the one at
/// WARTA_CHROMIUM (default /usr/bin/chromium) and skips, saying why, when there is none.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    public static readonly (string Name, int Width, int Height) Phone = ("ponsel", 390, 844);
    public static readonly (string Name, int Width, int Height) Desktop = ("desktop", 1280, 900);

    private readonly IPlaywright _playwright;

    private Browser(IPlaywright playwright, IBrowser chromium)
    {
        _playwright = playwright;
        Chromium = chromium;
    }

    public IBrowser Chromium { get; }

    public static string ScreenshotFolder { get; } = Path.Combine(Warta.Tests.Infrastructure.SharedFiles.RepositoryRoot, "TestResults", "screenshots");

    public static async Task<Browser> LaunchAsync()
    {
        var executable = Environment.GetEnvironmentVariable("WARTA_CHROMIUM") ?? "/usr/bin/chromium";
        Skip.If(!File.Exists(executable) && Environment.GetEnvironmentVariable("CI") is null,
            $"No Chromium at {executable}; tests/run installs Debian's chromium.");
        var playwright = await Playwright.CreateAsync();
        var chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
        return new Browser(playwright, chromium);
    }

    public async Task<IPage> OpenAsync(Uri baseAddress, (string Name, int Width, int Height) viewport, string host = "127.0.0.1")
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = viewport.Width, Height = viewport.Height },
            IsMobile = viewport.Width < 600,
            HasTouch = viewport.Width < 600,
            Locale = "id-ID",
            TimezoneId = "Asia/Jakarta",
        });
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the newsroom's form, with the keyboard, as staff do.</summary>
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/redaksi/masuk");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Kata sandi").FillAsync(password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/redaksi");
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{name}.png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        await Chromium.DisposeAsync();
        _playwright.Dispose();
    }
}
