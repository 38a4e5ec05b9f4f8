using System.Net;
using System.Net.Sockets;
using System.Text;

/// <summary>
/// The floor under the live bench: the least a server can do to send an event to N Server-Sent-Event
/// readers on this machine. Raw sockets, the event framed (and chunked) once, one non-blocking send per
/// reader, the readers split over every core; no framework, no store, no replay, no sequence shared
/// with anyone. The same generator measured against it in the same run shows how much of Warta's
/// publish-to-receive time the kernel and the shared cores take whatever the server does.
/// It answers `GET …/events` with a stream and `POST …` (the desk) by sending the body as an event.
/// Given a Redis server and channel, it is one node of several: a POST is numbered and published on
/// the channel, and every node sends what arrives there (in order) to its own readers.
/// </summary>
public static class LiveFloor
{
    private static readonly byte[] StreamHead = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nTransfer-Encoding: chunked\r\n\r\n"u8.ToArray();
    private static readonly byte[] Created = "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"u8.ToArray();
    private static readonly object ReadersLock = new();
    private static Socket[] _readers = [];
    private static long _sequence, _dropped;
    private static StackExchange.Redis.ISubscriber? _redis;
    private static StackExchange.Redis.RedisChannel _channel;

    public static async Task<int> RunAsync(int port, TimeSpan lifetime, string? redis = null, string? channel = null)
    {
        if (redis is not null)
        {
            _redis = (await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis)).GetSubscriber();
            _channel = StackExchange.Redis.RedisChannel.Literal(channel!);
            // Like Warta's nodes, send whatever arrived while the previous pass ran in one pass.
            var arrived = System.Threading.Channels.Channel.CreateUnbounded<(long, byte[])>(new() { SingleReader = true });
            (await _redis.SubscribeAsync(_channel)).OnMessage(message =>
            {
                var text = (string)message.Message!;
                var space = text.IndexOf(' ');
                arrived.Writer.TryWrite((long.Parse(text[..space]), Encoding.UTF8.GetBytes(text[(space + 1)..])));
            });
            _ = Task.Run(async () =>
            {
                while (await arrived.Reader.WaitToReadAsync())
                {
                    var batch = new List<(long, byte[])>();
                    while (arrived.Reader.TryRead(out var next)) batch.Add(next);
                    Publish(batch);
                }
            });
        }
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
        listener.Listen(4096);
        Console.WriteLine($"floor listening on 127.0.0.1:{port} for {lifetime.TotalSeconds:0} s");
        using var stop = new CancellationTokenSource(lifetime);
        try
        {
            while (true) _ = ServeAsync(await listener.AcceptAsync(stop.Token));
        }
        catch (OperationCanceledException)
        {
            return 0;
        }
    }

    private static async Task ServeAsync(Socket socket)
    {
        socket.NoDelay = true;
        var buffer = new byte[16 * 1024];
        var filled = 0;
        try
        {
            while (true)
            {
                int headEnd;
                while ((headEnd = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
                {
                    var read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None);
                    if (read == 0) { socket.Dispose(); return; }
                    filled += read;
                }
                var head = Encoding.ASCII.GetString(buffer, 0, headEnd);
                if (head.StartsWith("GET ", StringComparison.Ordinal))
                {
                    await socket.SendAsync(StreamHead, SocketFlags.None);
                    socket.Blocking = false;
                    lock (ReadersLock) _readers = [.. _readers, socket];
                    return;
                }
                var length = int.Parse(head.Split("\r\n").First(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))[15..].Trim());
                var bodyStart = headEnd + 4;
                while (filled < bodyStart + length) filled += await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None);
                var sequence = Interlocked.Increment(ref _sequence);
                if (_redis is null) Publish([(sequence, buffer[bodyStart..(bodyStart + length)])]);
                else await _redis.PublishAsync(_channel, $"{sequence} {Encoding.UTF8.GetString(buffer, bodyStart, length)}");
                await socket.SendAsync(Created, SocketFlags.None);
                buffer.AsSpan(bodyStart + length, filled - bodyStart - length).CopyTo(buffer);
                filled -= bodyStart + length;
            }
        }
        catch (SocketException)
        {
            socket.Dispose();
        }
    }

    /// <summary>Events: framed and chunked once, then one send per reader, the readers split over the cores.</summary>
    private static void Publish(IReadOnlyList<(long Sequence, byte[] Json)> events)
    {
        var frames = string.Concat(events.Select(e => $"id: {e.Sequence}\nevent: entry\ndata: {Encoding.UTF8.GetString(e.Json)}\n\n"));
        var frame = Encoding.UTF8.GetBytes(frames);
        var chunk = Encoding.ASCII.GetBytes($"{frame.Length:x}\r\n").Concat(frame).Concat("\r\n"u8.ToArray()).ToArray();
        var readers = Volatile.Read(ref _readers);
        var cut = new System.Collections.Concurrent.ConcurrentBag<Socket>();
        var parts = Environment.ProcessorCount;
        Parallel.For(0, parts, part =>
        {
            for (var i = part; i < readers.Length; i += parts)
            {
                var sent = readers[i].Send(chunk, 0, chunk.Length, SocketFlags.None, out var error);
                if (error != SocketError.Success || sent != chunk.Length) cut.Add(readers[i]); // behind or gone: cut, as Warta does
            }
        });
        if (cut.IsEmpty) return;
        lock (ReadersLock) _readers = _readers.Except(cut).ToArray();
        foreach (var socket in cut) socket.Close(0);
        Console.WriteLine($"floor: event {events[^1].Sequence} cut {cut.Count} readers that were behind or gone ({Interlocked.Add(ref _dropped, cut.Count)} in all)");
    }
}
