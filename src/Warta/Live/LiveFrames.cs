using System.Text;

namespace Warta.Live;

/// <summary>Server-Sent Events framing. An event is encoded once per node and the same bytes go to every reader.</summary>
public static class LiveFrames
{
    public static byte[] Encode(LiveEvent liveEvent) =>
        Encoding.UTF8.GetBytes($"id: {liveEvent.Sequence}\nevent: {liveEvent.Kind}\ndata: {liveEvent.Data}\n\n");

    /// <summary>A comment line: keeps proxies and the browser from timing the connection out.</summary>
    public static readonly byte[] Heartbeat = ": hb\n\n"u8.ToArray();

    /// <summary>Tells the page it missed too much to replay; it reloads and starts again from the server's page.</summary>
    public static readonly byte[] Reload = "event: reload\ndata: {}\n\n"u8.ToArray();

    /// <summary>How long the browser waits before reconnecting: spread so a restart is not met by every reader at once.</summary>
    public static byte[] Retry(int milliseconds) => Encoding.ASCII.GetBytes($"retry: {milliseconds}\n\n");
}
