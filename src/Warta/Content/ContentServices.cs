using Warta.Operations;

namespace Warta.Content;

public static class ContentServices
{
    public static IServiceCollection AddContent(this IServiceCollection services)
    {
        services.AddSingleton<ArticleHtml>();
        services.AddSettings<SyndicationOptions>(SyndicationOptions.Section);
        services.AddScoped<People>();
        return services;
    }
}
