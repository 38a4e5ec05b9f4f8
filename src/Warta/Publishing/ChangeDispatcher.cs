using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Warta.Content;
using Warta.Data;

namespace Warta.Publishing;

/// <summary>What a handler is given: one change record, as committed.</summary>
public sealed record Change(long Id, int SiteId, int? ArticleId, string Kind, IReadOnlyList<string> CacheTags, DateTimeOffset At);

/// <summary>Where a handler's work lives, which decides where its place in the change records is kept.</summary>
public enum HandlerReach
{
    /// <summary>
    /// State in this process (an in-memory cache, the site directory): every node runs the handler, from
    /// the newest record at start, since a process starts with that state fresh.
    /// </summary>
    EveryNode,

    /// <summary>
    /// State shared by the network (a Redis cache, alerts sent, an analytics store): one node at a time
    /// runs the handler, under a lease, and its place is kept in the store, so a crash is repaired at the
    /// next start or poll by whichever node holds the lease.
    /// </summary>
    OncePerNetwork,
}

/// <summary>
/// A side effect of changes (docs/decisions/0015-change-records-are-the-outbox.md). It is given the
/// changes in record order, at least once: after a crash or a failure the same changes come again, so
/// handling them twice must leave the same result as once. Throwing means "try again later": the
/// dispatcher retries the same changes with backoff and the handler sees nothing newer until they pass.
/// </summary>
public interface IChangeHandler
{
    /// <summary>Stable across releases: it keys the handler's place in the store.</summary>
    string Name { get; }

    HandlerReach Reach { get; }

    Task HandleAsync(IReadOnlyList<Change> changes, CancellationToken cancellationToken);
}

/// <summary>A handler's place in the change records, and which node may run it until when.</summary>
public sealed class ChangeCheckpoint
{
    public required string Handler { get; set; }
    public long LastChangeId { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
}

public sealed class ChangeDispatchOptions : IValidatableObject
{
    public const string Section = "Warta:Changes";

    /// <summary>How often every handler looks for records written elsewhere (the import verb, other nodes) and retries.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = Section + ":PollInterval must be between {1} and {2}.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a step waits after its commit for the handlers to finish, so an editor's next page shows
    /// the change; a slower handler goes on in the background and the step is answered.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = Section + ":AfterCommitWait must be between {1} and {2}.")]
    public TimeSpan AfterCommitWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A network-wide handler's lease: how long a crashed node keeps it from the others.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = Section + ":LeaseTime must be between {1} and {2}.")]
    public TimeSpan LeaseTime { get; set; } = TimeSpan.FromSeconds(15);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = Section + ":FirstRetry must be between {1} and {2}.")]
    public TimeSpan FirstRetry { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan LongestRetry { get; set; } = TimeSpan.FromMinutes(5);

    [Range(1, 100_000, ErrorMessage = Section + ":BatchSize must be between {1} and {2}.")]
    public int BatchSize { get; set; } = 500;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (LongestRetry < FirstRetry)
            yield return new ValidationResult($"{Section}:LongestRetry must not be shorter than {Section}:FirstRetry ({FirstRetry}).", [nameof(LongestRetry)]);
    }
}

/// <summary>
/// The one place side effects of committed changes start. Each handler keeps its own place in the
/// change records and its own retry clock, so a failing one never holds back the others or the step
/// that wrote the change. Steps call <see cref="DispatchAfterCommitAsync"/>; a background loop calls
/// <see cref="DispatchAsync"/> every <see cref="ChangeDispatchOptions.PollInterval"/>.
/// </summary>
public sealed class ChangeDispatcher(IEnumerable<IChangeHandler> handlers, IServiceScopeFactory scopes, ChangeDispatchOptions options, TimeProvider clock,
    ILogger<ChangeDispatcher> logger)
{
    private readonly List<HandlerState> _handlers = handlers.Select(h => new HandlerState(h)).ToList();

    /// <summary>Names this process in network-wide leases; a restarted process is a new owner and waits for the old lease to lapse.</summary>
    private readonly string _node = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Whether the store was ready for handlers; a verb that never opened the store has no lease to give up.</summary>
    private bool _started;

    private sealed class HandlerState(IChangeHandler handler)
    {
        public IChangeHandler Handler { get; } = handler;
        public SemaphoreSlim Gate { get; } = new(1, 1);

        /// <summary>For <see cref="HandlerReach.EveryNode"/>: the last record handled here; -1 until started.</summary>
        public long Position { get; set; } = -1;

        public int Failures { get; set; }
        public DateTimeOffset RetryAt { get; set; } = DateTimeOffset.MinValue;
    }

    /// <summary>
    /// At start: node handlers begin after the newest record (this process has nothing to repair);
    /// a network handler met for the first time begins there too, and one already known resumes.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _started = true;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WartaDbContext>();
        var newest = await db.ArticleChanges.MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0;
        foreach (var state in _handlers)
        {
            if (state.Handler.Reach == HandlerReach.EveryNode)
            {
                state.Position = newest;
                continue;
            }
            if (await db.ChangeCheckpoints.AnyAsync(c => c.Handler == state.Handler.Name, cancellationToken)) continue;
            db.ChangeCheckpoints.Add(new ChangeCheckpoint { Handler = state.Handler.Name, LastChangeId = newest });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another node made the row first; its place is as good as ours.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Runs every handler whose retry time has come, each on its own; never throws for a handler's failure.</summary>
    public Task DispatchAsync(CancellationToken cancellationToken = default) =>
        Task.WhenAll(_handlers.Select(state => RunAsync(state, cancellationToken)));

    /// <summary>
    /// Called by a step after its commit: the handlers run now, and the step waits for them at most
    /// <see cref="ChangeDispatchOptions.AfterCommitWait"/>; whatever is left finishes in the background,
    /// and what fails is retried by the loop.
    /// </summary>
    public async Task DispatchAfterCommitAsync(CancellationToken cancellationToken = default)
    {
        // Real time, not the app's clock: this bounds how long a person waits, whatever day the clock says.
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(options.AfterCommitWait);
        // Not the request's token: a reader closing the tab must not stop the eviction its change needs.
        var dispatch = DispatchAsync(CancellationToken.None);
        try
        {
            await dispatch.WaitAsync(patience.Token);
            await NetworkCaughtUpAsync(patience.Token);
        }
        catch (OperationCanceledException) when (patience.IsCancellationRequested)
        {
            // The rest goes on in the background and in the loop.
        }
    }

    /// <summary>
    /// Waits until every network handler has passed the newest change: when another node holds a
    /// handler's lease, it handles this node's change at its next poll, and the step waits for that.
    /// </summary>
    private async Task NetworkCaughtUpAsync(CancellationToken cancellationToken)
    {
        var network = _handlers.Where(h => h.Handler.Reach == HandlerReach.OncePerNetwork).Select(h => h.Handler.Name).ToList();
        if (network.Count == 0) return;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WartaDbContext>();
        var newest = await db.ArticleChanges.MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0;
        while (await db.ChangeCheckpoints.AnyAsync(c => network.Contains(c.Handler) && c.LastChangeId < newest, cancellationToken))
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
    }

    private async Task RunAsync(HandlerState state, CancellationToken cancellationToken)
    {
        if (state.Handler.Reach == HandlerReach.EveryNode && state.Position < 0) return;
        await state.Gate.WaitAsync(cancellationToken);
        var handler = state.Handler;
        long after = 0;
        try
        {
            if (clock.GetUtcNow() < state.RetryAt) return;
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<WartaDbContext>();
            if (handler.Reach == HandlerReach.EveryNode) after = state.Position;
            else if (await ClaimAsync(db, handler.Name, cancellationToken) is { } place) after = place;
            else return;

            while (true)
            {
                var batch = await db.ArticleChanges.AsNoTracking().Where(c => c.Id > after).OrderBy(c => c.Id).Take(options.BatchSize)
                    .Select(c => new { c.Id, c.SiteId, c.ArticleId, c.Kind, c.CacheTags, c.At })
                    .ToListAsync(cancellationToken);
                if (batch.Count == 0) break;
                var changes = batch.Select(c => new Change(c.Id, c.SiteId, c.ArticleId, c.Kind,
                    c.CacheTags.Split(' ', StringSplitOptions.RemoveEmptyEntries), c.At)).ToList();
                await handler.HandleAsync(changes, cancellationToken);
                foreach (var change in changes)
                    logger.LogDebug("Change {Id} ({Kind}) handled by {Handler}", change.Id, change.Kind, handler.Name);
                after = changes[^1].Id;
                if (handler.Reach == HandlerReach.EveryNode) state.Position = after;
                else await MoveAsync(db, handler.Name, after, cancellationToken);
                if (batch.Count < options.BatchSize) break;
            }
            if (state.Failures > 0) logger.LogInformation("Change handler {Handler} caught up after {Failures} failed attempts", handler.Name, state.Failures);
            state.Failures = 0;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            state.Failures++;
            var wait = TimeSpan.FromTicks(Math.Min(options.LongestRetry.Ticks, options.FirstRetry.Ticks << Math.Min(state.Failures - 1, 30)));
            state.RetryAt = clock.GetUtcNow() + wait;
            logger.LogWarning(ex, "Change handler {Handler} failed on the changes after {After} (attempt {Attempt}); retrying in {Wait}",
                handler.Name, after, state.Failures, wait);
        }
        finally
        {
            state.Gate.Release();
        }
    }

    /// <summary>Takes or renews the handler's lease; its place in the records when this node holds it, else null.</summary>
    private async Task<long?> ClaimAsync(WartaDbContext db, string name, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var until = now + options.LeaseTime;
        var claimed = await db.ChangeCheckpoints
            .Where(c => c.Handler == name && (c.LeaseOwner == _node || c.LeaseUntil == null || c.LeaseUntil < now))
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.LeaseOwner, _node).SetProperty(c => c.LeaseUntil, until), cancellationToken);
        if (claimed == 0) return null;
        return await db.ChangeCheckpoints.Where(c => c.Handler == name).Select(c => c.LastChangeId).SingleAsync(cancellationToken);
    }

    /// <summary>Moves the handler's place forward, only while this node still holds its lease.</summary>
    private Task MoveAsync(WartaDbContext db, string name, long to, CancellationToken cancellationToken) =>
        db.ChangeCheckpoints.Where(c => c.Handler == name && c.LeaseOwner == _node && c.LastChangeId < to)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.LastChangeId, to), cancellationToken);

    /// <summary>At shutdown: gives up this node's leases, so another node (or this one restarted) takes over at once.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        if (!_started || _handlers.All(h => h.Handler.Reach == HandlerReach.EveryNode)) return;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WartaDbContext>();
        await db.ChangeCheckpoints.Where(c => c.LeaseOwner == _node)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.LeaseOwner, (string?)null).SetProperty(c => c.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
    }
}

/// <summary>Runs the handlers every poll interval, for changes written by other processes and for retries.</summary>
public sealed class ChangeDispatchLoop(ChangeDispatcher dispatcher, ChangeDispatchOptions options, ILogger<ChangeDispatchLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Polls in real time; retries wait on the app's clock, which a test may move.
        using var timer = new PeriodicTimer(options.PollInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await dispatcher.DispatchAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await dispatcher.ReleaseAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Releasing change handler leases failed; they lapse after {LeaseTime}", options.LeaseTime);
        }
    }
}
