using Warta.Tests.Infrastructure;

namespace Warta.BrowserTests;

/// <summary>A test class with its own app on a real port and its own Chromium.</summary>
public abstract class ChromiumTest : IAsyncLifetime
{
    protected WartaApp App { get; private set; } = null!;

    protected Browser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Browser = await Browser.LaunchAsync();
        App = await WartaApp.StartServerAsync();
    }

    /// <summary>Restarts the app on the same store and port; the browser keeps its pages.</summary>
    protected async Task RestartAppAsync() => App = await App.RestartServerAsync();

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        if (App is not null) await App.DisposeAsync();
    }
}
