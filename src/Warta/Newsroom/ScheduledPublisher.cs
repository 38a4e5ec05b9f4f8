using Microsoft.EntityFrameworkCore;
using Warta.Content;
using Warta.Data;

namespace Warta.Newsroom;

/// <summary>
/// Publishes scheduled stories when their time comes. The schedule lives in the store, so it
/// survives restarts; a story whose time passed while the app was down goes out at once. It sleeps
/// until the next story is due, but never longer than <see cref="Interval"/>, so schedules made by
/// other nodes or processes are seen within a second.
/// </summary>
public sealed class ScheduledPublisher(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ScheduledPublisher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = Interval;
            try
            {
                await PublishDueAsync(stoppingToken);
                if (await NextDueAsync(stoppingToken) is { } next)
                    wait = TimeSpan.FromTicks(Math.Clamp((next - clock.GetUtcNow()).Ticks, 0, Interval.Ticks));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Publishing scheduled stories failed; retrying in {Interval}", Interval);
            }
            await Task.Delay(wait, clock, stoppingToken);
        }
    }

    private async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WartaDbContext>();
        return await db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.Scheduled)
            .OrderBy(a => a.PublishedAt).Select(a => a.PublishedAt).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<int> PublishDueAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WartaDbContext>();
        var now = clock.GetUtcNow();
        var due = await db.Articles.AsNoTracking()
            .Where(a => a.Status == ArticleStatus.Scheduled && a.PublishedAt <= now)
            .Select(a => a.Id).ToListAsync(cancellationToken);
        var publishing = scope.ServiceProvider.GetRequiredService<Publishing>();
        foreach (var id in due)
        {
            await publishing.PublishAsync(id, cancellationToken);
            logger.LogInformation("Scheduled article {Id} published", id);
        }
        return due.Count;
    }
}
