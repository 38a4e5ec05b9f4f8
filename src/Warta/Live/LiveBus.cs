using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using System.Globalization;
using StackExchange.Redis;
using Warta.Operations;

namespace Warta.Live;

/// <summary>Announces a committed event to every node's <see cref="LiveHub"/>.</summary>
public interface ILiveBus
{
    Task PublishAsync(LiveEvent liveEvent, CancellationToken cancellationToken);
}

/// <summary>One node: the event goes straight to this node's readers.</summary>
public sealed class InProcessLiveBus(LiveHub hub) : ILiveBus
{
    public Task PublishAsync(LiveEvent liveEvent, CancellationToken cancellationToken) =>
        hub.DeliverAsync(liveEvent.ReportId, liveEvent.Sequence, new LiveFrame(liveEvent.Sequence, LiveFrames.Encode(liveEvent)), cancellationToken);
}

/// <summary>
/// Many nodes: the event is sent to this node's readers at once and published on a Redis channel
/// with its data, so other nodes need no store read. Redis only carries news: if a message is lost
/// (Redis restarting), <see cref="LiveCatchUp"/> finds the gap in the store's log within a second.
/// </summary>
public sealed class RedisLiveBus(LiveHub hub, LiveOptions options, RedisOptions redis, ILogger<RedisLiveBus> logger) : ILiveBus, IHostedService, IAsyncDisposable
{
    private ConnectionMultiplexer? _redis;
    private RedisChannel Channel => RedisChannel.Literal($"{options.RedisChannelPrefix}live");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var configuration = ConfigurationOptions.Parse(redis.Configuration!);
        configuration.AbortOnConnectFail = false;
        _redis = await ConnectionMultiplexer.ConnectAsync(configuration);
        await _redis.GetSubscriber().SubscribeAsync(Channel, (channel, message) => _ = ReceiveAsync(message));
    }

    public async Task PublishAsync(LiveEvent liveEvent, CancellationToken cancellationToken)
    {
        var frame = new LiveFrame(liveEvent.Sequence, LiveFrames.Encode(liveEvent));
        await hub.DeliverAsync(liveEvent.ReportId, liveEvent.Sequence, frame, cancellationToken);
        try
        {
            await _redis!.GetSubscriber().PublishAsync(Channel, $"{liveEvent.ReportId} {liveEvent.Sequence} {Convert.ToBase64String(frame.Bytes)}");
        }
        catch (RedisException exception)
        {
            logger.LogWarning(exception, "Live event {Sequence} of report {Report} not announced on Redis; other nodes catch up from the store", liveEvent.Sequence, liveEvent.ReportId);
        }
    }

    private async Task ReceiveAsync(RedisValue message)
    {
        try
        {
            var parts = ((string)message!).Split(' ');
            var reportId = int.Parse(parts[0], CultureInfo.InvariantCulture);
            var sequence = long.Parse(parts[1], CultureInfo.InvariantCulture);
            await hub.DeliverAsync(reportId, sequence, new LiveFrame(sequence, Convert.FromBase64String(parts[2])));
        }
        catch (Exception exception) when (exception is FormatException or IndexOutOfRangeException)
        {
            logger.LogWarning(exception, "Ignored a malformed live message on Redis");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_redis is not null) await _redis.DisposeAsync();
    }
}

/// <summary>
/// The safety net: every second, reports with readers here are compared with the store; an event this
/// node was never told about (another process without Redis, a lost message) is read from the log.
/// It also sends every idle stream its heartbeat.
/// </summary>
public sealed class LiveCatchUp(LiveHub hub, IServiceScopeFactory scopes, LiveOptions options, ILogger<LiveCatchUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CatchUpInterval);
        var lastHeartbeat = Stopwatch.GetTimestamp();
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (Stopwatch.GetElapsedTime(lastHeartbeat) >= options.Heartbeat)
            {
                hub.Heartbeat();
                lastHeartbeat = Stopwatch.GetTimestamp();
            }
            try
            {
                var watched = hub.Watched();
                if (watched.Count == 0) continue;
                var ids = watched.Select(w => w.ReportId).ToArray();
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<Data.WartaDbContext>();
                var latest = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                    db.LiveReports.Where(r => ids.Contains(r.Id)).Select(r => new { r.Id, r.LastSequence }), stoppingToken);
                foreach (var report in latest.Where(r => r.LastSequence > watched.First(w => w.ReportId == r.Id).Last))
                    await hub.DeliverAsync(report.Id, report.LastSequence, null, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Live catch-up failed; retrying");
            }
        }
    }
}

public sealed class LiveOptions
{
    public const string Section = "Warta:Live";

    [Required(ErrorMessage = Section + ":RedisChannelPrefix must not be empty.")]
    public string RedisChannelPrefix { get; set; } = "warta:";

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = Section + ":CatchUpInterval must be between {1} and {2}.")]
    public TimeSpan CatchUpInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = Section + ":Heartbeat must be between {1} and {2}.")]
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(15);
}
