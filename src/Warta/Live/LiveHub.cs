using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;

namespace Warta.Live;

/// <summary>An encoded event, numbered, ready to write to any reader of its report.</summary>
public sealed record LiveFrame(long Sequence, byte[] Bytes)
{
    /// <summary>Not an event: a comment line that keeps idle connections open; never skipped, never counted.</summary>
    public static readonly LiveFrame Heartbeat = new(0, LiveFrames.Heartbeat);

    internal static readonly LiveFrame[] HeartbeatOnly = [Heartbeat];

    public bool IsHeartbeat => Sequence == 0;
}

/// <summary>How a reader's stream ended on the hub's side.</summary>
public enum LiveEnding
{
    /// <summary>The reader went away, or the stream was disposed.</summary>
    Closed,

    /// <summary>The reader fell behind: its connection's buffers are full. The connection is cut; the browser reconnects and replays.</summary>
    Dropped,
}

/// <summary>
/// One reader's connection. The broadcaster writes each frame straight into the response's pipe and
/// flushes it; nothing wakes per reader. The pipe (Kestrel's response buffer, then the socket's) is
/// the reader's bounded queue: a flush that cannot complete at once means it is full, the reader has
/// fallen behind, and it is dropped. Its browser reconnects with Last-Event-ID and replays from the
/// log. Nobody else waits for a slow reader.
/// </summary>
public sealed class LiveSubscription : IDisposable
{
    private readonly Lock _lock = new();
    private readonly LiveHub.Room _room;
    private readonly PipeWriter _output;
    private readonly TaskCompletionSource<LiveEnding> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Frames that arrive while the stream is still replaying from the log; null once live.</summary>
    private List<LiveFrame>? _waiting = [];

    private long _sent;

    internal LiveSubscription(LiveHub.Room room, PipeWriter output)
    {
        _room = room;
        _output = output;
    }

    /// <summary>Completes when the hub stops writing to this reader.</summary>
    public Task<LiveEnding> Ended => _ended.Task;

    /// <summary>
    /// Goes live after the stream has written (and flushed) the log up to <paramref name="sent"/>:
    /// frames that came meanwhile are written now, those already replayed skipped.
    /// </summary>
    public void Start(long sent)
    {
        lock (_lock)
        {
            if (_waiting is null || _ended.Task.IsCompleted) return;
            _sent = sent;
            var waiting = _waiting;
            _waiting = null;
            if (waiting.Count > 0) WriteLocked(waiting);
        }
    }

    /// <summary>Writes frames (in sequence order) and flushes once.</summary>
    internal void Offer(IReadOnlyList<LiveFrame> frames)
    {
        lock (_lock)
        {
            if (_ended.Task.IsCompleted) return;
            if (_waiting is not null)
            {
                if (_waiting.Count + frames.Count <= LiveHub.WaitingCapacity) _waiting.AddRange(frames);
                else EndLocked(LiveEnding.Dropped);
                return;
            }
            WriteLocked(frames);
        }
    }

    private void WriteLocked(IReadOnlyList<LiveFrame> frames)
    {
        try
        {
            var wrote = false;
            foreach (var frame in frames)
            {
                if (!frame.IsHeartbeat && frame.Sequence <= _sent) continue;
                _output.Write(frame.Bytes);
                if (!frame.IsHeartbeat) _sent = frame.Sequence;
                wrote = true;
            }
            if (!wrote) return;
            var flush = _output.FlushAsync();
            if (!flush.IsCompleted) EndLocked(LiveEnding.Dropped);
            else if (flush.Result.IsCompleted || flush.Result.IsCanceled) EndLocked(LiveEnding.Closed);
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException or ObjectDisposedException)
        {
            EndLocked(LiveEnding.Closed); // the connection went away under us
        }
    }

    private void EndLocked(LiveEnding ending)
    {
        if (!_ended.TrySetResult(ending)) return;
        if (ending == LiveEnding.Dropped) _room.ReaderDropped();
    }

    /// <summary>Ends the stream from the server's side (the node is stopping): the browser reconnects after its retry delay.</summary>
    internal void Close()
    {
        lock (_lock) EndLocked(LiveEnding.Closed);
    }

    /// <summary>Leaves the room. Once this returns the hub never touches the response again, so the request may end.</summary>
    public void Dispose()
    {
        _room.Remove(this);
        lock (_lock) _ended.TrySetResult(LiveEnding.Closed);
    }
}

/// <summary>
/// This node's readers, per report. Events reach it from this node's writes, from other nodes (Redis)
/// and from the catch-up loop; whatever the route, each report's events go out once, in sequence
/// order, with gaps filled from the store's event log.
/// </summary>
public sealed class LiveHub(IServiceScopeFactory scopes, ILogger<LiveHub> logger)
{
    /// <summary>Events held for a reader still replaying from the log; more than this and it is dropped.</summary>
    public const int WaitingCapacity = 64;

    private readonly ConcurrentDictionary<int, Room> _rooms = new();
    private long _dropped;

    /// <summary>Readers disconnected since start for falling behind.</summary>
    public long DroppedReaders => Interlocked.Read(ref _dropped);

    /// <summary>
    /// Joins a report's room. Frames are held until <see cref="LiveSubscription.Start"/>, so the stream
    /// can first replay the log into <paramref name="output"/> without a broadcast overtaking it.
    /// </summary>
    public LiveSubscription Subscribe(int reportId, long lastSequence, PipeWriter output)
    {
        var room = _rooms.GetOrAdd(reportId, id => new Room(lastSequence, () =>
        {
            var dropped = Interlocked.Increment(ref _dropped);
            logger.LogWarning("Live report {Report}: a reader fell behind and was disconnected ({Dropped} since start)", id, dropped);
        }));
        var subscription = new LiveSubscription(room, output);
        room.Add(subscription);
        return subscription;
    }

    public int ReaderCount => _rooms.Values.Sum(r => r.Count);

    /// <summary>
    /// Writes a heartbeat to every reader. One pass over the rooms replaces a timer per connection;
    /// a reader that stopped reading fills its buffers with these and is dropped like any slow reader.
    /// </summary>
    public void Heartbeat()
    {
        foreach (var room in _rooms.Values) room.Offer(LiveFrame.HeartbeatOnly);
    }

    /// <summary>
    /// Ends every stream on this node, when it stops: each response finishes cleanly, and the browsers
    /// reconnect (to another node, or to this one restarted) after their jittered retry delay, with
    /// their Last-Event-ID. Without this the server would wait its shutdown timeout for them.
    /// </summary>
    public void CloseAll()
    {
        foreach (var room in _rooms.Values) room.CloseAll();
    }

    /// <summary>Reports with readers on this node and the last event each was sent.</summary>
    public IReadOnlyList<(int ReportId, long Last)> Watched() =>
        _rooms.Where(r => r.Value.Count > 0).Select(r => (r.Key, r.Value.Last)).ToList();

    /// <summary>
    /// Sends event <paramref name="sequence"/> of a report to its readers here. With its bytes and no gap
    /// it goes out at once; otherwise the missing events are read from the log first. Events that arrive
    /// while the room is busy sending go out together: one write and one flush per reader for the lot.
    /// </summary>
    public async Task DeliverAsync(int reportId, long sequence, LiveFrame? frame, CancellationToken cancellationToken = default)
    {
        if (!_rooms.TryGetValue(reportId, out var room)) return;
        room.Arrived(sequence, frame);
        await room.Gate.WaitAsync(cancellationToken);
        try
        {
            var (frames, announced) = room.TakeArrived();
            if (announced <= room.Last) return;
            if (room.Count == 0)
            {
                room.Last = announced;
                return;
            }
            if (frames.Count == announced - room.Last)
            {
                room.Broadcast(frames);
                return;
            }
            using var scope = scopes.CreateScope();
            var log = await scope.ServiceProvider.GetRequiredService<LiveQueries>().EventsSinceAsync(reportId, room.Last, 1000, cancellationToken);
            if (log.Count > 0) room.Broadcast(log.Select(e => new LiveFrame(e.Sequence, LiveFrames.Encode(e))).ToList());
            else logger.LogWarning("Live report {Report}: event {Sequence} announced but not in the log yet", reportId, sequence);
        }
        finally
        {
            room.Gate.Release();
        }
    }

    internal sealed class Room(long last, Action readerDropped)
    {

        private readonly Lock _lock = new();
        private LiveSubscription[] _readers = [];
        private readonly Dictionary<long, LiveFrame> _arrived = [];
        private long _announced = last;

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

        /// <summary>Notes an announced event (and its bytes, when known) for whoever sends next.</summary>
        public void Arrived(long sequence, LiveFrame? frame)
        {
            lock (_lock)
            {
                _announced = Math.Max(_announced, sequence);
                if (frame is not null && sequence > Last) _arrived[sequence] = frame;
            }
        }

        /// <summary>
        /// The frames that follow <see cref="Last"/> without a gap, and the newest event announced; when
        /// the frames stop short of it, the rest must come from the log. Called under <see cref="Gate"/>.
        /// </summary>
        public (List<LiveFrame> Frames, long Announced) TakeArrived()
        {
            lock (_lock)
            {
                var frames = new List<LiveFrame>();
                for (var next = Last + 1; _arrived.Remove(next, out var frame); next++) frames.Add(frame);
                foreach (var old in _arrived.Keys.Where(k => k <= Last).ToList()) _arrived.Remove(old);
                return (frames, _announced);
            }
        }

        /// <summary>Sends frames that follow <see cref="Last"/> in order; called under <see cref="Gate"/>.</summary>
        public void Broadcast(IReadOnlyList<LiveFrame> frames)
        {
            Offer(frames);
            Last = frames[^1].Sequence;
        }

        public void CloseAll()
        {
            foreach (var reader in Volatile.Read(ref _readers)) reader.Close();
        }

        public void Offer(IReadOnlyList<LiveFrame> frames)
        {
            foreach (var reader in Volatile.Read(ref _readers)) reader.Offer(frames);
        }
    }
}
