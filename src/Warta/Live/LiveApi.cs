using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Warta.Accounts;
using Warta.Network;

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

        entries.MapPost("/", PostAsync);
        entries.MapPut("/{id:int}", EditAsync);
        entries.MapDelete("/{id:int}", DeleteAsync);
        return app;
    }

    /// <summary>The report an entry request is about: its slug, on the site named by `?site=` or else the host's.</summary>
    public sealed record ReportAddress(string Slug, string? Site);

    private static async Task<Results<Created<LiveEntryResponse>, NotFound, ProblemHttpResult>> PostAsync(
        [AsParameters] ReportAddress address, LiveEntryRequest request, ClaimsPrincipal user, LiveDesk desk, LiveQueries queries, SiteDirectory sites, HttpContext http, CancellationToken ct)
    {
        if (await ReportAsync(address, queries, sites, http, ct) is not { } report) return TypedResults.NotFound();
        var result = await desk.PostAsync(user, report.Id, request.Draft(), ct);
        if (!result.Succeeded) return result.ToProblem();
        return TypedResults.Created($"/api/v1/live/{address.Slug}/entries/{result.EntryId}", new LiveEntryResponse(result.EntryId!.Value, result.Sequence));
    }

    private static async Task<Results<Ok<LiveEntryResponse>, NotFound, ProblemHttpResult>> EditAsync(
        [AsParameters] ReportAddress address, int id, LiveEntryRequest request, ClaimsPrincipal user, LiveDesk desk, LiveQueries queries, SiteDirectory sites, HttpContext http, CancellationToken ct)
    {
        if (!await BelongsAsync(address, id, queries, sites, http, ct)) return TypedResults.NotFound();
        var result = await desk.EditAsync(user, id, request.Draft(), ct);
        if (!result.Succeeded) return result.ToProblem();
        return TypedResults.Ok(new LiveEntryResponse(id, result.Sequence));
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(
        [AsParameters] ReportAddress address, int id, ClaimsPrincipal user, LiveDesk desk, LiveQueries queries, SiteDirectory sites, HttpContext http, CancellationToken ct)
    {
        if (!await BelongsAsync(address, id, queries, sites, http, ct)) return TypedResults.NotFound();
        var result = await desk.DeleteAsync(user, id, ct);
        if (!result.Succeeded) return result.ToProblem();
        return TypedResults.NoContent();
    }

    private static Task<LiveReport?> ReportAsync(ReportAddress address, LiveQueries queries, SiteDirectory sites, HttpContext http, CancellationToken ct)
    {
        var siteInfo = address.Site is null ? http.Site() : sites.FindBySlug(address.Site);
        return siteInfo is null ? Task.FromResult<LiveReport?>(null) : queries.FindAsync(siteInfo.Id, address.Slug, ct);
    }

    private static async Task<bool> BelongsAsync(ReportAddress address, int entryId, LiveQueries queries, SiteDirectory sites, HttpContext http, CancellationToken ct) =>
        await ReportAsync(address, queries, sites, http, ct) is { } report && await queries.EntryBelongsAsync(report.Id, entryId, ct);
}

/// <summary>The entry's id and the event number its change was given.</summary>
public sealed record LiveEntryResponse(int Id, long Sequence);
