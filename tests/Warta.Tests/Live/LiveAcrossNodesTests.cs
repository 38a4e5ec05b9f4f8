using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Warta.Accounts;
using Warta.Live;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Live;

/// <summary>Two app processes' worth of nodes on one store and one Redis.</summary>
public sealed class LiveAcrossNodesTests
{
    private const string DemoSlug = "arus-balik-libur-akhir-tahun-di-tol-trans-jawa-pantauan-24-jam";

    [Fact]
    public async Task StoppingANodeEndsItsStreamsCleanlySoBrowsersReconnectElsewhere()
    {
        var app = await WartaApp.StartServerAsync();
        using var client = new HttpClient { BaseAddress = app.Address };
        var stream = await SseReader.OpenAsync(client, $"/live/{DemoSlug}/events");
        var reading = stream.NextAsync(TimeSpan.FromMinutes(1));

        await app.DisposeAsync();

        // A clean end of the response (not a cut connection, which throws here): EventSource then
        // reconnects after its retry delay with its Last-Event-ID.
        Assert.Null(await reading);
        await stream.DisposeAsync();
    }

    [SkippableFact]
    public async Task AnEntryPostedOnOneNodeReachesAReaderOnTheOtherThroughRedis()
    {
        Skip.If(WartaApp.RedisServer is null && Environment.GetEnvironmentVariable("CI") is null,
            "WARTA_TEST_REDIS is not set (e.g. 127.0.0.1:6379); tests/run starts Redis and sets it.");
        var prefix = $"warta-test-{Guid.NewGuid():N}:";
        var shared = new Dictionary<string, string?>
        {
            ["Warta:Redis"] = WartaApp.RedisServer ?? throw new InvalidOperationException("CI must set WARTA_TEST_REDIS."),
            ["Warta:PageCache:RedisInstanceName"] = prefix,
            ["Warta:Live:RedisChannelPrefix"] = prefix,
            // The store's catch-up loop is slowed down so that only Redis can deliver within the test's wait.
            ["Warta:Live:CatchUpInterval"] = "00:05:00",
        };
        await using var nodeA = await WartaApp.StartAsync(StoreKind.Postgres, shared);
        await using var nodeB = await WartaApp.StartAsync(StoreKind.Postgres, new Dictionary<string, string?>(shared) { ["ConnectionStrings:Warta"] = nodeA.ConnectionString });
        await using var reader = await SseReader.OpenAsync(nodeB.ClientFor(), $"/live/{DemoSlug}/events");

        var editor = await nodeA.StaffPrincipalAsync("editor@warta.test", "nasional", StaffRole.Editor);
        await nodeA.WithScopeAsync(async services =>
        {
            var nasional = services.GetRequiredService<Warta.Network.SiteDirectory>().FindBySlug("nasional")!;
            var report = await services.GetRequiredService<LiveQueries>().FindAsync(nasional.Id, DemoSlug, default);
            var desk = services.GetRequiredService<LiveDesk>();
            Assert.True((await desk.PostAsync(editor, report!.Id, new LiveEntryDraft("<p>Dari node A.</p>"), default)).Succeeded);
            Assert.True((await desk.PostAsync(editor, report.Id, new LiveEntryDraft("<p>Sekali lagi dari node A.</p>", IsKeyEvent: true), default)).Succeeded);
        });

        var first = await reader.NextAsync(TimeSpan.FromSeconds(5));
        var second = await reader.NextAsync(TimeSpan.FromSeconds(5));
        Assert.Equal((1L, "entry"), (first!.Id, first.Kind));
        Assert.Contains("Dari node A.", first.Data);
        Assert.Equal(2L, second!.Id);

        // Reconnecting to the other node replays from the same numbering.
        await using var moved = await SseReader.OpenAsync(nodeA.ClientFor(), $"/live/{DemoSlug}/events", lastEventId: 1);
        Assert.Equal(2L, (await moved.NextAsync())!.Id);
    }

    [SkippableFact]
    public async Task WithoutRedisAMissedAnnouncementIsFoundInTheStoreWithinTheCatchUpInterval()
    {
        await using var nodeA = await WartaApp.StartAsync(StoreKind.Postgres, new() { ["Warta:Live:CatchUpInterval"] = "00:00:00.300" });
        await using var nodeB = await WartaApp.StartAsync(StoreKind.Postgres, new() { ["ConnectionStrings:Warta"] = nodeA.ConnectionString, ["Warta:Live:CatchUpInterval"] = "00:00:00.300" });
        await using var reader = await SseReader.OpenAsync(nodeB.ClientFor(), $"/live/{DemoSlug}/events");

        await nodeA.AddStaffAsync("reporter@warta.test", "nasional", StaffRole.Writer);
        var token = "";
        await nodeA.WithScopeAsync(async services => token = (await services.GetRequiredService<PersonalAccessTokens>().CreateAsync("reporter@warta.test", "uji"))!.Value.Token);
        var api = nodeA.ClientFor();
        api.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.True((await api.PostAsJsonAsync($"/api/v1/live/{DemoSlug}/entries", new { bodyHtml = "<p>Tanpa Redis.</p>" })).IsSuccessStatusCode);

        var arrived = await reader.NextAsync(TimeSpan.FromSeconds(5));
        Assert.Equal((1L, "entry"), (arrived!.Id, arrived.Kind));
    }
}
