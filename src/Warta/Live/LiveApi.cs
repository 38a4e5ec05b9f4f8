using System.Security.Claims;
using Warta.Accounts;
using Warta.Network;
using Warta.Newsroom;

namespace Warta.Live;

/// <summary>An entry as integrators send it.</summary>
public sealed record LiveEntryRequest(string? BodyHtml, int? MediaId = null, string? EmbedUrl = null, bool KeyEvent = false)
{
    public LiveEntryDraft Draft() => new(BodyHtml ?? "", MediaId, EmbedUrl, KeyEvent);
}

/// <summary>
/// `/api/v1/live/{slug}/entries`: post, edit and delete entries with the newsroom's access tokens and
/// the live desk's rules. The report is found on the site named by `?site=` (default: the host's site).
/// </summary>
public static class LiveApi
{
    public static IEndpointRouteBuilder MapLiveApi(this IEndpointRouteBuilder app)
    {
        var entries = app.MapGroup("/api/v1/live/{slug}/entries")
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(PersonalAccessTokens.Scheme).RequireAuthenticatedUser())
            // An entry is at most 20,000 characters of HTML; a request larger than this is cut unread (413).
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(256 * 1024))
            .WithTags("Live");

        entries.MapPost("/", async (string slug, string? site, LiveEntryRequest request, ClaimsPrincipal user, LiveDesk desk, LiveQueries queries, SiteDirectory sites, HttpContext http, CancellationToken ct) =>
        {
            if (await ReportAsync(slug, site, queries, sites, http, ct) is not { } report) return Results.NotFound();
            var result = await desk.PostAsync(user, report.Id, request.Draft(), ct);
            return result.Succeeded
                ? Results.Created($"/api/v1/live/{slug}/entries/{result.ArticleId}", new { id = result.ArticleId, sequence = result.Version })
                : ArticlesApi.Failure(result);
        });
        entries.MapPut("/{id:int}", async (string slug, int id, string? site, LiveEntryRequest request, ClaimsPrincipal user, LiveDesk desk, LiveQueries queries, SiteDirectory sites, HttpContext http, CancellationToken ct) =>
        {
            if (!await BelongsAsync(slug, site, id, queries, sites, http, ct)) return Results.NotFound();
            var result = await desk.EditAsync(user, id, request.Draft(), ct);
            return result.Succeeded ? Results.Ok(new { id, sequence = result.Version }) : ArticlesApi.Failure(result);
        });
        entries.MapDelete("/{id:int}", async (string slug, int id, string? site, ClaimsPrincipal user, LiveDesk desk, LiveQueries queries, SiteDirectory sites, HttpContext http, CancellationToken ct) =>
        {
            if (!await BelongsAsync(slug, site, id, queries, sites, http, ct)) return Results.NotFound();
            var result = await desk.DeleteAsync(user, id, ct);
            return result.Succeeded ? Results.NoContent() : ArticlesApi.Failure(result);
        });
        return app;
    }

    private static Task<LiveReport?> ReportAsync(string slug, string? site, LiveQueries queries, SiteDirectory sites, HttpContext http, CancellationToken ct)
    {
        var siteInfo = site is null ? http.Site() : sites.FindBySlug(site);
        return siteInfo is null ? Task.FromResult<LiveReport?>(null) : queries.FindAsync(siteInfo.Id, slug, ct);
    }

    private static async Task<bool> BelongsAsync(string slug, string? site, int entryId, LiveQueries queries, SiteDirectory sites, HttpContext http, CancellationToken ct) =>
        await ReportAsync(slug, site, queries, sites, http, ct) is { } report && await queries.EntryBelongsAsync(report.Id, entryId, ct);
}
