using Warta.Recommend;

namespace Warta.Reading;

public static class ReadingServices
{
    public static IServiceCollection AddReading(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorPages(pages =>
        {
            pages.RootDirectory = "/";
            pages.Conventions.AddPageRoute("/Reading/ArticlePage", PreviewLinks.PathPrefix[1..] + "/{token}");
        });
        services.AddSingleton<PreviewLinks>();
        services.AddScoped<ReaderQueries>();
        services.AddScoped<Recommendations>();
        services.AddPageCache(configuration);
        return services;
    }

    public static WebApplication UseReading(this WebApplication app)
    {
        app.UseExceptionHandler("/galat/500");
        app.UseStatusCodePagesWithReExecute("/galat/{0}");
        return app;
    }

    public static IEndpointRouteBuilder MapReading(this IEndpointRouteBuilder app)
    {
        app.MapRazorPages();
        return app;
    }
}
