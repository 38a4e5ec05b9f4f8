using System.Buffers;
using System.Globalization;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;
using Warta.Network;

namespace Warta.Live;

/// <summary>
/// `/live/{slug}/events`: Server-Sent Events, the event id being the report's sequence number. A
/// reconnecting browser sends Last-Event-ID and gets what it missed from the log (or, past
/// <see cref="LiveQueries.MaxReplay"/>, a "reload"). `/live/{slug}/events.json?since=N` is the same
/// as a short-lived cacheable document for clients that cannot keep a stream open.
/// </summary>
public static class LiveStream
{
    public static async Task StreamAsync(string slug, HttpContext http, LiveQueries queries, LiveHub hub, CancellationToken cancellationToken)
    {
        var report = await queries.FindAsync(http.Site().Id, slug, cancellationToken);
        if (report is null)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var since = LastEventId(http.Request) ?? report.LastSequence;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        LimitKernelBuffer(http);
        var body = http.Response.BodyWriter;

        // Join before reading the log, so nothing committed in between is missed; the hub holds what
        // arrives until the replay is written, then writes straight into this response.
        using var subscription = hub.Subscribe(report.Id, report.LastSequence, body);
        body.Write(LiveFrames.Retry(Random.Shared.Next(1_000, 5_000)));
        var sent = since;
        if (since > report.LastSequence) sent = report.LastSequence; // an id from another report or a wiped store
        var missed = await queries.EventsSinceAsync(report.Id, sent, LiveQueries.MaxReplay + 1, cancellationToken);
        if (missed.Count > LiveQueries.MaxReplay)
        {
            body.Write(LiveFrames.Reload);
            await body.FlushAsync(cancellationToken);
            return;
        }
        foreach (var liveEvent in missed)
        {
            body.Write(LiveFrames.Encode(liveEvent));
            sent = liveEvent.Sequence;
        }
        await body.FlushAsync(cancellationToken);
        subscription.Start(sent);

        try
        {
            if (await subscription.Ended.WaitAsync(cancellationToken) == LiveEnding.Dropped)
            {
                // Its buffers are full, so no goodbye would get through: cut the connection. The
                // browser reconnects with its Last-Event-ID and replays from the log.
                http.Abort();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The reader went away.
        }
    }

    public static async Task<IResult> PollAsync(string slug, long? since, HttpContext http, LiveQueries queries, CancellationToken cancellationToken)
    {
        var report = await queries.FindAsync(http.Site().Id, slug, cancellationToken);
        if (report is null) return Results.NotFound();
        var from = Math.Min(since ?? report.LastSequence, report.LastSequence);
        var events = await queries.EventsSinceAsync(report.Id, from, LiveQueries.MaxReplay + 1, cancellationToken);
        // Every reader polling from the same point gets the same document: a CDN can hold it briefly.
        http.Response.Headers.CacheControl = "public, max-age=2";
        return Results.Json(new
        {
            lastSequence = report.LastSequence,
            reload = events.Count > LiveQueries.MaxReplay,
            events = events.Count > LiveQueries.MaxReplay ? [] : events.Select(e => new { seq = e.Sequence, kind = e.Kind, data = System.Text.Json.JsonDocument.Parse(e.Data).RootElement }).ToArray(),
        });
    }

    /// <summary>
    /// A reader's queue is its connection's buffers, and the kernel's share would otherwise grow to
    /// megabytes: a reader who stopped reading would be cut only after that much, and ten thousand of
    /// them could pin gigabytes of kernel memory. A live stream needs a few kilobytes a second.
    /// Only on a connection of its own (HTTP/1.1); an HTTP/2 connection carries other requests too.
    /// </summary>
    private static void LimitKernelBuffer(HttpContext http)
    {
        if (HttpProtocol.IsHttp11(http.Request.Protocol) && http.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket)
            socket.SendBufferSize = KernelSendBuffer;
    }

    /// <summary>Bytes the kernel may hold for a reader (Linux doubles it for its bookkeeping), on top of Kestrel's 64 kB.</summary>
    public const int KernelSendBuffer = 32 * 1024;

    private static long? LastEventId(HttpRequest request)
    {
        var value = request.Headers["Last-Event-ID"].ToString();
        if (string.IsNullOrEmpty(value)) value = request.Query["since"].ToString();
        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }
}
