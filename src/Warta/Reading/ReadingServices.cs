using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Warta.Reading;

public static class ReadingServices
{
    public static IServiceCollection AddReading(this IServiceCollection services)
    {
        services.Configure<RazorPagesOptions>(pages =>
            pages.Conventions.AddPageRoute("/Reading/ArticlePage", PreviewLinks.PathPrefix[1..] + "/{token}"));
        services.AddSingleton<PreviewLinks>();
        services.AddScoped<ReaderQueries>();
        return services;
    }

    public static WebApplication UseErrorPages(this WebApplication app)
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

    /// <summary>The error pages under /galat/ are no content for search engines.</summary>
    public static IEndpointRouteBuilder MapRobotsTxt(this IEndpointRouteBuilder app)
    {
        app.MapGet("/robots.txt", () => Results.Text("User-agent: *\nDisallow: /galat/\n"));
        return app;
    }
}
