using Microsoft.EntityFrameworkCore;
using Warta.Content;
using Warta.Network;
using Warta.Demo;
using Warta.Publishing;

namespace Warta.Data;

public sealed class StoreStartupOptions
{
    /// <summary>Both settings sit directly under `Warta`: `Warta:MigrateOnStart`, `Warta:Demo`.</summary>
    public const string Section = "Warta";

    /// <summary>Apply migrations when the app starts. Turn off where a deploy step runs `migrate` first.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Create the demo network when the store has no sites.</summary>
    public bool Demo { get; set; } = true;
}

/// <summary>
/// Runs before the app takes requests: schema up to date, demo network on an empty store, sites in
/// memory, change handlers positioned. Command-line verbs call <see cref="PrepareAsync"/> themselves.
/// </summary>
public sealed class StoreStartup(IServiceProvider services, StoreStartupOptions options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        PrepareAsync(services, options.MigrateOnStart, options.Demo, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static async Task PrepareAsync(IServiceProvider services, bool migrate, bool seedDemo, CancellationToken cancellationToken = default)
    {
        using (var scope = services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WartaDbContext>();
            if (migrate) await db.MigrateAsync(cancellationToken);
            if (seedDemo && !await db.Sites.AnyAsync(cancellationToken))
                await scope.ServiceProvider.GetRequiredService<DemoNetwork>().CreateAsync(cancellationToken);
        }
        await services.GetRequiredService<SiteDirectory>().ReloadAsync(cancellationToken);
        await services.GetRequiredService<ChangeDispatcher>().StartAsync(cancellationToken);
    }
}
