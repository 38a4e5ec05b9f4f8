using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using HdrHistogram;

/// <summary>
/// Many readers on one live report, over several 127.x source addresses, while a desk posts an entry
/// a second plus bursts of ten. Every entry carries the moment it was sent; every reader records
/// publish-to-receive for every entry and checks the event ids it sees: none lost, none twice, none
/// out of order. A few readers never read, to show they are dropped without slowing the others.
/// Pointed at `live-floor`, the same readers and desk measure bare sockets, the floor under any server.
/// </summary>
public static class LiveBench
{
    /// <summary>One histogram per thread, merged at the end: ten thousand readers woken by the same event must not queue on a lock here.</summary>
    private static readonly ThreadLocal<LongHistogram> Latency = new(() => new LongHistogram(TimeStamp.Minutes(1), 3), trackAllValues: true);
    private static long _lost, _duplicated, _reordered, _received, _readersUp, _readerErrors;

    public static async Task<int> RunAsync(Uri readerBase, Uri deskBase, string slug, string token, int readers, int stalled, TimeSpan duration, int burstEverySeconds)
    {
        using var desk = new HttpClient { BaseAddress = deskBase };
        desk.DefaultRequestHeaders.Authorization = new("Bearer", token);
        // Warm-up before any reader connects (readers start at the report's current event): pools, and
        // enough posts for the desk's path to reach the JIT's optimised tier (30 calls), as on a server that has been up.
        for (var i = 0; i < 40; i++)
            (await desk.PostAsync($"/api/v1/live/{slug}/entries", Entry($"<p>Pemanasan {i + 1}.</p>"))).EnsureSuccessStatusCode();

        var clients = Enumerable.Range(2, 8).Select(last => ClientFrom(IPAddress.Parse($"127.0.0.{last}"), readerBase)).ToArray();
        using var stop = new CancellationTokenSource();
        var tasks = new List<Task>();
        var start = Stopwatch.StartNew();
        for (var i = 0; i < readers; i++)
        {
            tasks.Add(ReadAsync(clients[i % clients.Length], slug, stop.Token));
            if (i % 250 == 249) await Task.Delay(50); // a spike, but not a SYN flood
        }
        // Readers that never read, with a small receive buffer (a phone on a bad network): their
        // connections fill up within the run, and the server must cut them without slowing the others.
        var stalledClients = Enumerable.Range(2, 8).Select(last => ClientFrom(IPAddress.Parse($"127.0.0.{last}"), readerBase, receiveBuffer: 4096)).ToArray();
        var stalledStreams = new List<Stream>();
        for (var i = 0; i < stalled; i++)
            stalledStreams.Add(await stalledClients[i % stalledClients.Length].GetStreamAsync($"/live/{slug}/events"));
        while (Interlocked.Read(ref _readersUp) < readers && start.Elapsed < TimeSpan.FromMinutes(3)) await Task.Delay(200);
        Console.WriteLine($"{Interlocked.Read(ref _readersUp)} readers connected in {start.Elapsed.TotalSeconds:0.0} s ({Interlocked.Read(ref _readerErrors)} failed), {stalled} stalled readers");

        var posted = 0;
        var postLatency = new LongHistogram(TimeStamp.Minutes(1), 3);
        var run = Stopwatch.StartNew();
        for (var second = 0; run.Elapsed < duration; second++)
        {
            var batch = burstEverySeconds > 0 && second % burstEverySeconds == burstEverySeconds - 1 ? 10 : 1;
            for (var i = 0; i < batch; i++)
            {
                var sent = Stopwatch.GetTimestamp();
                var body = $"<p>Update {posted + 1} [t:{DateTime.UtcNow.Ticks}]</p>";
                var response = await desk.PostAsync($"/api/v1/live/{slug}/entries", Entry(body));
                if (!response.IsSuccessStatusCode) Console.WriteLine($"post failed: {(int)response.StatusCode}");
                else posted++;
                postLatency.RecordValue(Stopwatch.GetElapsedTime(sent).Ticks / 10);
            }
            var next = TimeSpan.FromSeconds(second + 1) - run.Elapsed;
            if (next > TimeSpan.Zero) await Task.Delay(next);
        }
        await Task.Delay(TimeSpan.FromSeconds(5)); // the last entries are still on their way
        stop.Cancel();
        await Task.WhenAll(tasks.Select(t => t.ContinueWith(_ => { })));
        foreach (var stream in stalledStreams) await stream.DisposeAsync();

        var expected = (long)posted * Interlocked.Read(ref _readersUp);
        var missing = expected - Interlocked.Read(ref _received);
        Console.WriteLine($"posted {posted} entries in {duration.TotalSeconds:0} s; each reader expected {posted}");
        Console.WriteLine($"received {_received:N0} of {expected:N0} (missing at the end {missing:N0}); gaps {_lost}, duplicates {_duplicated}, out of order {_reordered}");
        var latency = new LongHistogram(TimeStamp.Minutes(1), 3);
        foreach (var histogram in Latency.Values) latency.Add(histogram);
        Console.WriteLine($"publish-to-receive ms: p50 {Ms(latency, 50)} p90 {Ms(latency, 90)} p99 {Ms(latency, 99)} p99.9 {Ms(latency, 99.9)} max {latency.GetMaxValue() / 1000.0:0.0}");
        Console.WriteLine($"desk POST ms: p50 {Ms(postLatency, 50)} p99 {Ms(postLatency, 99)} max {postLatency.GetMaxValue() / 1000.0:0.0}");
        return missing == 0 && _lost == 0 && _duplicated == 0 && _reordered == 0 ? 0 : 1;
    }

    /// <summary>An entry as JSON with a Content-Length (the floor server reads no chunked bodies).</summary>
    private static StringContent Entry(string bodyHtml) =>
        new(System.Text.Json.JsonSerializer.Serialize(new { bodyHtml }), System.Text.Encoding.UTF8, "application/json");

    private static string Ms(LongHistogram histogram, double percentile) =>
        (histogram.GetValueAtPercentile(percentile) / 1000.0).ToString("0.0", CultureInfo.InvariantCulture);

    private static HttpClient ClientFrom(IPAddress local, Uri baseAddress, int? receiveBuffer = null) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = int.MaxValue,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            if (receiveBuffer is { } bytes) socket.ReceiveBufferSize = bytes; // before connecting, so the window is small from the start
            socket.Bind(new IPEndPoint(local, 0));
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        },
    })
    { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };

    private static async Task ReadAsync(HttpClient client, string slug, CancellationToken stop)
    {
        long last = -1;
        try
        {
            using var response = await client.GetAsync($"/live/{slug}/events", HttpCompletionOption.ResponseHeadersRead, stop);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop));
            Interlocked.Increment(ref _readersUp);
            long id = -1;
            while (await reader.ReadLineAsync(stop) is { } line)
            {
                if (line.StartsWith("id: ", StringComparison.Ordinal)) id = long.Parse(line.AsSpan(4), CultureInfo.InvariantCulture);
                else if (line.StartsWith("data: ", StringComparison.Ordinal) && id > 0)
                {
                    var now = DateTime.UtcNow.Ticks;
                    if (last >= 0)
                    {
                        if (id == last) Interlocked.Increment(ref _duplicated);
                        else if (id < last) Interlocked.Increment(ref _reordered);
                        else if (id > last + 1) Interlocked.Add(ref _lost, id - last - 1);
                    }
                    last = Math.Max(last, id);
                    var mark = line.IndexOf("[t:", StringComparison.Ordinal);
                    if (mark > 0)
                    {
                        var end = line.IndexOf(']', mark);
                        var sent = long.Parse(line.AsSpan(mark + 3, end - mark - 3), CultureInfo.InvariantCulture);
                        Interlocked.Increment(ref _received);
                        Latency.Value!.RecordValue(Math.Max(0, (now - sent) / 10)); // microseconds
                    }
                    id = -1;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            Interlocked.Increment(ref _readerErrors);
            if (!stop.IsCancellationRequested) Console.WriteLine($"reader lost its stream: {exception.Message}");
        }
    }
}
