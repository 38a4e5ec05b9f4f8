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
/// the reader beside it misses nothing.
/// </summary>
public sealed class SlowReaderTests
{
    private const string DemoSlug = "arus-balik-libur-akhir-tahun-di-tol-trans-jawa-pantauan-24-jam";
    private const int Entries = 20;

    [Fact]
    public async Task AReaderThatStopsReadingIsCutWhileTheOneBesideItGetsEveryEntry()
    {
        await using var app = await WartaApp.StartServerAsync();
        var hub = app.Services.GetRequiredService<LiveHub>();
        var path = $"/live/{DemoSlug}/events";

        // A phone that asks for the stream and then never reads: a small receive window, no reads.
        using var stalled = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await stalled.ConnectAsync(IPAddress.Loopback, app.Address!.Port);
        await stalled.SendAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {app.Address.Authority}\r\n\r\n"));
        using var client = new HttpClient { BaseAddress = app.Address };
        await using var reader = await SseReader.OpenAsync(client, path);
        await WaitUntilAsync(() => hub.ReaderCount == 2, "both readers subscribed");

        var received = new List<long>();
        var reading = Task.Run(async () =>
        {
            while (received.Count < Entries && await reader.NextAsync(TimeSpan.FromSeconds(30)) is { } next)
                if (next.Kind == "entry") received.Add(next.Id!.Value);
        });

        // Twenty entries of about 18 kB: far more than Kestrel's 64 kB and the kernel's buffers hold.
        var editor = await app.StaffPrincipalAsync("editor@warta.test", "nasional", StaffRole.Editor);
        var sequences = new List<long>();
        await app.WithScopeAsync(async services =>
        {
            var nasional = services.GetRequiredService<Warta.Network.SiteDirectory>().FindBySlug("nasional")!;
            var report = await services.GetRequiredService<LiveQueries>().FindAsync(nasional.Id, DemoSlug, default);
            var desk = services.GetRequiredService<LiveDesk>();
            var text = string.Concat(Enumerable.Repeat("Kendaraan padat merayap di gerbang tol. ", 450));
            for (var i = 0; i < Entries; i++)
            {
                var posted = await desk.PostAsync(editor, report!.Id, new LiveEntryDraft($"<p>{i}: {text}</p>"), default);
                Assert.True(posted.Succeeded, posted.Message);
                sequences.Add(posted.Version);
            }
        });
        await reading;

        Assert.Equal(sequences, received);
        await WaitUntilAsync(() => hub.DroppedReaders == 1, "the stalled reader cut");
        Assert.Equal(1, hub.ReaderCount);
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
