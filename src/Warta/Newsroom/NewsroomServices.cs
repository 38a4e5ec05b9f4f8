using Microsoft.AspNetCore.Mvc.RazorPages;
using Warta.Accounts;

namespace Warta.Newsroom;

public static class NewsroomServices
{
    public static IServiceCollection AddNewsroom(this IServiceCollection services)
    {
        services.Configure<RazorPagesOptions>(pages =>
        {
            pages.Conventions.AuthorizeFolder("/Newsroom");
            pages.Conventions.AllowAnonymousToPage("/Newsroom/SignIn");
            pages.Conventions.AddPageRoute("/Newsroom/Picks", "/redaksi/" + PicksModel.TopStoriesPath);
        });
        services.AddScoped<HomeCuration>();
        services.AddScoped<Syndication>();
        return services;
    }

    /// <summary>Scripts on newsroom pages ask for JSON; the same handlers answer forms with a page.</summary>
    public static bool WantsJson(this HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Newsroom responses are private: never cached. Framing and referrers: Security/SecurityHeaders.cs.</summary>
    public static IApplicationBuilder UseNewsroomNoStore(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(AccountsServices.NewsroomPath))
                context.Response.Headers.CacheControl = "no-store";
            return next(context);
        });
}
