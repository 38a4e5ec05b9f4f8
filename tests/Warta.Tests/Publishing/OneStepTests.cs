using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Warta.Accounts;
using Warta.Content;
using Warta.Publishing;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Publishing;

/// <summary>
/// Issue 9: "a click that saves and publishes is one step: one transaction, one revision, one version
/// increment", from the story page and from the API alike. Transactions are counted from EF Core's own
/// diagnostics, for this app's store only (other tests run beside this one).
/// </summary>
public sealed class OneStepTests
{
    [Fact]
    public async Task SaveAndPublishFromTheStoryPageIsOneTransactionOneRevisionOneVersion()
    {
        await using var app = await WartaApp.StartAsync();
        var writer = await app.SignedInAsync("rica@warta.test", "nasional", StaffRole.Writer);
        var editor = await app.SignedInAsync("tiara@warta.test", "nasional", StaffRole.Editor);
        var (_, blank) = await writer.GetPageAsync("/redaksi/berita?situs=nasional");
        var (created, _) = await writer.PostFormAsync(blank, "/redaksi/berita?handler=Create&situs=nasional", new()
        {
            ["Headline"] = "Jalur Mudik Pantura Mulai Padat",
            ["Summary"] = "Antrean terjadi di gerbang tol.",
            ["BodyHtml"] = "<p>Paragraf pertama.</p>",
        });
        var storyUrl = created.Headers.Location!.OriginalString;
        var id = int.Parse(storyUrl.Split('/')[^1]);
        var (_, review) = await editor.GetPageAsync(storyUrl);
        var before = await StateAsync(app, id);

        using var transactions = new TransactionCounter(app.ConnectionString);
        var (published, page) = await editor.PostFormAsync(review, $"{storyUrl}?handler=Publish", new() { ["Headline"] = "Jalur Mudik Pantura Padat Sejak Subuh" });

        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal("Terbit", page.QuerySelector(".status strong")!.TextContent);
        Assert.Equal((Started: 1, Committed: 1), transactions.Counts);
        var after = await StateAsync(app, id);
        Assert.Equal(before.Version + 1, after.Version);
        Assert.Equal(before.Revisions + 1, after.Revisions);
        Assert.Equal((RevisionKinds.Publish, "Jalur Mudik Pantura Padat Sejak Subuh"), (after.LastKind, after.LastHeadline));
        Assert.Equal("Jalur Mudik Pantura Padat Sejak Subuh", after.Headline);
        Assert.Equal(ArticleStatus.Published, after.Status);
    }

    [Fact]
    public async Task PublishFromTheApiIsOneTransactionOneRevisionOneVersion()
    {
        await using var app = await WartaApp.StartAsync();
        using var api = await app.ApiClientAsync("tiara@warta.test", "nasional", StaffRole.Editor);
        using var created = await api.PostAsJsonAsync("/api/v1/articles", new { site = "nasional", section = "ekonomi", headline = "Harga Emas Antam Naik Rp 5.000" });
        var id = (await created.Content.ReadFromJsonAsync<ArticleId>())!.Id;
        var before = await StateAsync(app, id);

        using var transactions = new TransactionCounter(app.ConnectionString);
        using var published = await api.PostAsJsonAsync($"/api/v1/articles/{id}/publish", new { version = before.Version });

        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal((Started: 1, Committed: 1), transactions.Counts);
        var after = await StateAsync(app, id);
        Assert.Equal((before.Version + 1, before.Revisions + 1, RevisionKinds.Publish, ArticleStatus.Published),
            (after.Version, after.Revisions, after.LastKind, after.Status));
        Assert.Equal($"\"{after.Version}\"", published.Headers.ETag?.Tag);
    }

    private sealed record ArticleId(int Id);

    private sealed record State(int Version, int Revisions, string LastKind, string LastHeadline, string Headline, ArticleStatus Status);

    private static Task<State> StateAsync(WartaApp app, int id) => app.WithDbAsync(async db =>
    {
        var article = await db.Articles.AsNoTracking().SingleAsync(a => a.Id == id);
        var revisions = await db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == id).OrderBy(r => r.Number).ToListAsync();
        return new State(article.Version, revisions.Count, revisions[^1].Kind, revisions[^1].Headline, article.Headline, article.Status);
    });

    /// <summary>Counts EF Core's transaction events on one store, from any context the app opens on it.</summary>
    private sealed class TransactionCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly string _connectionString;
        private readonly List<IDisposable> _subscriptions = [];
        private int _started;
        private int _committed;

        public TransactionCounter(string connectionString)
        {
            _connectionString = connectionString;
            _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        }

        public (int Started, int Committed) Counts => (Volatile.Read(ref _started), Volatile.Read(ref _committed));

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
                lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this));
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Value is not TransactionEventData data || data.Context?.Database.GetConnectionString() != _connectionString) return;
            if (value.Key == RelationalEventId.TransactionStarted.Name) Interlocked.Increment(ref _started);
            else if (value.Key == RelationalEventId.TransactionCommitted.Name) Interlocked.Increment(ref _committed);
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            lock (_subscriptions) _subscriptions.ForEach(s => s.Dispose());
        }
    }
}
