using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Warta.Accounts;
using Warta.Live;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Live;

/// <summary>Nodes on one store (and one Redis): separate app processes, or separate hosts in this one.</summary>
public sealed class LiveAcrossNodesTests
{
    [Fact]
    public async Task StoppingANodeEndsItsStreamsCleanlySoBrowsersReconnectElsewhere()
    {
        var app = await WartaApp.StartServerAsync();
        using var client = new HttpClient { BaseAddress = app.Address };
        var stream = await SseReader.OpenAsync(client, $"/live/{DemoReport.Slug}/events");
        var reading = stream.NextAsync(TimeSpan.FromMinutes(1));

        await app.DisposeAsync();

        // A clean end of the response (not a cut connection, which throws here): EventSource then
        // reconnects after its retry delay with its Last-Event-ID.
        Assert.Null(await reading);
        await stream.DisposeAsync();
    }

    [SkippableFact]
    public async Task AnEntryPostedOnOneProcessReachesAReaderOnAnotherThroughRedis()
    {
        Skip.If(WartaApp.RedisServer is null && Environment.GetEnvironmentVariable("CI") is null,
            "WARTA_TEST_REDIS is not set (e.g. 127.0.0.1:6379); tests/run starts Redis and sets it.");
        var prefix = $"warta-test-{Guid.NewGuid():N}:";
        await using var nodeA = await WartaProcess.CreateAsync(StoreKind.Postgres);
        nodeA.Settings["Warta__Redis"] = WartaApp.RedisServer ?? throw new InvalidOperationException("CI must set WARTA_TEST_REDIS.");
        nodeA.Settings["Warta__PageCache__RedisInstanceName"] = prefix;
        nodeA.Settings["Warta__Live__RedisChannelPrefix"] = prefix;
        // The store's catch-up loop is slowed down so that only Redis can deliver within the test's wait.
        nodeA.Settings["Warta__Live__CatchUpInterval"] = "00:05:00";
        await nodeA.RunVerbAsync(Staff.Password, "user", "add", "desk@warta.test", "--role", "editor", "--site", "nasional");
        var token = (await nodeA.RunVerbAsync(null, "token", "create", "--email", "desk@warta.test")).Trim();
        await nodeA.StartAsync();
        await using var nodeB = nodeA.AnotherNode();
        await nodeB.StartAsync();

        using var readerClient = new HttpClient { BaseAddress = nodeB.Address };
        await using var reader = await SseReader.OpenAsync(readerClient, $"/live/{DemoReport.Slug}/events");
        using var desk = new HttpClient { BaseAddress = nodeA.Address };
        desk.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var posted = await desk.PostAsJsonAsync($"/api/v1/live/{DemoReport.Slug}/entries", new { bodyHtml = "<p>Dari node A.</p>" });
        Assert.Equal(System.Net.HttpStatusCode.Created, posted.StatusCode);
        var sequence = (await posted.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("sequence").GetInt64();
        Assert.True((await desk.PostAsJsonAsync($"/api/v1/live/{DemoReport.Slug}/entries", new { bodyHtml = "<p>Sekali lagi.</p>", keyEvent = true })).IsSuccessStatusCode);

        var first = await reader.NextAsync(TimeSpan.FromSeconds(5));
        var second = await reader.NextAsync(TimeSpan.FromSeconds(5));
        Assert.Equal((sequence, "entry"), (first!.Id, first.Kind));
        Assert.Contains("Dari node A.", first.Data);
        Assert.Equal(sequence + 1, second!.Id);

        // Reconnecting to the other node replays from the same numbering.
        using var movedClient = new HttpClient { BaseAddress = nodeA.Address };
        await using var moved = await SseReader.OpenAsync(movedClient, $"/live/{DemoReport.Slug}/events", lastEventId: sequence);
        Assert.Equal(sequence + 1, (await moved.NextAsync())!.Id);
    }

    [SkippableFact]
    public async Task WithoutRedisAMissedAnnouncementIsFoundInTheStoreWithinTheCatchUpInterval()
    {
        await using var nodeA = await WartaApp.StartAsync(StoreKind.Postgres, new() { ["Warta:Live:CatchUpInterval"] = "00:00:00.300" });
        await using var nodeB = await WartaApp.StartAsync(StoreKind.Postgres, new() { ["ConnectionStrings:Warta"] = nodeA.ConnectionString, ["Warta:Live:CatchUpInterval"] = "00:00:00.300" });
        await using var reader = await SseReader.OpenAsync(nodeB.ClientFor(), $"/live/{DemoReport.Slug}/events");

        await nodeA.AddStaffAsync("reporter@warta.test", "nasional", StaffRole.Writer);
        var token = "";
        await nodeA.WithScopeAsync(async services => token = (await services.GetRequiredService<PersonalAccessTokens>().CreateAsync("reporter@warta.test", "uji"))!.Value.Token);
        var api = nodeA.ClientFor();
        api.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.True((await api.PostAsJsonAsync($"/api/v1/live/{DemoReport.Slug}/entries", new { bodyHtml = "<p>Tanpa Redis.</p>" })).IsSuccessStatusCode);

        var arrived = await reader.NextAsync(TimeSpan.FromSeconds(5));
        Assert.Equal((1L, "entry"), (arrived!.Id, arrived.Kind));
    }
}
