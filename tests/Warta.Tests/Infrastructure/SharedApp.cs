using System.Security.Claims;
using Warta.Accounts;

namespace Warta.Tests.Infrastructure;

/// <summary>
/// One app for the tests of a class whose tests each publish their own stories and look only at those:
/// starting an app (store, migrations, the fixture network) costs more than such a test. It starts on
/// first use, inside a test, so a store that is not there skips the tests instead of failing the class.
/// </summary>
public class SharedApp : IAsyncLifetime
{
    private readonly StoreKind _store;
    private readonly Dictionary<string, ClaimsPrincipal> _editors = [];
    private Task<WartaApp>? _app;

    public SharedApp() : this(StoreKind.Sqlite) { }

    protected SharedApp(StoreKind store) => _store = store;

    // The in-process server answers on port 80; saying so makes links built outside a request (a
    // syndicated copy's origin) use the address the test clients read from.
    public Task<WartaApp> AppAsync() => _app ??= WartaApp.StartAsync(_store, new Dictionary<string, string?> { ["urls"] = "http://localhost" });

    /// <summary>An editor of the site, the same account for every test of the class.</summary>
    public async Task<ClaimsPrincipal> EditorOfAsync(string siteSlug)
    {
        if (!_editors.TryGetValue(siteSlug, out var editor))
            _editors[siteSlug] = editor = await (await AppAsync()).StaffPrincipalAsync($"editor@{siteSlug}.test", siteSlug, StaffRole.Editor);
        return editor;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_app is { IsCompletedSuccessfully: true }) await _app.Result.DisposeAsync();
    }
}

public sealed class SharedPostgresApp() : SharedApp(StoreKind.Postgres);
