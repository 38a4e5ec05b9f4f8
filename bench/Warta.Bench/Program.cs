using System.Diagnostics;
using HdrHistogram;
using Microsoft.Data.Sqlite;
using Warta.Content;
using Warta.Publishing;
using Warta.Network;
using Warta.Reading;

// Load tools for bench/run.sh. Only ever aimed at 127.0.0.1, and every loop is bounded in time.
return args switch
{
    ["urls", var database, var output] => WriteUrls(database, output),
    ["latency", var baseUrl, var urlFile, var seconds] => await MeasureLatencyAsync(new Uri(baseUrl), urlFile, TimeSpan.FromSeconds(int.Parse(seconds))),
    ["newsroom", var baseUrl, var database, var email, var requests, var publishes, var scheduled] =>
        await NewsroomBench.RunAsync(new Uri(baseUrl), database, email, int.Parse(requests), int.Parse(publishes), int.Parse(scheduled)),
    ["live", var readerBase, var deskBase, var slug, var readers, var stalled, var seconds, var burstEvery] =>
        await LiveBench.RunAsync(new Uri(readerBase), new Uri(deskBase), slug, Environment.GetEnvironmentVariable("BENCH_TOKEN") ?? "",
            int.Parse(readers), int.Parse(stalled), TimeSpan.FromSeconds(int.Parse(seconds)), int.Parse(burstEvery)),
    ["sanitize", var rounds] => SanitizeBench.Run(int.Parse(rounds)),
    ["live-floor", var port, var seconds] => await LiveFloor.RunAsync(int.Parse(port), TimeSpan.FromSeconds(int.Parse(seconds))),
    ["live-floor", var port, var seconds, var redis, var channel] => await LiveFloor.RunAsync(int.Parse(port), TimeSpan.FromSeconds(int.Parse(seconds)), redis, channel),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: urls <warta.db> <out.txt>
             | latency <base-url> <urls.txt> <seconds>
             | newsroom <base-url> <warta.db> <staff-email> <requests-per-page> <publishes> <scheduled>   (BENCH_PASSWORD, BENCH_TOKEN in the environment)
             | live <reader-base-url> <desk-base-url> <report-slug> <readers> <stalled-readers> <seconds> <burst-every-seconds>   (BENCH_TOKEN in the environment)
             | live-floor <port> <seconds> [<redis> <channel>]   (a bare-sockets SSE server for the live verb to measure against; with Redis, one node of several)
             | sanitize <rounds>   (article-body sanitizing of hostile and ordinary bodies, in process)
        """);
    return 2;
}

// Every published article of the default site, as reader paths.
static int WriteUrls(string database, string output)
{
    using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
    connection.Open();
    using var command = connection.CreateCommand();
    command.CommandText = """
        SELECT s."Slug", a."PublishedAt", a."Slug", site."TimeZone"
        FROM "Articles" a JOIN "Sections" s ON s."Id" = a."SectionId" JOIN "Sites" site ON site."Id" = a."SiteId"
        WHERE site."IsDefault" = 1 AND a."Status" = 3 ORDER BY a."Id"
        """;
    using var reader = command.ExecuteReader();
    using var writer = new StreamWriter(output);
    var count = 0;
    while (reader.Read())
    {
        var published = new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero);
        writer.WriteLine(ArticleUrls.Path(reader.GetString(0), published, reader.GetString(2), (IndonesianTimeZone)reader.GetInt32(3)));
        count++;
    }
    Console.WriteLine($"{count} urls");
    return 0;
}

// One connection, requests back to back through every URL in turn: the latency of a page render.
static async Task<int> MeasureLatencyAsync(Uri baseUrl, string urlFile, TimeSpan duration)
{
    var urls = await File.ReadAllLinesAsync(urlFile);
    using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 }) { BaseAddress = baseUrl };
    var histogram = new LongHistogram(TimeStamp.Minutes(1), 3);
    var stopwatch = Stopwatch.StartNew();
    long requests = 0, failures = 0;
    // Warm-up: JIT and connection, not measured.
    for (var i = 0; i < 200; i++) await client.GetByteArrayAsync(urls[i % urls.Length]);
    while (stopwatch.Elapsed < duration)
    {
        var url = urls[requests % urls.Length];
        var start = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(url);
        await response.Content.ReadAsByteArrayAsync();
        histogram.RecordValue(Stopwatch.GetTimestamp() - start);
        if (!response.IsSuccessStatusCode) failures++;
        requests++;
    }
    double Ms(double percentile) => histogram.GetValueAtPercentile(percentile) * 1000.0 / Stopwatch.Frequency;
    Console.WriteLine($"requests={requests} distinct_urls={Math.Min(requests, urls.Length)} failures={failures} p50_ms={Ms(50):0.000} p90_ms={Ms(90):0.000} p99_ms={Ms(99):0.000} max_ms={histogram.GetMaxValue() * 1000.0 / Stopwatch.Frequency:0.000}");
    return failures == 0 ? 0 : 1;
}
