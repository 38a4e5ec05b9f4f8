using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Warta.Data;
using Warta.Network;

namespace Warta.Content;

public static class ChangeKinds
{
    public const string Published = "published";
    public const string Updated = "updated";
    public const string Unpublished = "unpublished";
    public const string Imported = "imported";
    public const string Picks = "picks";

    /// <summary>A live report changed: its page, and when it opened or ended, every page's promo line.</summary>
    public const string Live = "live";

    /// <summary>Sites or sections changed: every node reloads its <see cref="SiteDirectory"/>.</summary>
    public const string Site = "site";
}

/// <summary>
/// Applies change records to derived state: evicts the cached pages they name and reloads sites.
/// Writers in this process call <see cref="CatchUpAsync"/> right after commit; a background loop
/// picks up what other processes (the import verb, other nodes) wrote.
/// </summary>
public sealed class ChangeFeed(IServiceScopeFactory scopes, IOutputCacheStore cache, SiteDirectory sites, ILogger<ChangeFeed> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _lastApplied = -1;

    /// <summary>Pages cached before this process started are not in its memory; start from the newest record.</summary>
    public async Task StartAtEndAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WartaDbContext>();
        _lastApplied = await db.ArticleChanges.MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0;
    }

    public async Task CatchUpAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_lastApplied < 0) return;
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<WartaDbContext>();
            var changes = await db.ArticleChanges.AsNoTracking()
                .Where(c => c.Id > _lastApplied).OrderBy(c => c.Id).Take(1000)
                .Select(c => new { c.Id, c.Kind, c.CacheTags })
                .ToListAsync(cancellationToken);
            if (changes.Count == 0) return;

            if (changes.Any(c => c.Kind == ChangeKinds.Site))
                await sites.ReloadAsync(cancellationToken);
            foreach (var tag in changes.SelectMany(c => c.CacheTags.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct())
                await cache.EvictByTagAsync(tag, cancellationToken);

            _lastApplied = changes[^1].Id;
            logger.LogDebug("Applied {Count} change records up to {Id}", changes.Count, _lastApplied);
        }
        finally
        {
            _gate.Release();
        }
    }

    public static ArticleChange Record(int siteId, int? articleId, string kind, IEnumerable<string> cacheTags, DateTimeOffset at) => new()
    {
        SiteId = siteId,
        ArticleId = articleId,
        Kind = kind,
        CacheTags = string.Join(' ', cacheTags.Distinct()),
        At = at,
    };
}

public sealed class ChangeFeedOptions
{
    public const string Section = "Warta:ChangeFeed";

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}

public sealed class ChangeFeedPoller(ChangeFeed feed, ChangeFeedOptions options, ILogger<ChangeFeedPoller> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.PollInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await feed.CatchUpAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Applying change records failed; retrying at the next tick");
            }
        }
    }
}
