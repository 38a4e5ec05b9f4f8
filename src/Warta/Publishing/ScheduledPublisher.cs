using Microsoft.EntityFrameworkCore;
using Warta.Content;
using Warta.Data;

namespace Warta.Publishing;

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

    /// <summary>Each due story is one step of the workflow, taken as the system, in a scope of its own.</summary>
    public async Task<int> PublishDueAsync(CancellationToken cancellationToken)
    {
        List<int> due;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WartaDbContext>();
            var now = clock.GetUtcNow();
            due = await db.Articles.AsNoTracking()
                .Where(a => a.Status == ArticleStatus.Scheduled && a.PublishedAt <= now)
                .Select(a => a.Id).ToListAsync(cancellationToken);
        }
        var published = 0;
        foreach (var id in due)
        {
            using var scope = scopes.CreateScope();
            var result = await scope.ServiceProvider.GetRequiredService<ArticleWorkflow>().PublishDueAsync(id, cancellationToken);
            if (result.Succeeded)
            {
                published++;
                logger.LogInformation("Scheduled article {Id} published", id);
            }
            // An editor moved the story in the same moment (unpublished it, or another node published it): theirs stands.
            else logger.LogInformation("Scheduled article {Id} not published: {Reason}", id, result.Message);
        }
        return published;
    }
}
