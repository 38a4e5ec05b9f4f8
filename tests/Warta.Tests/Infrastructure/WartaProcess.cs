using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Warta.Data;

namespace Warta.Tests.Infrastructure;

/// <summary>
/// The built app as a separate OS process (`dotnet Warta.dll`), on a store of its own that outlives
/// the process: a SQLite file, or a fresh PostgreSQL database on WARTA_TEST_POSTGRES. For tests that
/// must kill the server, which an in-process host cannot survive.
/// </summary>
public sealed class WartaProcess : IAsyncDisposable
{
    private readonly string _folder;
    private readonly string? _postgresDatabase;
    private readonly StringBuilder _log = new();
    private Process? _process;

    private WartaProcess(string folder, StoreKind store, string connectionString, string? postgresDatabase)
    {
        _folder = folder;
        Store = store;
        ConnectionString = connectionString;
        _postgresDatabase = postgresDatabase;
    }

    public StoreKind Store { get; }

    public string ConnectionString { get; }

    /// <summary>Settings for the process, as environment variables (e.g. `Warta__Redis`).</summary>
    public Dictionary<string, string> Settings { get; } = [];

    public Uri Address { get; private set; } = null!;

    /// <summary>The app built alongside these tests: src/Warta/bin/&lt;the tests' configuration&gt;/net10.0/Warta.dll.</summary>
    public static string AppDll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            var dll = Path.Combine(SharedFiles.RepositoryRoot, "src", "Warta", "bin", configuration, "net10.0", "Warta.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"The app is not built for {configuration}: {dll}");
        }
    }

    /// <summary>Makes the store; nothing runs until <see cref="StartAsync"/>.</summary>
    public static async Task<WartaProcess> CreateAsync(StoreKind store)
    {
        var folder = Path.Combine(Path.GetTempPath(), "warta-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        if (store == StoreKind.Sqlite)
            return new WartaProcess(folder, store, $"Data Source={Path.Combine(folder, "warta.db")}", null);

        Skip.If(WartaApp.PostgresServer is null && Environment.GetEnvironmentVariable("CI") is null,
            "WARTA_TEST_POSTGRES is not set (e.g. Host=127.0.0.1;Username=postgres;Password=postgres); tests/run sets it.");
        var server = WartaApp.PostgresServer ?? throw new InvalidOperationException("CI must set WARTA_TEST_POSTGRES.");
        var database = $"warta_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new WartaProcess(folder, store, new NpgsqlConnectionStringBuilder(server) { Database = database }.ToString(), database);
    }

    /// <summary>
    /// Another node on the same store, with the same settings and a folder of its own; the store
    /// stays this process's to drop. Nothing runs until <see cref="StartAsync"/>.
    /// </summary>
    public WartaProcess AnotherNode()
    {
        var folder = Path.Combine(Path.GetTempPath(), "warta-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var node = new WartaProcess(folder, Store, ConnectionString, postgresDatabase: null);
        foreach (var (name, value) in Settings) node.Settings[name] = value;
        return node;
    }

    /// <summary>Runs a verb to its end (e.g. `user add`), with the same configuration as the server; it must succeed.</summary>
    public async Task<string> RunVerbAsync(string? input, params string[] args)
    {
        var (code, output, error) = await TryVerbAsync(input, args);
        if (code != 0) throw new InvalidOperationException($"warta {string.Join(' ', args)} exited with {code}: {error}");
        return output;
    }

    /// <summary>Runs a verb to its end and says how it ended, for verbs that are meant to refuse.</summary>
    public async Task<(int Code, string Output, string Error)> TryVerbAsync(string? input, params string[] args)
    {
        using var process = Process.Start(StartInfo(args, redirectInput: input is not null))!;
        if (input is not null)
        {
            await process.StandardInput.WriteLineAsync(input);
            process.StandardInput.Close();
        }
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Starts `serve` on a free loopback port and returns once the home page answers 200.</summary>
    public async Task StartAsync()
    {
        if (_process is not null) throw new InvalidOperationException("Already running.");
        var port = FreePort();
        Address = new Uri($"http://127.0.0.1:{port}");
        var start = StartInfo(["serve"], redirectInput: false);
        start.Environment["Urls"] = Address.ToString().TrimEnd('/');
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Log(e.Data);
        _process.ErrorDataReceived += (_, e) => Log(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited) throw new InvalidOperationException($"The app exited with {_process.ExitCode} while starting:\n{RecentLog}");
            try
            {
                using var response = await client.GetAsync(Address);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(50);
        }
        throw new TimeoutException($"The app did not answer within 60 s:\n{RecentLog}");
    }

    /// <summary>SIGKILL, as a crash or the OOM killer would: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (_process is null) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    /// <summary>A context on the same store, for reading what the process left behind.</summary>
    public WartaDbContext OpenDb()
    {
        if (Store == StoreKind.Postgres)
        {
            var options = new DbContextOptionsBuilder<PostgresWartaDbContext>();
            DataServices.ConfigurePostgres(options, ConnectionString);
            return new PostgresWartaDbContext(options.Options);
        }
        var sqlite = new DbContextOptionsBuilder<SqliteWartaDbContext>();
        DataServices.ConfigureSqlite(sqlite, ConnectionString);
        return new SqliteWartaDbContext(sqlite.Options);
    }

    /// <summary>Everything every run of the server wrote, in order.</summary>
    public string WholeLog
    {
        get
        {
            lock (_log) return _log.ToString();
        }
    }

    /// <summary>The last lines the server wrote, for failure messages.</summary>
    public string RecentLog
    {
        get
        {
            lock (_log) return _log.Length > 4000 ? _log.ToString(_log.Length - 4000, 4000) : _log.ToString();
        }
    }

    private void Log(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }

    private ProcessStartInfo StartInfo(string[] args, bool redirectInput)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _folder,
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(AppDll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ConnectionStrings__Warta"] = ConnectionString;
        start.Environment["Warta__Database__Provider"] = Store.ToString();
        start.Environment["Warta__Media__Root"] = Path.Combine(_folder, "media");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in Settings) start.Environment[name] = value;
        return start;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        if (_postgresDatabase is not null && WartaApp.PostgresServer is { } server)
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
