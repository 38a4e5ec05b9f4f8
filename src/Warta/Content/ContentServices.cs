namespace Warta.Content;

public static class ContentServices
{
    public static IServiceCollection AddContent(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ArticleHtml>();
        services.AddSingleton(configuration.GetSection(SyndicationOptions.Section).Get<SyndicationOptions>() ?? new SyndicationOptions());
        services.AddScoped<People>();
        return services;
    }
}
