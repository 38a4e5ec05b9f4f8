using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Warta.Accounts;
using Warta.Content;
using Warta.Data;
using Warta.Network;

namespace Warta.Newsroom;

/// <summary>
/// A story as an integrator sends it. Creating needs site, section and headline; saving changes only
/// the fields sent: one left out (or null) keeps its value, an empty string or list clears it.
/// </summary>
public sealed record ArticleRequest(string? Site = null, string? Section = null, string? Headline = null, string? Summary = null, string? BodyHtml = null,
    string? Dateline = null, string[]? Tags = null, string? Writer = null, string? Editor = null, int? LeadMediaId = null)
{
    public ArticleDraft Draft(int? sectionId) => new(Headline, Summary, sectionId, BodyHtml, Dateline)
    {
        Tags = Tags,
        WriterName = Writer,
        EditorName = Editor,
        LeadMediaId = LeadMediaId,
    };
}

public sealed record StepRequest(int Version, string? Comment, DateTimeOffset? PublishAt);

public sealed record ArticleResponse(int Id, string Site, string Section, string Headline, string Summary, string? Dateline, string BodyHtml,
    string Status, int Version, DateTimeOffset? PublishedAt, string? ReturnComment);

/// <summary>
/// `/api/v1/articles`: the newsroom workflow for integrators, with personal access tokens and the
/// same rules as the pages (<see cref="ArticleWorkflow"/>). The version travels as an ETag.
/// </summary>
public static class ArticlesApi
{
    /// <summary>
    /// Requests larger than this are cut by the server (413) before the JSON is read: room for the
    /// longest body allowed with every character escaped (<c>\u003c</c>), not for megabytes more.
    /// </summary>
    public const long MaxRequestBytes = 4 * 1024 * 1024;

    public static IEndpointRouteBuilder MapArticlesApi(this IEndpointRouteBuilder app)
    {
        var articles = app.MapGroup("/api/v1/articles")
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(PersonalAccessTokens.Scheme).RequireAuthenticatedUser())
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes))
            .WithTags("Articles");

        articles.MapGet("/{id:int}", GetAsync);
        articles.MapPost("/", CreateAsync);
        articles.MapPut("/{id:int}", SaveAsync);
        articles.MapPost("/{id:int}/submit", (int id, StepRequest step, ClaimsPrincipal user, ArticleWorkflow workflow, WartaDbContext db, SiteDirectory sites, HttpContext http, CancellationToken ct) =>
            StepAsync(id, () => workflow.SubmitAsync(user, id, step.Version, ct), user, db, sites, http, ct));
        articles.MapPost("/{id:int}/return", (int id, StepRequest step, ClaimsPrincipal user, ArticleWorkflow workflow, WartaDbContext db, SiteDirectory sites, HttpContext http, CancellationToken ct) =>
            StepAsync(id, () => workflow.ReturnAsync(user, id, step.Version, step.Comment ?? "", ct), user, db, sites, http, ct));
        articles.MapPost("/{id:int}/publish", (int id, StepRequest step, ClaimsPrincipal user, ArticleWorkflow workflow, WartaDbContext db, SiteDirectory sites, HttpContext http, CancellationToken ct) =>
            StepAsync(id, () => workflow.PublishAsync(user, id, step.Version, step.PublishAt, ct), user, db, sites, http, ct));
        articles.MapPost("/{id:int}/unpublish", (int id, StepRequest step, ClaimsPrincipal user, ArticleWorkflow workflow, WartaDbContext db, SiteDirectory sites, HttpContext http, CancellationToken ct) =>
            StepAsync(id, () => workflow.UnpublishAsync(user, id, step.Version, ct), user, db, sites, http, ct));
        return app;
    }

    private static async Task<Results<Ok<ArticleResponse>, NotFound>> GetAsync(
        int id, ClaimsPrincipal user, WartaDbContext db, SiteDirectory sites, HttpContext http, CancellationToken ct)
    {
        if (await LoadAsync(id, user, db, sites, ct) is not { } found) return TypedResults.NotFound();
        http.Response.Headers.ETag = $"\"{found.Response.Version}\"";
        return TypedResults.Ok(found.Response);
    }

    private static async Task<IResult> CreateAsync(ArticleRequest request, ClaimsPrincipal user, ArticleWorkflow workflow, WartaDbContext db, SiteDirectory sites, HttpContext http, CancellationToken ct)
    {
        if (TooLong(request) is { } tooLong) return tooLong;
        if (sites.FindBySlug(request.Site ?? "") is not { } site)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["site"] = [request.Site is null ? "Sebutkan situsnya (site)." : $"Situs '{request.Site}' tidak ada."] });
        if (site.FindSection(request.Section ?? "") is not { } section)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["section"] = [SectionProblem(request.Section)] });
        var result = await workflow.CreateAsync(user, site.Id, request.Draft(section.Id), ct);
        if (!result.Succeeded) return Failure(result);
        var created = (await LoadAsync(result.ArticleId, user, db, sites, ct))!.Value;
        http.Response.Headers.ETag = $"\"{result.Version}\"";
        return TypedResults.Created($"/api/v1/articles/{result.ArticleId}", created.Response);
    }

    /// <summary>Saves the text. The version comes from If-Match, as HTTP intends; a stale one is 409.</summary>
    private static async Task<IResult> SaveAsync(int id, ArticleRequest request, [FromHeader(Name = "If-Match")] string? ifMatch,
        ClaimsPrincipal user, ArticleWorkflow workflow, WartaDbContext db, SiteDirectory sites, HttpContext http, CancellationToken ct)
    {
        if (TooLong(request) is { } tooLong) return tooLong;
        if (!int.TryParse(ifMatch?.Trim('"', 'W', '/'), out var version))
            return TypedResults.Problem("Kirim versi yang Anda sunting di header If-Match, mis. If-Match: \"3\".", statusCode: StatusCodes.Status428PreconditionRequired);
        // A story the token may not open is not there: nothing about it, not even its site, is told.
        if (await LoadAsync(id, user, db, sites, ct) is not { } found) return TypedResults.NotFound();
        int? sectionId = null;
        if (request.Section is not null)
        {
            if (sites.FindById(found.SiteId)!.FindSection(request.Section) is not { } section)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["section"] = [SectionProblem(request.Section)] });
            sectionId = section.Id;
        }
        return await StepAsync(id, () => workflow.SaveAsync(user, id, version, request.Draft(sectionId), ct), user, db, sites, http, ct);
    }

    private static string SectionProblem(string? section) =>
        section is null ? "Sebutkan rubriknya (section)." : $"Rubrik '{section}' tidak ada di situs berita ini.";

    /// <summary>Answered before the body is parsed or any row read: 413, naming the field and the limit.</summary>
    private static IResult? TooLong(ArticleRequest request) =>
        ArticleHtml.LengthRefusal(request.BodyHtml, ArticleHtml.MaxBodyLength) is { } refusal
            ? TypedResults.Problem(refusal, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Isi berita terlalu panjang",
                extensions: new Dictionary<string, object?>
                {
                    ["errors"] = new Dictionary<string, string[]> { ["bodyHtml"] = [refusal] },
                    ["maxLength"] = ArticleHtml.MaxBodyLength,
                })
            : null;

    private static async Task<IResult> StepAsync(int id, Func<Task<WorkflowResult>> step, ClaimsPrincipal user, WartaDbContext db, SiteDirectory sites, HttpContext http, CancellationToken ct)
    {
        var result = await step();
        if (!result.Succeeded) return Failure(result);
        var found = (await LoadAsync(id, user, db, sites, ct))!.Value;
        http.Response.Headers.ETag = $"\"{result.Version}\"";
        return TypedResults.Ok(found.Response);
    }

    /// <summary>A refused step as problem details; shared by every API that runs a workflow.</summary>
    internal static IResult Failure(WorkflowResult result) => result.Outcome switch
    {
        WorkflowOutcome.NotFound => TypedResults.NotFound(),
        WorkflowOutcome.Forbidden => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status403Forbidden),
        WorkflowOutcome.Conflict => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["currentVersion"] = result.Version }),
        _ => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status422UnprocessableEntity),
    };

    /// <summary>The story as the API shows it, or null when there is none the user may open.</summary>
    private static async Task<(int SiteId, ArticleResponse Response)?> LoadAsync(int id, ClaimsPrincipal user, WartaDbContext db, SiteDirectory sites, CancellationToken ct)
    {
        var a = await db.Articles.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new { a.Id, a.SiteId, a.CreatedById, Section = a.Section!.Slug, a.Headline, a.Summary, a.Dateline, a.BodyHtml, a.Status, a.Version, a.PublishedAt, a.ReturnComment })
            .SingleOrDefaultAsync(ct);
        if (a is null || !StoryAccess.MayOpen(user, a.SiteId, a.CreatedById)) return null;
        return (a.SiteId, new ArticleResponse(a.Id, sites.FindById(a.SiteId)?.Slug ?? "", a.Section, a.Headline, a.Summary, a.Dateline, a.BodyHtml,
            a.Status.ToString().ToLowerInvariant(), a.Version, a.PublishedAt, a.ReturnComment));
    }
}
