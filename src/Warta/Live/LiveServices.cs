using Warta.Operations;

namespace Warta.Live;

public static class LiveServices
{
    public static IServiceCollection AddLive(this IServiceCollection services, RedisOptions redis)
    {
        services.AddSettings<LiveOptions>(LiveOptions.Section);
        services.AddSingleton<LiveHub>();
        if (!redis.Enabled)
            services.AddSingleton<ILiveBus, InProcessLiveBus>();
        else
        {
            services.AddSingleton<RedisLiveBus>();
            services.AddSingleton<ILiveBus>(sp => sp.GetRequiredService<RedisLiveBus>());
            services.AddHostedService(sp => sp.GetRequiredService<RedisLiveBus>());
        }
        services.AddHostedService<LiveCatchUp>();
        services.AddScoped<LiveQueries>();
        services.AddScoped<Reading.ILivePromo>(sp => sp.GetRequiredService<LiveQueries>());
        services.AddScoped<LiveDesk>();
        return services;
    }

    public static IEndpointRouteBuilder MapLiveStream(this IEndpointRouteBuilder app)
    {
        var hub = app.ServiceProvider.GetRequiredService<LiveHub>();
        // Open streams never end by themselves: closing them at shutdown lets a rolling restart move
        // readers to another node at once instead of after the shutdown timeout.
        app.ServiceProvider.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(hub.CloseAll);
        app.MapGet("/live/{slug}/events", LiveStream.StreamAsync);
        app.MapGet("/live/{slug}/events.json", LiveStream.PollAsync);
        return app;
    }
}
