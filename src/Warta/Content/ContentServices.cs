namespace Warta.Content;

public static class ContentServices
{
    public static IServiceCollection AddContent(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ArticleHtml>();
        services.AddSingleton(configuration.GetSection(ChangeFeedOptions.Section).Get<ChangeFeedOptions>() ?? new ChangeFeedOptions());
        services.AddSingleton<ChangeFeed>();
        services.AddSingleton(configuration.GetSection(SyndicationOptions.Section).Get<SyndicationOptions>() ?? new SyndicationOptions());
        services.AddHostedService<ChangeFeedPoller>();
        services.AddScoped<Publishing>();
        services.AddScoped<People>();
        return services;
    }
}
