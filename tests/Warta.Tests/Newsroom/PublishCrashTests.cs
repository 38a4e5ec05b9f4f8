using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Warta.Publishing;
using Warta.Accounts;
using Warta.Content;
using Warta.Reading;
using Warta.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Warta.Tests.Newsroom;

/// <summary>
/// Issue 3: "a crash (process killed) in the middle of a publish leaves the article either published
/// or not, never half". The real app runs as its own process; it is SIGKILLed while a batch of
/// publishes goes through, restarted on the same store, and every story is checked whole.
/// </summary>
public abstract class PublishCrashTests(StoreKind store, ITestOutputHelper output)
{
    private const string Email = "editor@warta.test";
    private const int DraftsPerRound = 30;

    /// <summary>
    /// Publishes in flight at once. All thirty at once commit within a millisecond or two of each other
    /// on PostgreSQL, so the kill, which follows the store, lands after the last; a few at a time spread
    /// the batch's commits over long enough for the kill to fall among them.
    /// </summary>
    private const int InFlight = 4;

    /// <summary>Rounds beyond the planned moments, tried only while no kill has yet landed mid-batch.</summary>
    private const int ExtraRounds = 3;

    /// <summary>
    /// When each round's kill comes: as soon as the store shows the first of the batch published, and
    /// half of it (so the kill lands among commits, where a step's second write would be lost), and a
    /// few milliseconds after sending, when little or nothing may have reached the store.
    /// </summary>
    private static readonly Func<int, KillAt>[] Moments =
    [
        _ => new KillAt(Committed: 1),
        batch => new KillAt(Committed: batch / 2),
        _ => new KillAt(AfterSending: TimeSpan.FromMilliseconds(Random.Shared.Next(2, 30))),
    ];

    private sealed record KillAt(int Committed = 0, TimeSpan? AfterSending = null);

    [SkippableFact]
    public async Task AKillDuringPublishesLeavesEveryStoryWhollyPublishedOrWhollyUnpublished()
    {
        var clock = Stopwatch.StartNew();
        await using var app = await WartaProcess.CreateAsync(store);
        await app.RunVerbAsync(Staff.Password, "user", "add", Email, "--role", "editor", "--site", "nasional");
        var token = (await app.RunVerbAsync(null, "token", "create", "--email", Email)).Trim();
        await app.StartAsync();

        var acknowledged = new ConcurrentDictionary<int, bool>();
        var roundsCutMidBatch = 0;
        var round = 0;
        var moments = Moments.Concat(Enumerable.Repeat(Moments[1], ExtraRounds));
        foreach (var moment in moments)
        {
            round++;
            if (round > Moments.Length && roundsCutMidBatch > 0) break;
            using var api = ApiClient(app, token);
            await CreateDraftsAsync(api, round);
            var batch = await DraftsAsync(app);
            var answered = await PublishAndKillAsync(app, api, batch, moment(batch.Count), acknowledged);

            await app.StartAsync();
            var published = await AssertEveryStoryIsWholeAsync(app, acknowledged.Keys);
            var fromBatch = batch.Count(d => published.Contains(d.Id));
            if (fromBatch > 0 && fromBatch < batch.Count) roundsCutMidBatch++;
            output.WriteLine($"round {round}: {batch.Count} drafts to publish, {answered} publishes answered 2xx before the kill; after restart {fromBatch} of them " +
                $"published, {batch.Count - fromBatch} still drafts; every story whole ({clock.Elapsed.TotalSeconds:0.0} s)");
        }

        Assert.True(roundsCutMidBatch > 0, "No kill landed between the batch's first and last commit, so no publish was crashed; the test proved nothing.");
    }

    private static HttpClient ApiClient(WartaProcess app, string token)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = app.Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task CreateDraftsAsync(HttpClient api, int round) =>
        await Parallel.ForEachAsync(Enumerable.Range(1, DraftsPerRound), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            using var created = await api.PostAsJsonAsync("/api/v1/articles", new
            {
                site = "nasional", section = "ekonomi", headline = $"Berita uji putaran {round} nomor {i}",
                summary = "Ringkasan.", bodyHtml = "<p>Paragraf pertama.</p><p>Paragraf kedua.</p>",
            }, ct);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        });

    /// <summary>Every story still a draft, this round's and those whose publish an earlier kill cut off.</summary>
    private static async Task<List<(int Id, int Version)>> DraftsAsync(WartaProcess app)
    {
        await using var db = app.OpenDb();
        var drafts = await db.Articles.AsNoTracking().Where(a => a.CreatedById != null && a.Status == ArticleStatus.Draft)
            .Select(a => new { a.Id, a.Version }).ToListAsync();
        return drafts.Select(d => (d.Id, d.Version)).ToList();
    }

    /// <summary>Sends every publish, a few in flight at a time, and kills the process at the given moment; counts the 2xx answers.</summary>
    private static async Task<int> PublishAndKillAsync(WartaProcess app, HttpClient api, List<(int Id, int Version)> drafts,
        KillAt at, ConcurrentDictionary<int, bool> acknowledged)
    {
        // Watching the store, not the answers: answers trail the commits, so by the first answer a
        // whole batch may be done. The query runs once before, so its compilation does not delay the kill.
        await using var db = app.OpenDb();
        var ids = drafts.Select(d => d.Id).ToArray();
        Task<int> CommittedAsync() => db.Articles.CountAsync(a => ids.Contains(a.Id) && a.Status == ArticleStatus.Published);
        await CommittedAsync();

        var answered = 0;
        var killed = false;
        using var slots = new SemaphoreSlim(InFlight);
        var publishes = drafts.Select(async draft =>
        {
            await slots.WaitAsync();
            try
            {
                if (Volatile.Read(ref killed)) return; // never sent: it stays a draft
                using var response = await api.PostAsJsonAsync($"/api/v1/articles/{draft.Id}/publish", new { version = draft.Version });
                if (!response.IsSuccessStatusCode) return;
                acknowledged[draft.Id] = true;
                Interlocked.Increment(ref answered);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or System.Net.Sockets.SocketException)
            {
                // Cut off by the kill: the story may or may not be published, but must be whole.
            }
            finally
            {
                slots.Release();
            }
        }).ToList();
        var all = Task.WhenAll(publishes);

        if (at.AfterSending is { } delay)
        {
            await Task.Delay(delay);
        }
        else
        {
            while (!all.IsCompleted && await CommittedAsync() < at.Committed)
            {
            }
        }
        Volatile.Write(ref killed, true);
        await app.KillAsync();
        await all;
        return Volatile.Read(ref answered);
    }

    /// <summary>
    /// The invariant, for every story the newsroom made: published ⇔ a "publish" revision ⇔ a
    /// "published" change record ⇔ an audit entry ⇔ the reader page shows it; each exactly once,
    /// or not at all, with the version and date to match. And a publish that was answered 2xx held.
    /// Returns the published stories.
    /// </summary>
    private static async Task<HashSet<int>> AssertEveryStoryIsWholeAsync(WartaProcess app, ICollection<int> acknowledged)
    {
        await using var db = app.OpenDb();
        var articles = await db.Articles.AsNoTracking().Where(a => a.CreatedById != null)
            .Select(a => new { a.Id, a.Headline, a.Status, a.Version, a.PublishedAt, a.CreatedAt, a.Slug, Section = a.Section!.Slug })
            .ToListAsync();
        var revisions = (await db.ArticleRevisions.AsNoTracking().Select(r => new { r.ArticleId, r.Number, r.Kind }).ToListAsync())
            .GroupBy(r => r.ArticleId).ToDictionary(g => g.Key, g => string.Join(",", g.OrderBy(r => r.Number).Select(r => r.Kind)));
        var changes = (await db.ArticleChanges.AsNoTracking().Where(c => c.Kind == ChangeKinds.Published).Select(c => c.ArticleId).ToListAsync())
            .GroupBy(id => id!.Value).ToDictionary(g => g.Key, g => g.Count());
        var audit = (await db.Set<AuditEntry>().AsNoTracking().Where(e => e.Action == AuditActions.Published).Select(e => e.Subject).ToListAsync())
            .GroupBy(s => s!).ToDictionary(g => g.Key, g => g.Count());

        using var reader = new HttpClient { BaseAddress = app.Address };
        var problems = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(articles, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (a, ct) =>
        {
            var published = a.Status == ArticleStatus.Published;
            void Expect(bool holds, string what)
            {
                if (!holds) problems.Add($"article {a.Id} ({a.Status}, v{a.Version}): {what}");
            }

            Expect(a.Status is ArticleStatus.Published or ArticleStatus.Draft, "status is neither draft nor published");
            Expect(revisions.GetValueOrDefault(a.Id) == (published ? "save,publish" : "save"), $"revisions are [{revisions.GetValueOrDefault(a.Id)}]");
            Expect(changes.GetValueOrDefault(a.Id) == (published ? 1 : 0), $"{changes.GetValueOrDefault(a.Id)} 'published' change records");
            Expect(audit.GetValueOrDefault($"artikel:{a.Id}") == (published ? 1 : 0), $"{audit.GetValueOrDefault($"artikel:{a.Id}")} 'terbit' audit entries");
            Expect(a.Version == (published ? 2 : 1), "version does not match the steps taken");
            Expect(a.PublishedAt.HasValue == published, $"publishedAt is {a.PublishedAt}");
            Expect(published || !acknowledged.Contains(a.Id), "its publish was answered 2xx before the kill, but it is not published");

            var path = ArticleUrls.Path(a.Section, a.PublishedAt ?? a.CreatedAt, a.Slug, Warta.Network.IndonesianTimeZone.Wib);
            using var page = await reader.GetAsync(path, ct);
            var html = await page.Content.ReadAsStringAsync(ct);
            Expect(published ? page.StatusCode == HttpStatusCode.OK && html.Contains(a.Headline) : page.StatusCode == HttpStatusCode.NotFound,
                $"reader page {path} answers {(int)page.StatusCode}");
        });

        Assert.True(problems.IsEmpty, $"{problems.Count} broken invariants:\n{string.Join("\n", problems.OrderBy(p => p).Take(40))}");
        var missing = acknowledged.Except(articles.Select(a => a.Id)).ToList();
        Assert.True(missing.Count == 0, $"acknowledged publishes of articles no longer in the store: {string.Join(", ", missing)}");
        return articles.Where(a => a.Status == ArticleStatus.Published).Select(a => a.Id).ToHashSet();
    }
}

public sealed class SqlitePublishCrashTests(ITestOutputHelper output) : PublishCrashTests(StoreKind.Sqlite, output);

public sealed class PostgresPublishCrashTests(ITestOutputHelper output) : PublishCrashTests(StoreKind.Postgres, output);
