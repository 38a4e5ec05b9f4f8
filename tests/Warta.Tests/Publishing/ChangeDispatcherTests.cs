using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Warta.Accounts;
using Warta.Publishing;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Publishing;

/// <summary>
/// The dispatcher's contract (docs/decisions/0015-change-records-are-the-outbox.md): every handler gets
/// every change, in order; a failing one is retried with growing waits on the app's clock, and holds
/// back neither the other handlers nor the step that wrote the change. The test owns the clock.
/// </summary>
public sealed class ChangeDispatcherTests
{
    [Fact]
    public async Task AFailingHandlerIsRetriedWithBackoffAndHoldsBackNeitherTheOthersNorThePublish()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var flaky = new FlakyHandler(failuresFirst: 2);
        var recording = new RecordingHandler();
        await using var app = await WartaApp.StartAsync(settings: new() { ["Warta:Changes:PollInterval"] = "00:00:00.050" }, clock: clock, testServices: services =>
        {
            services.AddSingleton<IChangeHandler>(flaky);
            services.AddSingleton<IChangeHandler>(recording);
        });
        using var api = await app.ApiClientAsync("tiara@warta.test", "nasional", StaffRole.Editor);
        using var created = await api.PostAsJsonAsync("/api/v1/articles", new { site = "nasional", section = "ekonomi", headline = "Bandara Soekarno-Hatta Tambah Penerbangan Malam" });
        var id = (await created.Content.ReadFromJsonAsync<IdOnly>())!.Id;

        using var published = await api.PostAsJsonAsync($"/api/v1/articles/{id}/publish", new { version = 1 });

        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Contains(recording.Seen, c => c.ArticleId == id && c.Kind == "published");
        Assert.Equal(1, flaky.Attempts);

        // Many polls go by, but the clock has not reached the first retry (1 s).
        await PollsAsync();
        Assert.Equal(1, flaky.Attempts);
        clock.Advance(TimeSpan.FromSeconds(1));
        await EventuallyAsync(() => flaky.Attempts == 2);

        // The second failure waits twice as long.
        clock.Advance(TimeSpan.FromSeconds(1));
        await PollsAsync();
        Assert.Equal(2, flaky.Attempts);
        clock.Advance(TimeSpan.FromSeconds(1));
        await EventuallyAsync(() => flaky.Attempts == 3);
        Assert.Contains(flaky.Handled, c => c.ArticleId == id && c.Kind == "published");

        // Caught up, it takes the next change at once, like the others.
        using var unpublished = await api.PostAsJsonAsync($"/api/v1/articles/{id}/unpublish", new { version = 2 });
        Assert.Equal(HttpStatusCode.OK, unpublished.StatusCode);
        Assert.Contains(flaky.Handled, c => c.ArticleId == id && c.Kind == "unpublished");
        Assert.Equal(flaky.Handled.Select(c => c.Id), recording.Seen.Select(c => c.Id).Where(c => c >= flaky.Handled[0].Id));
    }

    private sealed record IdOnly(int Id);

    private static Task PollsAsync() => Task.Delay(TimeSpan.FromMilliseconds(400));

    private static async Task EventuallyAsync(Func<bool> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), "the handler was not retried once its time had come");
            await Task.Delay(20);
        }
    }

    private sealed class RecordingHandler : IChangeHandler
    {
        public ConcurrentQueue<Change> Seen { get; } = new();

        public string Name => "test-recording";

        public HandlerReach Reach => HandlerReach.EveryNode;

        public Task HandleAsync(IReadOnlyList<Change> changes, CancellationToken cancellationToken)
        {
            foreach (var change in changes) Seen.Enqueue(change);
            return Task.CompletedTask;
        }
    }

    /// <summary>Network-wide, so its place is kept in the store; fails its first attempts, as a push service that is down.</summary>
    private sealed class FlakyHandler(int failuresFirst) : IChangeHandler
    {
        private int _attempts;

        public int Attempts => Volatile.Read(ref _attempts);

        public List<Change> Handled { get; } = [];

        public string Name => "test-flaky";

        public HandlerReach Reach => HandlerReach.OncePerNetwork;

        public Task HandleAsync(IReadOnlyList<Change> changes, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _attempts) <= failuresFirst) throw new HttpRequestException("push service unavailable");
            lock (Handled) Handled.AddRange(changes);
            return Task.CompletedTask;
        }
    }
}
