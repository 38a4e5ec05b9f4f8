using System.Diagnostics;
using System.Net.Sockets;

namespace Warta.Tests.Infrastructure;

/// <summary>
/// A redis-server of one test's own, on a free port, which the test may make refuse every command
/// (connections stay open, each command is answered with an error, as a server that lost its
/// permissions) and accept them again, without touching the shared one.
/// </summary>
public sealed class PrivateRedis : IAsyncDisposable
{
    private readonly Process _process;

    private PrivateRedis(Process process, int port)
    {
        _process = process;
        Address = $"127.0.0.1:{port}";
    }

    /// <summary>host:port, as `Warta:Redis` takes it.</summary>
    public string Address { get; }

    public static async Task<PrivateRedis> StartAsync()
    {
        var binary = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists);
        Skip.If(binary is null && Environment.GetEnvironmentVariable("CI") is null, "redis-server is not installed; tests/run installs it.");
        var port = FreePort();
        var process = Process.Start(new ProcessStartInfo(binary ?? throw new InvalidOperationException("CI must install redis-server."),
            ["--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return new PrivateRedis(process, port);
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        process.Kill();
        throw new TimeoutException($"redis-server did not listen on {port} within 10 s");
    }

    /// <summary>
    /// Every command of every client fails at once from now on. Refused, not frozen: a frozen server would
    /// still run, once thawed, the commands waiting in its socket buffers, even from a client killed since.
    /// </summary>
    public Task RefuseCommandsAsync() => CliAsync("ACL", "SETUSER", "default", "-@all", "+acl", "+ping");

    public Task AcceptCommandsAsync() => CliAsync("ACL", "SETUSER", "default", "+@all");

    private async Task CliAsync(params string[] command)
    {
        using var cli = Process.Start(new ProcessStartInfo("redis-cli", ["-h", "127.0.0.1", "-p", Address.Split(':')[1], .. command])
        {
            RedirectStandardOutput = true,
        })!;
        var answer = await cli.StandardOutput.ReadToEndAsync();
        await cli.WaitForExitAsync();
        Assert.True(cli.ExitCode == 0 && answer.Trim() == "OK", $"redis-cli {string.Join(' ', command)} answered {answer}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
