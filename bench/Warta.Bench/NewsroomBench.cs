using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using HdrHistogram;
using Microsoft.Data.Sqlite;

/// <summary>
/// The newsroom targets of issue 3: page latency for a signed-in editor, and how long a published
/// story takes to reach the reader pages. Latency is the full request time seen by a client on
/// loopback, an upper bound of the server's own time.
/// </summary>
public static partial class NewsroomBench
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(Uri baseUrl, string database, string email, int requests, int publishes, int scheduled)
    {
        var password = Environment.GetEnvironmentVariable("BENCH_PASSWORD") ?? throw new InvalidOperationException("set BENCH_PASSWORD");
        var token = Environment.GetEnvironmentVariable("BENCH_TOKEN") ?? throw new InvalidOperationException("set BENCH_TOKEN");
        var failures = 0;

        using var staff = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1, AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
            { BaseAddress = baseUrl };
        await SignInAsync(staff, email, password);

        var articles = CorpusArticleIds(database, requests + 50);
        Console.WriteLine($"corpus_articles_for_editor_page={articles.Count}");
        string[] Fixed(string path) => [path];
        var pages = new (string Name, IReadOnlyList<string> Paths)[]
        {
            ("dashboard /redaksi", Fixed("/redaksi")),
            ("editor /redaksi/berita/{id}", articles.Select(id => $"/redaksi/berita/{id}").ToList()),
            ("picks /redaksi/pilihan?situs=nasional", Fixed("/redaksi/pilihan?situs=nasional")),
            ("audit /redaksi/audit", Fixed("/redaksi/audit")),
            ("new /redaksi/berita?situs=nasional", Fixed("/redaksi/berita?situs=nasional")),
        };
        foreach (var (name, paths) in pages)
            failures += await MeasurePageAsync(staff, name, paths, requests);

        using var api = new HttpClient { BaseAddress = baseUrl };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        failures += await PublishToVisibleAsync(api, baseUrl, publishes);
        failures += await ScheduledToVisibleAsync(api, baseUrl, scheduled);
        return failures == 0 ? 0 : 1;
    }

    /// <summary>The real sign-in form: GET for the anti-forgery token and cookie, then POST.</summary>
    private static async Task SignInAsync(HttpClient client, string email, string password)
    {
        var form = await client.GetStringAsync("/redaksi/masuk");
        var antiforgery = AntiforgeryField().Match(form) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("no anti-forgery token on /redaksi/masuk");
        using var response = await client.PostAsync("/redaksi/masuk", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = password, ["__RequestVerificationToken"] = antiforgery,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString != "/redaksi")
            throw new InvalidOperationException($"sign-in failed: {(int)response.StatusCode} {response.Headers.Location}");
        Console.WriteLine($"signed_in={email}");
    }

    /// <summary>Imported articles (not the demo's), spread over the whole corpus in a fixed random order.</summary>
    private static List<int> CorpusArticleIds(string database, int count)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Id" FROM "Articles" WHERE "ExternalId" IS NOT NULL AND "ExternalId" NOT LIKE 'demo-%' ORDER BY "Id" """;
        using var reader = command.ExecuteReader();
        var ids = new List<int>();
        while (reader.Read()) ids.Add(reader.GetInt32(0));
        new Random(3).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ids));
        return ids.Take(count).ToList();
    }

    /// <summary>
    /// One keep-alive connection, requests back to back. The first 50 requests (JIT, connection,
    /// SQLite pages) are not counted; with several paths, the counted ones are all different from them.
    /// </summary>
    private static async Task<int> MeasurePageAsync(HttpClient client, string name, IReadOnlyList<string> paths, int requests)
    {
        const int warmUp = 50;
        var histogram = new LongHistogram(TimeStamp.Minutes(1), 3);
        long failures = 0, bytes = 0;
        double firstMs = 0;
        for (var i = 0; i < warmUp + requests; i++)
        {
            var path = paths[paths.Count - 1 - i % paths.Count];
            var start = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsByteArrayAsync();
            var elapsed = Stopwatch.GetTimestamp() - start;
            if (i == 0) firstMs = Ms(elapsed);
            if (i < warmUp) continue;
            histogram.RecordValue(elapsed);
            bytes += body.Length;
            if (response.StatusCode != HttpStatusCode.OK) failures++;
        }
        var distinct = paths.Count == 1 ? 1 : Math.Min(requests, paths.Count);
        Console.WriteLine($"page=\"{name}\" requests={requests} distinct_urls={distinct} failures={failures} avg_bytes={bytes / requests} first_ms={firstMs:0.0} " +
            $"p50_ms={P(histogram, 50):0.00} p95_ms={P(histogram, 95):0.00} p99_ms={P(histogram, 99):0.00} max_ms={Ms(histogram.GetMaxValue()):0.00}");
        return failures == 0 ? 0 : 1;
    }

    /// <summary>
    /// Creates a draft, primes the cached reader pages, publishes, then polls home and section every
    /// 10 ms from the moment the publish response arrives until the headline is on each.
    /// </summary>
    private static async Task<int> PublishToVisibleAsync(HttpClient api, Uri baseUrl, int trials)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var home = new List<double>();
        var section = new List<double>();
        var publishCalls = new List<double>();
        var failures = 0;
        using var homeReader = Reader(baseUrl);
        using var sectionReader = Reader(baseUrl);
        for (var i = 1; i <= trials; i++)
        {
            var headline = $"Uji terbit {run} nomor {i}";
            var (id, version) = await CreateDraftAsync(api, headline);
            await homeReader.GetStringAsync("/");
            await sectionReader.GetStringAsync(SectionPath);

            var start = Stopwatch.GetTimestamp();
            using var published = await api.PostAsJsonAsync($"/api/v1/articles/{id}/publish", new { version });
            var answered = Stopwatch.GetTimestamp();
            publishCalls.Add(Ms(answered - start));
            if (!published.IsSuccessStatusCode) throw new InvalidOperationException($"publish {id}: {(int)published.StatusCode} {await published.Content.ReadAsStringAsync()}");

            var visible = await Task.WhenAll(PollAsync(homeReader, "/", headline, answered), PollAsync(sectionReader, SectionPath, headline, answered));
            if (visible[0] is { } h) home.Add(h); else failures++;
            if (visible[1] is { } s) section.Add(s); else failures++;
        }
        Console.WriteLine($"publish_api_ms {Summary(publishCalls)}");
        Console.WriteLine($"publish_to_visible_home_ms {Summary(home)} not_visible_within_{GiveUpAfter.TotalSeconds:0}s={trials - home.Count}");
        Console.WriteLine($"publish_to_visible_section_ms {Summary(section)} not_visible_within_{GiveUpAfter.TotalSeconds:0}s={trials - section.Count}");
        return failures;
    }

    /// <summary>
    /// Schedules a story 2 s ahead and polls home and section from then on; the time counted runs from
    /// the scheduled time, so it is what a reader waits past the announced moment.
    /// </summary>
    private static async Task<int> ScheduledToVisibleAsync(HttpClient api, Uri baseUrl, int trials)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var failures = 0;
        var home = new List<double>();
        var section = new List<double>();
        using var homeReader = Reader(baseUrl);
        using var sectionReader = Reader(baseUrl);
        for (var i = 1; i <= trials; i++)
        {
            var headline = $"Uji jadwal {run} nomor {i}";
            // The publisher wakes once a second; a random pause keeps the trials from falling in
            // step with it (back-to-back trials would all land at the same point of its tick).
            await Task.Delay(Random.Shared.Next(0, 1000));
            var (id, version) = await CreateDraftAsync(api, headline);
            await homeReader.GetStringAsync("/");
            await sectionReader.GetStringAsync(SectionPath);
            // Whole milliseconds, so the time sent is exactly the time stored and compared.
            var at = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddSeconds(2).ToUnixTimeMilliseconds());
            using var scheduled = await api.PostAsJsonAsync($"/api/v1/articles/{id}/publish", new { version, publishAt = at });
            var status = (await scheduled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString();
            if (status != "scheduled") throw new InvalidOperationException($"schedule {id}: {(int)scheduled.StatusCode} {status}");

            // The scheduled time as a point on the monotonic clock the polls use.
            var due = Stopwatch.GetTimestamp() + (long)((at - DateTimeOffset.UtcNow).TotalSeconds * Stopwatch.Frequency);
            var visible = await Task.WhenAll(PollAsync(homeReader, "/", headline, due, early: true), PollAsync(sectionReader, SectionPath, headline, due, early: true));
            if (visible[0] is { } h) home.Add(h); else failures++;
            if (visible[1] is { } s) section.Add(s); else failures++;
            Console.WriteLine($"scheduled_trial={i} home_ms={visible[0]:0} section_ms={visible[1]:0}");
        }
        Console.WriteLine($"scheduled_to_visible_home_ms {Summary(home)}");
        Console.WriteLine($"scheduled_to_visible_section_ms {Summary(section)}");
        return failures;
    }

    private const string SectionPath = "/ekonomi";

    private static async Task<(int Id, int Version)> CreateDraftAsync(HttpClient api, string headline)
    {
        using var created = await api.PostAsJsonAsync("/api/v1/articles", new
        {
            site = "nasional", section = "ekonomi", headline, summary = $"Ringkasan {headline}.", bodyHtml = "<p>Isi berita untuk uji terbit.</p>",
        });
        if (created.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"create: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetInt32(), body.GetProperty("version").GetInt32());
    }

    /// <summary>
    /// Milliseconds from <paramref name="from"/> until a response with the headline has arrived, or
    /// null after 10 s. With <paramref name="early"/>, polling starts before <paramref name="from"/>,
    /// and a story seen before it is a negative time (published too soon).
    /// </summary>
    private static async Task<double?> PollAsync(HttpClient reader, string path, string headline, long from, bool early = false)
    {
        var deadline = from + (long)(GiveUpAfter.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var page = await reader.GetStringAsync(path);
            if (page.Contains(headline, StringComparison.Ordinal)) return Ms(Stopwatch.GetTimestamp() - from);
            if (!early || Stopwatch.GetTimestamp() > from - Stopwatch.Frequency / 20) await Task.Delay(PollEvery);
            else await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
        return null;
    }

    /// <summary>An anonymous reader with its own connection, no cookies (so pages come from the cache).</summary>
    private static HttpClient Reader(Uri baseUrl) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = 1, UseCookies = false }) { BaseAddress = baseUrl };

    private static string Summary(List<double> values)
    {
        if (values.Count == 0) return "n=0";
        var sorted = values.Order().ToList();
        double At(double p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
        return $"n={sorted.Count} min={sorted[0]:0.0} median={At(50):0.0} p95={At(95):0.0} max={sorted[^1]:0.0}";
    }

    private static double P(LongHistogram histogram, double percentile) => Ms(histogram.GetValueAtPercentile(percentile));

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    [GeneratedRegex("""name="__RequestVerificationToken"[^>]*value="([^"]+)""")]
    private static partial Regex AntiforgeryField();
}
