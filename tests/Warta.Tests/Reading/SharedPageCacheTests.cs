using Microsoft.Extensions.DependencyInjection;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Reading;

/// <summary>Two nodes on one store and one Redis share the page cache, and eviction reaches both.</summary>
public sealed class SharedPageCacheTests
{
    [SkippableFact]
    public async Task APageCachedByOneNodeIsServedByTheOtherAndAPublishOnEitherEvictsItForBoth()
    {
        Skip.If(WartaApp.RedisServer is null && Environment.GetEnvironmentVariable("CI") is null,
            "WARTA_TEST_REDIS is not set (e.g. 127.0.0.1:6379); tests/run starts Redis and sets it.");
        var shared = new Dictionary<string, string?>
        {
            ["Warta:Redis"] = WartaApp.RedisServer ?? throw new InvalidOperationException("CI must set WARTA_TEST_REDIS."),
            ["Warta:PageCache:RedisInstanceName"] = $"warta-test-{Guid.NewGuid():N}:",
        };
        await using var nodeA = await WartaApp.StartAsync(settings: shared);
        await using var nodeB = await WartaApp.StartAsync(settings: new Dictionary<string, string?>(shared) { ["ConnectionStrings:Warta"] = nodeA.ConnectionString });
        var clientA = nodeA.ClientFor();
        var clientB = nodeB.ClientFor();

        var first = await clientA.GetAsync("/ekonomi");
        var fromB = await clientB.GetAsync("/ekonomi");

        Assert.Null(first.Headers.Age);
        Assert.NotNull(fromB.Headers.Age);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await fromB.Content.ReadAsStringAsync());

        var created = await nodeB.PublishAsync("nasional", "ekonomi", "Bursa Saham Ditutup Menguat Jelang Akhir Tahun");
        var afterPublish = await clientA.GetAsync("/ekonomi");

        Assert.Null(afterPublish.Headers.Age);
        Assert.Contains(await nodeB.PathOfAsync(created), await afterPublish.Content.ReadAsStringAsync());
        Assert.NotNull(nodeA.Services.GetService<Microsoft.AspNetCore.OutputCaching.IOutputCacheStore>());
    }
}
