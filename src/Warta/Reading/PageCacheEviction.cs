using Microsoft.AspNetCore.OutputCaching;
using Warta.Publishing;

namespace Warta.Reading;

/// <summary>
/// Evicts the cached pages a change names. Evicting twice is as good as once, so replays are harmless.
/// The in-process cache is each node's own; a Redis cache is the network's, evicted once.
/// </summary>
public sealed class PageCacheEviction(IOutputCacheStore cache, HandlerReach reach) : IChangeHandler
{
    public string Name => "page-cache";

    public HandlerReach Reach => reach;

    public async Task HandleAsync(IReadOnlyList<Change> changes, CancellationToken cancellationToken)
    {
        foreach (var tag in changes.SelectMany(c => c.CacheTags).Distinct())
            await cache.EvictByTagAsync(tag, cancellationToken);
    }
}
