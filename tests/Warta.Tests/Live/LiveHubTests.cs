using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Warta.Live;

namespace Warta.Tests.Live;

/// <summary>
/// Fan-out on one node, into pipes standing in for responses: every reader gets every event once, in
/// order; a reader whose pipe is full is dropped alone; what arrives during a replay waits for it.
/// </summary>
public sealed class LiveHubTests
{
    private static LiveFrame Frame(long sequence) => new(sequence, Encoding.UTF8.GetBytes($"id: {sequence}\n\n"));

    private static LiveHub NewHub() =>
        new(new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(), NullLogger<LiveHub>.Instance);

    /// <summary>A response whose buffer holds about <paramref name="frames"/> small frames before its flush has to wait.</summary>
    private static Pipe Response(int frames = 1_000) =>
        new(new PipeOptions(pauseWriterThreshold: frames * 8, resumeWriterThreshold: frames * 4, useSynchronizationContext: false));

    /// <summary>The event ids written so far, in the order written.</summary>
    private static List<long> Ids(Pipe response)
    {
        response.Writer.Complete();
        var ids = new List<long>();
        while (response.Reader.TryRead(out var result))
        {
            var text = Encoding.UTF8.GetString(result.Buffer);
            response.Reader.AdvanceTo(result.Buffer.End);
            ids.AddRange(text.Split('\n').Where(l => l.StartsWith("id: ")).Select(l => long.Parse(l[4..])));
            if (result.IsCompleted) break;
        }
        return ids;
    }

    [Fact]
    public async Task AReaderThatStopsReadingIsDroppedWhileTheOthersGetEverythingInOrder()
    {
        var hub = NewHub();
        var stalledResponse = Response(frames: 16);
        var readingResponse = Response();
        using var stalled = hub.Subscribe(7, lastSequence: 0, stalledResponse.Writer);
        using var reading = hub.Subscribe(7, lastSequence: 0, readingResponse.Writer);
        stalled.Start(0);
        reading.Start(0);

        for (var sequence = 1; sequence <= 100; sequence++) await hub.DeliverAsync(7, sequence, Frame(sequence));

        Assert.Equal(LiveEnding.Dropped, await stalled.Ended.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.False(reading.Ended.IsCompleted);
        Assert.Equal(1, hub.DroppedReaders);
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), Ids(readingResponse));
        var stalledGot = Ids(stalledResponse);
        Assert.InRange(stalledGot.Count, 16, 20);
        Assert.Equal(Enumerable.Range(1, stalledGot.Count).Select(i => (long)i), stalledGot);
    }

    [Fact]
    public async Task RepeatedAndOlderAnnouncementsAreSentOnce()
    {
        var hub = NewHub();
        var response = Response();
        using var reader = hub.Subscribe(3, lastSequence: 10, response.Writer);
        reader.Start(10);
        await hub.DeliverAsync(3, 11, Frame(11));
        await hub.DeliverAsync(3, 11, Frame(11));
        await hub.DeliverAsync(3, 9, Frame(9));
        await hub.DeliverAsync(3, 12, Frame(12));

        Assert.Equal([11L, 12L], Ids(response));
    }

    [Fact]
    public async Task EventsThatArriveDuringTheReplayFollowItAndThoseItAlreadyHadAreSkipped()
    {
        var hub = NewHub();
        var response = Response();
        using var reader = hub.Subscribe(5, lastSequence: 20, response.Writer);
        await hub.DeliverAsync(5, 21, Frame(21));
        await hub.DeliverAsync(5, 22, Frame(22));
        await hub.DeliverAsync(5, 23, Frame(23));
        Assert.False(response.Reader.TryRead(out _), "frames were written before the replay");

        // The replay from the log ended at 22 (it was read while 23 was being committed).
        response.Writer.Write(Frame(22).Bytes);
        reader.Start(22);
        await hub.DeliverAsync(5, 24, Frame(24));

        Assert.Equal([22L, 23L, 24L], Ids(response));
    }

    [Fact]
    public async Task AReaderThatGoesAwayIsNoLongerWrittenTo()
    {
        var hub = NewHub();
        var response = Response();
        var reader = hub.Subscribe(9, lastSequence: 0, response.Writer);
        reader.Start(0);
        await hub.DeliverAsync(9, 1, Frame(1));
        reader.Dispose();
        await hub.DeliverAsync(9, 2, Frame(2));

        Assert.Equal(LiveEnding.Closed, await reader.Ended);
        Assert.Equal(0, hub.ReaderCount);
        Assert.Equal([1L], Ids(response));
    }

    [Fact]
    public async Task StoppingTheNodeEndsEveryStreamCleanly()
    {
        var hub = NewHub();
        using var live = hub.Subscribe(4, lastSequence: 0, Response().Writer);
        using var replaying = hub.Subscribe(4, lastSequence: 0, Response().Writer);
        live.Start(0);

        hub.CloseAll();

        Assert.Equal(LiveEnding.Closed, await live.Ended.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(LiveEnding.Closed, await replaying.Ended.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(0, hub.DroppedReaders);
    }
}
