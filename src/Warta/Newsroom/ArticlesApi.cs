using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Warta.Accounts;
using Warta.Content;
using Warta.Data;
using Warta.Network;
using Warta.Publishing;

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
        articles.MapPost("/{id:int}/submit", (int id, StepRequest step, [AsParameters] Desk desk) =>
            desk.StepAsync(id, () => desk.Workflow.SubmitAsync(desk.User, id, step.Version, cancellationToken: desk.Cancellation)));
        articles.MapPost("/{id:int}/return", (int id, StepRequest step, [AsParameters] Desk desk) =>
            desk.StepAsync(id, () => desk.Workflow.ReturnAsync(desk.User, id, step.Version, step.Comment ?? "", desk.Cancellation)));
        articles.MapPost("/{id:int}/publish", (int id, StepRequest step, [AsParameters] Desk desk) =>
            desk.StepAsync(id, () => desk.Workflow.PublishAsync(desk.User, id, step.Version, step.PublishAt, cancellationToken: desk.Cancellation)));
        articles.MapPost("/{id:int}/unpublish", (int id, StepRequest step, [AsParameters] Desk desk) =>
            desk.StepAsync(id, () => desk.Workflow.UnpublishAsync(desk.User, id, step.Version, desk.Cancellation)));
        return app;
    }

    /// <summary>What every article endpoint works with, bound once: the caller, the workflow and the store.</summary>
    public readonly record struct Desk(ClaimsPrincipal User, ArticleWorkflow Workflow, WartaDbContext Db, SiteDirectory Sites, HttpContext Http, CancellationToken Cancellation)
    {
        /// <summary>Runs a step and answers with the story as it now is, its version as the ETag.</summary>
        public async Task<Results<Ok<ArticleResponse>, NotFound, ProblemHttpResult>> StepAsync(int id, Func<Task<WorkflowResult>> step)
        {
            var result = await step();
            if (Failure(result) is { } failure) return failure;
            return await AnswerAsync(id, result);
        }

        public async Task<Ok<ArticleResponse>> AnswerAsync(int id, WorkflowResult result)
        {
            var found = (await LoadAsync(id, this))!.Value;
            Http.Response.Headers.ETag = $"\"{result.Version}\"";
            return TypedResults.Ok(found.Response);
        }
    }

    private static async Task<Results<Ok<ArticleResponse>, NotFound>> GetAsync(int id, [AsParameters] Desk desk)
    {
        if (await LoadAsync(id, desk) is not { } found) return TypedResults.NotFound();
        desk.Http.Response.Headers.ETag = $"\"{found.Response.Version}\"";
        return TypedResults.Ok(found.Response);
    }

    private static async Task<Results<Created<ArticleResponse>, NotFound, ValidationProblem, ProblemHttpResult>> CreateAsync(ArticleRequest request, [AsParameters] Desk desk)
    {
        if (TooLong(request) is { } tooLong) return tooLong;
        if (desk.Sites.FindBySlug(request.Site ?? "") is not { } site)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["site"] = [request.Site is null ? "Sebutkan situsnya (site)." : $"Situs '{request.Site}' tidak ada."] });
        if (site.FindSection(request.Section ?? "") is not { } section)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["section"] = [SectionProblem(request.Section)] });
        var result = await desk.Workflow.CreateAsync(desk.User, site.Id, request.Draft(section.Id), desk.Cancellation);
        if (Failure(result) is { } failure) return failure;
        var created = (await LoadAsync(result.ArticleId, desk))!.Value;
        desk.Http.Response.Headers.ETag = $"\"{result.Version}\"";
        return TypedResults.Created($"/api/v1/articles/{result.ArticleId}", created.Response);
    }

    /// <summary>Saves the text. The version comes from If-Match, as HTTP intends; a stale one is 409.</summary>
    private static async Task<Results<Ok<ArticleResponse>, NotFound, ValidationProblem, ProblemHttpResult>> SaveAsync(int id, ArticleRequest request,
        [FromHeader(Name = "If-Match")] string? ifMatch, [AsParameters] Desk desk)
    {
        if (TooLong(request) is { } tooLong) return tooLong;
        if (!int.TryParse(ifMatch?.Trim('"', 'W', '/'), out var version))
            return TypedResults.Problem("Kirim versi yang Anda sunting di header If-Match, mis. If-Match: \"3\".", statusCode: StatusCodes.Status428PreconditionRequired);
        // A story the token may not open is not there: nothing about it, not even its site, is told.
        if (await LoadAsync(id, desk) is not { } found) return TypedResults.NotFound();
        int? sectionId = null;
        if (request.Section is not null)
        {
            if (desk.Sites.FindById(found.SiteId)!.FindSection(request.Section) is not { } section)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["section"] = [SectionProblem(request.Section)] });
            sectionId = section.Id;
        }
        var result = await desk.Workflow.SaveAsync(desk.User, id, version, request.Draft(sectionId), desk.Cancellation);
        if (Failure(result) is { } failure) return failure;
        return await desk.AnswerAsync(id, result);
    }

    private static string SectionProblem(string? section) =>
        section is null ? "Sebutkan rubriknya (section)." : $"Rubrik '{section}' tidak ada di situs berita ini.";

    /// <summary>Answered before the body is parsed or any row read: 413, naming the field and the limit.</summary>
    private static ProblemHttpResult? TooLong(ArticleRequest request) =>
        ArticleHtml.LengthRefusal(request.BodyHtml, ArticleHtml.MaxBodyLength) is { } refusal
            ? TypedResults.Problem(refusal, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Isi berita terlalu panjang",
                extensions: new Dictionary<string, object?>
                {
                    ["errors"] = new Dictionary<string, string[]> { ["bodyHtml"] = [refusal] },
                    ["maxLength"] = ArticleHtml.MaxBodyLength,
                })
            : null;

    /// <summary>A refused step as problem details with the reason (a story the caller may not open is 404); null when the step succeeded.</summary>
    private static ProblemHttpResult? Failure(WorkflowResult result) => result.Outcome switch
    {
        StepOutcome.Ok => null,
        StepOutcome.NotFound => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status404NotFound),
        StepOutcome.Forbidden => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status403Forbidden),
        StepOutcome.Conflict => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["currentVersion"] = result.Version }),
        _ => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status422UnprocessableEntity),
    };

    /// <summary>The story as the API shows it, or null when there is none the user may open.</summary>
    private static async Task<(int SiteId, ArticleResponse Response)?> LoadAsync(int id, Desk desk)
    {
        var a = await desk.Db.Articles.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new { a.Id, a.SiteId, a.CreatedById, Section = a.Section!.Slug, a.Headline, a.Summary, a.Dateline, a.BodyHtml, a.Status, a.Version, a.PublishedAt, a.ReturnComment })
            .SingleOrDefaultAsync(desk.Cancellation);
        if (a is null || !StoryAccess.MayOpen(desk.User, a.SiteId, a.CreatedById)) return null;
        return (a.SiteId, new ArticleResponse(a.Id, desk.Sites.FindById(a.SiteId)?.Slug ?? "", a.Section, a.Headline, a.Summary, a.Dateline, a.BodyHtml,
            a.Status.ToString().ToLowerInvariant(), a.Version, a.PublishedAt, a.ReturnComment));
    }
}
