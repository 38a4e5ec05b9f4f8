
namespace Warta.Reading;

public static class ReadingServices
{
    public static IServiceCollection AddReading(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorPages(pages =>
        {
            pages.RootDirectory = "/";
            pages.Conventions.AddPageRoute("/Reading/ArticlePage", PreviewLinks.PathPrefix[1..] + "/{token}");
            pages.Conventions.ConfigureFilter(new UnknownHandlerFilter());
        });
        services.AddSingleton<PreviewLinks>();
        services.AddScoped<ReaderQueries>();
        services.AddPageCache(configuration);
        services.AddProblemDetails();
        return services;
    }

    public static WebApplication UseReading(this WebApplication app)
    {
        // The API answers errors as problem details, bodies included (a 401 from the token check or a
        // 404 has none of its own). It never goes through the error pages: a re-executed POST would
        // meet the page's anti-forgery check and turn a 401, 404 or 500 into a bare 400.
        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(context => !IsApi(context), reader =>
        {
            reader.UseExceptionHandler("/galat/500");
            reader.UseStatusCodePagesWithReExecute("/galat/{0}");
        });
        return app;
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    public static IEndpointRouteBuilder MapReading(this IEndpointRouteBuilder app)
    {
        app.MapRazorPages();
        return app;
    }
}
