using System.Diagnostics;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.CommandLine;

/// <summary>The command line as an operator uses it: the built app, in a folder of its own.</summary>
public sealed class VerbsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("warta-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [SkippableFact]
    public async Task ImportPagePrintsThePublicUrlAndKeepsDataBesideTheWorkingDirectory()
    {
        var seed = SharedFiles.Seed;

        var (code, output, error) = await RunAsync("import", "page", seed, "--site", "solo", "--section", "solo-raya");

        Assert.True(code == 0, error);
        var url = output.Trim().Split('\n')[^1];
        Assert.Matches(@"^http://solo\.localhost:5000/solo-raya/\d{4}/\d{2}/\d{2}/[a-z0-9-]+$", url);
        Assert.True(File.Exists(Path.Combine(_folder, "data", "warta.db")));
    }

    [Fact]
    public async Task OptionsWithoutAVerbServeTheSite()
    {
        var port = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        port.Start();
        var address = $"http://127.0.0.1:{((System.Net.IPEndPoint)port.LocalEndpoint).Port}";
        port.Stop();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { AppDll, "--urls", address }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        try
        {
            using var client = new HttpClient();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            HttpResponseMessage? response = null;
            while (response is null && DateTime.UtcNow < deadline && !process.HasExited)
            {
                try { response = await client.GetAsync($"{address}/"); }
                catch (HttpRequestException) { await Task.Delay(100); }
            }
            Assert.Equal(System.Net.HttpStatusCode.OK, response?.StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task SitesListsSlugsAndHosts()
    {
        var (code, output, _) = await RunAsync("sites");

        Assert.Equal(0, code);
        Assert.Contains("nasional\tlocalhost 127.0.0.1 wartanasional.localhost", output);
        Assert.Contains("solo\tsolo.localhost", output);
    }

    [Fact]
    public async Task ImportJsonlReportsBadLinesAndExitsNonZero()
    {
        var file = Path.Combine(_folder, "rusak.jsonl");
        await File.WriteAllTextAsync(file, "{\"id\":\"a\",\"title\":\"Judul\",\"body\":\"Isi.\",\"published_at\":\"2019-09-01\"}\n{\"id\":\"b\",\"tit");

        var (code, output, error) = await RunAsync("import", "jsonl", file);

        Assert.Equal(1, code);
        Assert.Contains("baris 2: JSON tidak sah", error);
        Assert.Contains("1 diimpor, 0 sudah ada, 1 bermasalah", output);
    }

    [SkippableFact]
    public async Task AnImportGivesUpItsNetworkWideLeasesSoARunningServerNeedNotWaitForThemToLapse()
    {
        Skip.If(WartaApp.RedisServer is null, "WARTA_TEST_REDIS is not set: page-cache eviction is network-wide only with Redis");
        var file = Path.Combine(_folder, "arsip.jsonl");
        await File.WriteAllTextAsync(file, "{\"id\":\"a\",\"title\":\"Judul\",\"body\":\"Isi.\",\"published_at\":\"2019-09-01\"}\n");

        var (code, _, error) = await RunWithEnvironmentAsync(new() { ["Warta__Redis"] = WartaApp.RedisServer }, ["import", "jsonl", file]);

        Assert.True(code == 0, error);
        await using var store = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_folder, "data", "warta.db")};Pooling=false");
        await store.OpenAsync();
        var command = store.CreateCommand();
        command.CommandText = "SELECT COUNT(*), COUNT(LeaseOwner) FROM ChangeCheckpoints";
        await using var row = await command.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());
        Assert.True(row.GetInt64(0) > 0, "no network-wide handler has a checkpoint: the import ran none");
        Assert.Equal(0, row.GetInt64(1));
    }

    [Fact]
    public async Task APageThatCannotBeReadIsAClearErrorNamingTheFile()
    {
        var file = Path.Combine(_folder, "bukan-berita.txt");
        await File.WriteAllTextAsync(file, "Hanya satu baris tanpa penulis.");

        var (code, _, error) = await RunAsync("import", "page", file);

        Assert.Equal(1, code);
        Assert.StartsWith($"{file}: Baris 'Penulis:' atau 'Editor:' tidak ditemukan", error.Trim());
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task AMissingFileOrUnknownSiteIsAClearError()
    {
        var (missingCode, _, missing) = await RunAsync("import", "jsonl", Path.Combine(_folder, "tidak-ada.jsonl"));
        var (siteCode, _, site) = await RunAsync("import", "jsonl", "x.jsonl", "--site", "jakarta");

        Assert.Equal(2, missingCode);
        Assert.Contains("Berkas tidak ditemukan", missing);
        Assert.Equal(2, siteCode);
        Assert.Contains("Situs 'jakarta' tidak ada", site);
    }

    [Fact]
    public async Task VersionAndEachVerbsHelpAnswerAndABadOptionIsNamed()
    {
        var (versionCode, version, _) = await RunAsync("--version");
        var (helpCode, help, _) = await RunAsync("site", "--help");
        var (sectionHelpCode, sectionHelp, _) = await RunAsync("section", "--help");
        var (badCode, _, bad) = await RunAsync("site", "edit", "solo", "--colour", "#000000");
        var (missingCode, _, missing) = await RunAsync("site", "add", "jogja", "--name");

        Assert.Equal(0, versionCode);
        Assert.Matches(@"^Warta \d+\.\d+\.\d+", version.Trim());
        Assert.Equal(0, helpCode);
        Assert.StartsWith("Pemakaian: warta site list", help.Trim());
        Assert.Contains("--time-zone <zona>", help);
        Assert.Equal(0, sectionHelpCode);
        Assert.StartsWith("Pemakaian: warta section add", sectionHelp.Trim());
        Assert.Equal(2, badCode);
        Assert.StartsWith("Opsi tidak dikenal: --colour", bad.Trim());
        Assert.Contains("Pemakaian: warta site", bad);
        Assert.Equal(2, missingCode);
        Assert.StartsWith("--name perlu nilai.", missing.Trim());
    }

    [Fact]
    public async Task UserAddReadsThePasswordFromStandardInputAndGrantsTheRole()
    {
        var (code, output, error) = await RunWithInputAsync("kopi tubruk pagi hari\n", "user", "add", "tiara@warta.test", "--site", "solo", "--role", "editor");
        var (againCode, again, _) = await RunWithInputAsync("kopi tubruk pagi hari\n", "user", "add", "tiara@warta.test", "--role", "network-admin");
        var (weakCode, _, weak) = await RunWithInputAsync("pendek\n", "user", "add", "lemah@warta.test", "--site", "solo", "--role", "writer");
        var (badRoleCode, _, badRole) = await RunWithInputAsync("", "user", "add", "x@warta.test", "--role", "pemimpin");

        Assert.True(code == 0, error);
        Assert.Equal("tiara@warta.test ditambahkan; peran Editor di situs solo.", output.Trim());
        Assert.Equal(0, againCode);
        Assert.Equal("tiara@warta.test sudah ada; peran Admin jaringan di seluruh jaringan.", again.Trim());
        Assert.Equal(1, weakCode);
        Assert.Contains("Kata sandi terlalu pendek", weak);
        Assert.Equal(2, badRoleCode);
        Assert.Contains("--role harus writer, editor, site-admin atau network-admin.", badRole);
    }

    [Fact]
    public async Task UserListShowsRolesAndStateAndRevokeDisableEnableChangeThem()
    {
        await RunWithInputAsync("kopi tubruk pagi hari\n", "user", "add", "dian@warta.test", "--site", "solo", "--role", "editor", "--name", "Dian Purnama");
        await RunWithInputAsync("kopi tubruk pagi hari\n", "user", "add", "dian@warta.test", "--site", "nasional", "--role", "writer");
        await RunWithInputAsync("kopi tubruk pagi hari\n", "user", "add", "eko@warta.test", "--site", "nasional", "--role", "writer");

        var (revokeCode, revoked, _) = await RunAsync("user", "revoke", "dian@warta.test", "--role", "writer", "--site", "nasional");
        var (againCode, _, again) = await RunAsync("user", "revoke", "dian@warta.test", "--role", "writer", "--site", "nasional");
        var (disableCode, disabled, _) = await RunAsync("user", "disable", "eko@warta.test");
        var (_, soloList, _) = await RunAsync("user", "list", "--site", "solo");
        var (_, allList, _) = await RunAsync("user", "list");
        var (enableCode, _, _) = await RunAsync("user", "enable", "eko@warta.test");
        var (_, afterEnable, _) = await RunAsync("user", "list", "--site", "nasional");
        var (unknownCode, _, unknown) = await RunAsync("user", "disable", "tidak-ada@warta.test");
        var (badCode, _, bad) = await RunAsync("user", "list", "--situs", "solo");
        var (helpCode, help, _) = await RunAsync("user", "--help");

        Assert.Equal((0, "Peran Penulis dian@warta.test di situs nasional dicabut."), (revokeCode, revoked.Trim()));
        Assert.Equal((1, "dian@warta.test tidak berperan Penulis di situs nasional."), (againCode, again.Trim()));
        Assert.Equal((0, "eko@warta.test dinonaktifkan: sesi dan token API-nya tidak berlaku lagi."), (disableCode, disabled.Trim()));
        Assert.Equal(["dian@warta.test\tDian Purnama\tEditor solo\tbelum pernah masuk\taktif"], soloList.Trim().Split('\n'));
        Assert.Contains("eko@warta.test\teko\tPenulis nasional\tbelum pernah masuk\tnonaktif", allList.Split('\n'));
        Assert.Equal(0, enableCode);
        Assert.Equal(["eko@warta.test\teko\tPenulis nasional\tbelum pernah masuk\taktif"], afterEnable.Trim().Split('\n'));
        Assert.Equal((1, "Tidak ada pengguna dengan email tidak-ada@warta.test."), (unknownCode, unknown.Trim()));
        Assert.Equal(2, badCode);
        Assert.StartsWith("Opsi tidak dikenal: --situs", bad.Trim());
        Assert.Equal(0, helpCode);
        Assert.StartsWith("Pemakaian: warta user list", help.Trim());
    }

    [Fact]
    public async Task TokenCreatePrintsTheTokenAloneAndRevokeEndsIt()
    {
        await RunWithInputAsync("kopi tubruk pagi hari\n", "user", "add", "api@warta.test", "--site", "nasional", "--role", "writer");

        var (code, output, error) = await RunAsync("token", "create", "--email", "api@warta.test", "--name", "CMS lama");
        var token = output.Trim();
        var (revokeCode, revoked, _) = await RunAsync("token", "revoke", token[..14]);
        var (unknownCode, _, unknown) = await RunAsync("token", "create", "--email", "tidak-ada@warta.test");

        Assert.Equal(0, code);
        Assert.Matches("^warta_[A-Za-z0-9_-]{43}$", token);
        Assert.Contains("tidak bisa ditampilkan lagi", error);
        Assert.Equal((0, "1 token dicabut."), (revokeCode, revoked.Trim()));
        Assert.Equal(2, unknownCode);
        Assert.Contains("Tidak ada pengguna dengan email tidak-ada@warta.test", unknown);
    }

    private Task<(int Code, string Output, string Error)> RunAsync(params string[] args) => RunWithInputAsync(null, args);

    private Task<(int Code, string Output, string Error)> RunWithInputAsync(string? input, params string[] args) => RunWithEnvironmentAsync([], args, input);

    private async Task<(int Code, string Output, string Error)> RunWithEnvironmentAsync(Dictionary<string, string?> environment, string[] args, string? input = null)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _folder, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null };
        start.ArgumentList.Add(AppDll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>The app built beside this test assembly, in the same configuration.</summary>
    private static string AppDll => WartaProcess.AppDll;
}
