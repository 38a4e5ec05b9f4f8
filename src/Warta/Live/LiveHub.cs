using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Warta.Live;

/// <summary>An encoded event, numbered, ready to write to any reader of its report.</summary>
public sealed record LiveFrame(long Sequence, byte[] Bytes)
{
    /// <summary>Not an event: a comment line that keeps idle connections open; never skipped, never counted.</summary>
    public static readonly LiveFrame Heartbeat = new(0, LiveFrames.Heartbeat);

    public bool IsHeartbeat => Sequence == 0;
}

/// <summary>
/// One reader's connection. Its queue is bounded: a reader who cannot keep up is dropped (the queue
/// completes), which ends the response; the browser reconnects with Last-Event-ID and replays what it
/// missed from the log. Nobody else waits for a slow reader.
/// </summary>
public sealed class LiveSubscription : IDisposable
{
    private readonly Channel<LiveFrame> _queue;
    private readonly LiveHub.Room _room;

    internal LiveSubscription(LiveHub.Room room, int capacity)
    {
        _room = room;
        // Two writers: the room's broadcaster and the node's heartbeat pass.
        _queue = Channel.CreateBounded<LiveFrame>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = false });
    }

    public ChannelReader<LiveFrame> Frames => _queue.Reader;

    public bool Dropped { get; private set; }

    internal void Offer(LiveFrame frame)
    {
        if (Dropped || _queue.Writer.TryWrite(frame)) return;
        Dropped = true;
        _queue.Writer.TryComplete();
        _room.ReaderDropped();
    }

    public void Dispose() => _room.Remove(this);
}

/// <summary>
/// This node's readers, per report. Events reach it from this node's writes, from other nodes (Redis)
/// and from the catch-up loop; whatever the route, each report's events go out once, in sequence
/// order, with gaps filled from the store's event log.
/// </summary>
public sealed class LiveHub(IServiceScopeFactory scopes, ILogger<LiveHub> logger)
{
    public const int QueueCapacity = 64;

    private readonly ConcurrentDictionary<int, Room> _rooms = new();
    private long _dropped;

    /// <summary>Readers disconnected since start for falling <see cref="QueueCapacity"/> events behind.</summary>
    public long DroppedReaders => Interlocked.Read(ref _dropped);

    public LiveSubscription Subscribe(int reportId, long lastSequence)
    {
        var room = _rooms.GetOrAdd(reportId, id => new Room(lastSequence, () =>
        {
            var dropped = Interlocked.Increment(ref _dropped);
            logger.LogWarning("Live report {Report}: a reader fell {Capacity} events behind and was disconnected ({Dropped} since start)", id, QueueCapacity, dropped);
        }));
        var subscription = new LiveSubscription(room, QueueCapacity);
        room.Add(subscription);
        return subscription;
    }

    public int ReaderCount => _rooms.Values.Sum(r => r.Count);

    /// <summary>
    /// Queues a heartbeat to every reader. One pass over the rooms replaces a timer per connection;
    /// a reader that stopped reading fills its queue with these and is dropped like any slow reader.
    /// </summary>
    public void Heartbeat()
    {
        foreach (var room in _rooms.Values) room.Offer(LiveFrame.Heartbeat);
    }

    /// <summary>Reports with readers on this node and the last event each was sent.</summary>
    public IReadOnlyList<(int ReportId, long Last)> Watched() =>
        _rooms.Where(r => r.Value.Count > 0).Select(r => (r.Key, r.Value.Last)).ToList();

    /// <summary>
    /// Sends event <paramref name="sequence"/> of a report to its readers here. With its bytes and no gap
    /// it goes out at once; otherwise the missing events are read from the log first.
    /// </summary>
    public async Task DeliverAsync(int reportId, long sequence, LiveFrame? frame, CancellationToken cancellationToken = default)
    {
        if (!_rooms.TryGetValue(reportId, out var room)) return;
        await room.Gate.WaitAsync(cancellationToken);
        try
        {
            if (sequence <= room.Last) return;
            if (room.Count == 0)
            {
                room.Last = sequence;
                return;
            }
            if (frame is not null && sequence == room.Last + 1)
            {
                room.Broadcast(frame);
                return;
            }
            using var scope = scopes.CreateScope();
            var log = await scope.ServiceProvider.GetRequiredService<LiveQueries>().EventsSinceAsync(reportId, room.Last, 1000, cancellationToken);
            foreach (var missing in log) room.Broadcast(new LiveFrame(missing.Sequence, LiveFrames.Encode(missing)));
            if (log.Count == 0) logger.LogWarning("Live report {Report}: event {Sequence} announced but not in the log yet", reportId, sequence);
        }
        finally
        {
            room.Gate.Release();
        }
    }

    internal sealed class Room(long last, Action readerDropped)
    {
        private readonly object _lock = new();
        private LiveSubscription[] _readers = [];

        public SemaphoreSlim Gate { get; } = new(1, 1);

        /// <summary>The last event sent to this room's readers; changed only under <see cref="Gate"/>.</summary>
        public long Last { get; set; } = last;

        public int Count => Volatile.Read(ref _readers).Length;

        public void ReaderDropped() => readerDropped();

        public void Add(LiveSubscription reader)
        {
            lock (_lock) _readers = [.. _readers, reader];
        }

        public void Remove(LiveSubscription reader)
        {
            lock (_lock) _readers = _readers.Where(r => r != reader).ToArray();
        }

        public void Broadcast(LiveFrame frame)
        {
            Offer(frame);
            Last = frame.Sequence;
        }

        public void Offer(LiveFrame frame)
        {
            foreach (var reader in Volatile.Read(ref _readers)) reader.Offer(frame);
        }
    }
}
