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
        // Not for the API: it answers with its own status codes, and a re-executed POST would meet the
        // error page's anti-forgery check and turn a 401 or 404 into a bare 400.
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/api"),
            reader => reader.UseStatusCodePagesWithReExecute("/galat/{0}"));
        return app;
    }

    public static IEndpointRouteBuilder MapReading(this IEndpointRouteBuilder app)
    {
        app.MapRazorPages();
        return app;
    }
}
