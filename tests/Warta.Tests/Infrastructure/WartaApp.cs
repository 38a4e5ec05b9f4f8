using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Warta.Publishing;
using Warta.Data;

namespace Warta.Tests.Infrastructure;

public enum StoreKind
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The whole app in process, on its own store: a fresh SQLite file, or a fresh PostgreSQL database
/// on the server named by WARTA_TEST_POSTGRES. Nothing is shared between tests.
/// </summary>
public sealed class WartaApp : WebApplicationFactory<Program>
{
    private readonly string _folder;
    private readonly StoreKind _store;
    private readonly string _connectionString;
    private readonly string? _postgresDatabase;
    private readonly Dictionary<string, string?> _settings;
    private bool _keepData;

    /// <summary>Replaces or wraps services of the app under test (a counting cache store), before it starts.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>
    /// The app's clock when the test owns it: schedules, expiries and retries move when the test
    /// advances it, not after a real wait. Null: the real clock.
    /// </summary>
    public FakeTimeProvider? Clock { get; init; }

    private WartaApp(string folder, StoreKind store, string connectionString, string? postgresDatabase, Dictionary<string, string?> settings)
    {
        _folder = folder;
        _store = store;
        _connectionString = connectionString;
        _postgresDatabase = postgresDatabase;
        _settings = settings;
        Directory.CreateDirectory(_folder);
    }

    public static string? PostgresServer => Environment.GetEnvironmentVariable("WARTA_TEST_POSTGRES");

    public string MediaRoot => Path.Combine(_folder, "media");

    /// <summary>The store this app uses, for a second node on the same data.</summary>
    public string ConnectionString => _connectionString;

    public static string? RedisServer => Environment.GetEnvironmentVariable("WARTA_TEST_REDIS");

    /// <summary>Listens on a real loopback port, for a browser; <see cref="Address"/> is where.</summary>
    public static async Task<WartaApp> StartServerAsync(Dictionary<string, string?>? settings = null)
    {
        var port = FreePort();
        var app = await CreateAsync(StoreKind.Sqlite, settings);
        app.UseKestrel(port);
        app.StartServer();
        app.Address = new Uri($"http://127.0.0.1:{port}");
        return app;
    }

    public Uri? Address { get; private set; }

    /// <summary>Stops this server and starts a new process' worth of app on the same store, media and port, as a restart does.</summary>
    public async Task<WartaApp> RestartServerAsync()
    {
        var address = Address ?? throw new InvalidOperationException("Only a server started with StartServerAsync can restart.");
        _keepData = true;
        await DisposeAsync();
        var next = new WartaApp(_folder, _store, _connectionString, _postgresDatabase, _settings) { TestServices = TestServices, Clock = Clock };
        next.UseKestrel(address.Port);
        next.StartServer();
        next.Address = address;
        return next;
    }

    public static async Task<WartaApp> StartAsync(StoreKind store = StoreKind.Sqlite, Dictionary<string, string?>? settings = null,
        Action<IServiceCollection>? testServices = null, FakeTimeProvider? clock = null)
    {
        var app = await CreateAsync(store, settings, testServices, clock);
        _ = app.Server;
        return app;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<WartaApp> CreateAsync(StoreKind store, Dictionary<string, string?>? settings, Action<IServiceCollection>? testServices = null, FakeTimeProvider? clock = null)
    {
        settings ??= [];
        var folder = Path.Combine(Path.GetTempPath(), "warta-tests", Guid.NewGuid().ToString("N"));
        WartaApp app;
        if (store == StoreKind.Postgres)
        {
            // In CI a missing server is a failure, not a skip: the issue asks for both stores.
            Skip.If(PostgresServer is null && Environment.GetEnvironmentVariable("CI") is null,
                "WARTA_TEST_POSTGRES is not set (e.g. Host=127.0.0.1;Username=postgres;Password=postgres); .ci/run sets it.");
            var server = PostgresServer ?? throw new InvalidOperationException("CI must set WARTA_TEST_POSTGRES.");
            var database = $"warta_test_{Guid.NewGuid():N}";
            await using (var connection = new NpgsqlConnection(server))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
                await create.ExecuteNonQueryAsync();
            }
            app = new WartaApp(folder, store, new NpgsqlConnectionStringBuilder(server) { Database = database }.ToString(), database, settings) { TestServices = testServices, Clock = clock };
        }
        else
        {
            app = new WartaApp(folder, store, $"Data Source={Path.Combine(folder, "warta.db")}", null, settings) { TestServices = testServices, Clock = clock };
        }
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Warta", _connectionString);
        builder.UseSetting("Warta:Database:Provider", _store.ToString());
        builder.UseSetting("Warta:Media:Root", MediaRoot);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (Clock is { } clock) builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
        if (TestServices is { } services) builder.ConfigureTestServices(services);
    }

    public async Task<T> WithDbAsync<T>(Func<WartaDbContext, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<WartaDbContext>());
    }

    public async Task WithScopeAsync(Func<IServiceProvider, Task> work)
    {
        using var scope = Services.CreateScope();
        await work(scope.ServiceProvider);
    }

    public HttpClient ClientFor(string host = "localhost") =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri($"http://{host}") });

    /// <summary>A client whose requests arrive from <paramref name="remote"/>, as a proxy's or a reader's would.</summary>
    public HttpClient ClientFrom(System.Net.IPAddress remote, string host = "localhost") =>
        new(new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler { InnerHandler = Server.CreateHandler(context => context.Connection.RemoteIpAddress = remote) })
        {
            BaseAddress = new Uri($"http://{host}"),
        };

    /// <summary>A client that sends only the cookies a test gives it, for replaying an old cookie.</summary>
    public HttpClient ClientWithoutCookies(string host = "localhost") =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri($"http://{host}") });

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_keepData) return;
        if (_postgresDatabase is not null && PostgresServer is { } server)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
