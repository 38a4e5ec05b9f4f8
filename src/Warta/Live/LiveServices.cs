namespace Warta.Live;

public static class LiveServices
{
    public static IServiceCollection AddLive(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(LiveOptions.Section).Get<LiveOptions>() ?? new LiveOptions();
        options.Redis ??= configuration["Warta:Redis"];
        services.AddSingleton(options);
        services.AddSingleton<LiveHub>();
        if (string.IsNullOrEmpty(options.Redis))
            services.AddSingleton<ILiveBus, InProcessLiveBus>();
        else
        {
            services.AddSingleton<RedisLiveBus>();
            services.AddSingleton<ILiveBus>(sp => sp.GetRequiredService<RedisLiveBus>());
            services.AddHostedService(sp => sp.GetRequiredService<RedisLiveBus>());
        }
        services.AddHostedService<LiveCatchUp>();
        services.AddScoped<LiveQueries>();
        services.AddScoped<LiveDesk>();
        return services;
    }

    public static IEndpointRouteBuilder MapLive(this IEndpointRouteBuilder app)
    {
        var hub = app.ServiceProvider.GetRequiredService<LiveHub>();
        app.ServiceProvider.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(hub.CloseAll);
        app.MapGet("/live/{slug}/events", LiveStream.StreamAsync);
        app.MapGet("/live/{slug}/events.json", LiveStream.PollAsync);
        app.MapLiveApi();
        return app;
    }
}
