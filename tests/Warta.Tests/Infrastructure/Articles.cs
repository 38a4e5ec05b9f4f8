using System.Linq.Expressions;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Warta.Publishing;
using Warta.Content;
using Warta.Media;
using Warta.Network;
using Warta.Reading;

namespace Warta.Tests.Infrastructure;

/// <summary>A story a test wrote itself: its id, the version its last step left, and where readers find it.</summary>
public sealed record Story(int Id, int Version, string Path);

public static class Articles
{
    /// <summary>The public path of a stored article, e.g. one of the demo network's ("demo-&lt;key&gt;").</summary>
    public static Task<string> PathAsync(this WartaApp app, string externalId) => app.PathWhereAsync(a => a.ExternalId == externalId);

    public static Task<string> PathAsync(this WartaApp app, int articleId) => app.PathWhereAsync(a => a.Id == articleId);

    private static Task<string> PathWhereAsync(this WartaApp app, Expression<Func<Article, bool>> which) =>
        app.WithDbAsync(async db =>
        {
            var a = await db.Articles.AsNoTracking().Where(which)
                .Select(a => new { a.SiteId, Section = a.Section!.Slug, a.PublishedAt, a.Slug }).SingleAsync();
            var site = app.Services.GetRequiredService<SiteDirectory>().FindById(a.SiteId)!;
            return ArticleUrls.Path(a.Section, a.PublishedAt!.Value, a.Slug, site.TimeZone);
        });

    public static Task<Article> FindAsync(this WartaApp app, string externalId) =>
        app.WithDbAsync(db => db.Articles.AsNoTracking().Include(a => a.Tags).SingleAsync(a => a.ExternalId == externalId));

    public static Task<Article> FindAsync(this WartaApp app, int articleId) =>
        app.WithDbAsync(db => db.Articles.AsNoTracking().Include(a => a.Tags).SingleAsync(a => a.Id == articleId));

    /// <summary>Publishes a new article through the same path as the importers.</summary>
    public static async Task<Article> PublishAsync(this WartaApp app, string siteSlug, string sectionSlug, string headline, DateTimeOffset? at = null, int? writerId = null, string body = "Paragraf pertama.\n\nParagraf kedua.")
    {
        var site = app.Services.GetRequiredService<SiteDirectory>().FindBySlug(siteSlug)!;
        Article? created = null;
        await app.WithScopeAsync(async services =>
        {
            var article = new Article
            {
                SiteId = site.Id,
                SectionId = site.FindSection(sectionSlug)!.Id,
                Slug = Slugs.From(headline),
                Headline = headline,
                Summary = $"Ringkasan {headline}",
                BodyHtml = ArticleHtml.FromParagraphs(body.Split("\n\n")),
                PublishedAt = at,
                WriterId = writerId,
                ExternalId = $"test-{Guid.NewGuid():N}",
            };
            await services.GetRequiredService<ArticleWorkflow>().ImportAsync(site.Id, [article], sectionsAdded: false);
            created = article;
        });
        return created!;
    }

    public static async Task<string> PathOfAsync(this WartaApp app, Article article) => await app.PathAsync(article.ExternalId!);

    /// <summary>A draft in a section of a site, with two paragraphs unless a body is given.</summary>
    public static ArticleDraft Draft(this WartaApp app, string siteSlug, string sectionSlug, string headline, string body = "<p>Paragraf pertama.</p><p>Paragraf kedua.</p>") =>
        new(headline, $"Ringkasan {headline}.", app.Services.GetRequiredService<SiteDirectory>().FindBySlug(siteSlug)!.FindSection(sectionSlug)!.Id, body);

    /// <summary>Writes the draft and publishes it through the workflow, as an editor of the draft's site does in the newsroom.</summary>
    public static async Task<Story> PublishStoryAsync(this WartaApp app, ClaimsPrincipal editor, ArticleDraft draft)
    {
        var site = app.Services.GetRequiredService<SiteDirectory>().All.Single(s => s.Sections.Any(section => section.Id == draft.SectionId));
        var created = await app.StepAsync(workflow => workflow.CreateAsync(editor, site.Id, draft));
        var published = await app.StepAsync(workflow => workflow.PublishAsync(editor, created.ArticleId, created.Version));
        return new Story(published.ArticleId, published.Version, await app.PathAsync(published.ArticleId));
    }

    /// <summary>One workflow step in its own scope, as one request runs it; the step must succeed.</summary>
    public static async Task<WorkflowResult> StepAsync(this WartaApp app, Func<ArticleWorkflow, Task<WorkflowResult>> step)
    {
        WorkflowResult? result = null;
        await app.WithScopeAsync(async services => result = await step(services.GetRequiredService<ArticleWorkflow>()));
        Assert.True(result!.Succeeded, result.Message);
        return result;
    }

    /// <summary>Uploads a photo to a site's library, as a writer does before choosing it as the lead photo; returns its id.</summary>
    public static async Task<int> UploadPhotoAsync(this WartaApp app, ClaimsPrincipal staff, string siteSlug, string caption, string credit)
    {
        var site = app.Services.GetRequiredService<SiteDirectory>().FindBySlug(siteSlug)!;
        MediaResult? uploaded = null;
        await app.WithScopeAsync(async services => uploaded = await services.GetRequiredService<MediaLibrary>()
            .UploadAsync(staff, site.Id, PlaceholderImages.Jpeg(hue: 30, seed: 1), new MediaDetails(caption, credit, caption), CancellationToken.None));
        Assert.True(uploaded!.Item is not null, uploaded.Error);
        return uploaded.Item!.Id;
    }
}
