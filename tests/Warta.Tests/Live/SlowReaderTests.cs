using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Warta.Accounts;
using Warta.Live;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Live;

/// <summary>
/// Over real Kestrel and TCP: a reader who stops reading fills its connection's buffers and is cut;
/// a reader who reads ends with every entry once, in order.
/// </summary>
public sealed class SlowReaderTests
{
    private const int Entries = 20;

    [Fact]
    public async Task AReaderThatStopsReadingIsCutWhileAReaderThatReadsGetsEveryEntry()
    {
        await using var app = await WartaApp.StartServerAsync();
        var hub = app.Services.GetRequiredService<LiveHub>();
        var path = $"/live/{DemoReport.Slug}/events";
        var editor = await app.StaffPrincipalAsync("editor@warta.test", "nasional", StaffRole.Editor);
        LiveReport report = null!;
        await app.WithScopeAsync(async services => report = await DemoReport.FindAsync(services));

        // A phone that asks for the stream and then never reads: a small receive window, no reads.
        using var stalled = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await stalled.ConnectAsync(IPAddress.Loopback, app.Address!.Port);
        await stalled.SendAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {app.Address.Authority}\r\n\r\n"));
        using var client = new HttpClient { BaseAddress = app.Address };
        var reader = await SseReader.OpenAsync(client, path);
        await WaitUntilAsync(() => hub.ReaderCount == 2, "both readers subscribed");

        // The reader reads as a browser does: if a busy machine makes it fall behind too, it is cut as
        // well, and reconnects with the last id it saw.
        var received = new List<long>();
        var reading = Task.Run(async () =>
        {
            var lastId = report.LastSequence;
            while (received.Count < Entries)
            {
                try
                {
                    if (await reader.NextAsync(TimeSpan.FromSeconds(30)) is not { } next) throw new IOException("stream ended");
                    lastId = next.Id ?? lastId;
                    if (next.Kind == "entry") received.Add(next.Id!.Value);
                }
                catch (Exception exception) when (exception is IOException or HttpRequestException)
                {
                    await reader.DisposeAsync();
                    reader = await SseReader.OpenAsync(client, path, lastEventId: lastId);
                }
            }
        });

        // Twenty entries of about 18 kB: far more than Kestrel's 64 kB and the kernel's buffers hold.
        var text = string.Concat(Enumerable.Repeat("Kendaraan padat merayap di gerbang tol. ", 450));
        var sequences = new List<long>();
        await app.WithScopeAsync(async services =>
        {
            var desk = services.GetRequiredService<LiveDesk>();
            for (var i = 0; i < Entries; i++)
            {
                var posted = await desk.PostAsync(editor, report.Id, new LiveEntryDraft($"<p>{i}: {text}</p>"), default);
                Assert.True(posted.Succeeded, posted.Message);
                sequences.Add(posted.Sequence);
            }
        });
        await reading;
        await reader.DisposeAsync();

        Assert.Equal(sequences, received);
        Assert.True(await IsCutAsync(stalled), "the reader that never read was not cut");
        Assert.InRange(hub.DroppedReaders, 1, 10);
    }

    /// <summary>Reads what the server had sent before it gave up; true when the connection then ends.</summary>
    private static async Task<bool> IsCutAsync(Socket socket)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new byte[64 * 1024];
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token) > 0)
            {
            }
            return true;
        }
        catch (SocketException)
        {
            return true; // reset: the server aborted it
        }
        catch (OperationCanceledException)
        {
            return false; // still open, still being fed
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (deadline.IsCancellationRequested) Assert.Fail($"Not reached within 30 s: {what}.");
            await Task.Delay(20);
        }
    }
}
