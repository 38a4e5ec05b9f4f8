using System.Text;

namespace Warta.Tests.Live;

/// <summary>A Server-Sent Events client for tests: reads the stream and hands out whole events.</summary>
public sealed class SseReader : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseReader(HttpResponseMessage response, Stream stream)
    {
        _response = response;
        _reader = new StreamReader(stream, Encoding.UTF8);
    }

    public HttpResponseMessage Response => _response;

    public static async Task<SseReader> OpenAsync(HttpClient client, string path, long? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is { } id) request.Headers.Add("Last-Event-ID", id.ToString());
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new SseReader(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>The next event with an id (comments, retry lines and heartbeats are skipped), or null if the stream ends.</summary>
    public async Task<SseEvent?> NextAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        string? id = null, kind = null;
        var data = new StringBuilder();
        while (await _reader.ReadLineAsync(cancel.Token) is { } line)
        {
            if (line.Length == 0)
            {
                if (kind is not null) return new SseEvent(id is null ? null : long.Parse(id), kind, data.ToString());
                (id, kind) = (null, null);
                data.Clear();
                continue;
            }
            if (line.StartsWith("id: ")) id = line[4..];
            else if (line.StartsWith("event: ")) kind = line[7..];
            else if (line.StartsWith("data: ")) data.Append(line[6..]);
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        await Task.CompletedTask;
    }
}

public sealed record SseEvent(long? Id, string Kind, string Data);
