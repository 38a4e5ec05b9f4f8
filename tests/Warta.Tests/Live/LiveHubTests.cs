using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Warta.Live;

namespace Warta.Tests.Live;

/// <summary>Fan-out on one node: every reader gets every event once, in order; a stalled reader is dropped alone.</summary>
public sealed class LiveHubTests
{
    private static LiveFrame Frame(long sequence) => new(sequence, System.Text.Encoding.UTF8.GetBytes($"id: {sequence}\n\n"));

    [Fact]
    public async Task AReaderThatStopsReadingIsDroppedWhileTheOthersGetEverythingInOrder()
    {
        var hub = new LiveHub(new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(), NullLogger<LiveHub>.Instance);
        using var stalled = hub.Subscribe(7, lastSequence: 0);
        using var reading = hub.Subscribe(7, lastSequence: 0);
        var received = new List<long>();
        var consumer = Task.Run(async () =>
        {
            await foreach (var frame in reading.Frames.ReadAllAsync()) received.Add(frame.Sequence);
        });

        for (var sequence = 1; sequence <= LiveHub.QueueCapacity * 3; sequence++)
        {
            await hub.DeliverAsync(7, sequence, Frame(sequence));
            // The reading reader keeps up (its queue is drained before it fills); the stalled one never reads.
            while (reading.Frames.Count > LiveHub.QueueCapacity / 2) await Task.Delay(1);
        }
        while (reading.Frames.Count > 0) await Task.Delay(1);
        await Task.Delay(50);

        Assert.True(stalled.Dropped);
        Assert.False(reading.Dropped);
        Assert.Equal(Enumerable.Range(1, LiveHub.QueueCapacity * 3).Select(i => (long)i), received);
        Assert.Single(hub.Watched());
        stalled.Dispose();
        reading.Dispose();
        await Task.WhenAny(consumer, Task.Delay(100));
    }

    [Fact]
    public async Task RepeatedAndOlderAnnouncementsAreSentOnce()
    {
        var hub = new LiveHub(new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(), NullLogger<LiveHub>.Instance);
        using var reader = hub.Subscribe(3, lastSequence: 10);
        await hub.DeliverAsync(3, 11, Frame(11));
        await hub.DeliverAsync(3, 11, Frame(11));
        await hub.DeliverAsync(3, 9, Frame(9));
        await hub.DeliverAsync(3, 12, Frame(12));

        var got = new List<long>();
        while (reader.Frames.TryRead(out var frame)) got.Add(frame.Sequence);
        Assert.Equal([11L, 12L], got);
    }
}
