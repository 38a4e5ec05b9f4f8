using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Warta.Publishing;
using Warta.Content;
using Warta.Network;
using Warta.Reading;

namespace Warta.Tests.Infrastructure;

public static class Articles
{
    /// <summary>The public path of a stored article, e.g. one of the demo network's ("demo-&lt;key&gt;").</summary>
    public static Task<string> PathAsync(this WartaApp app, string externalId) =>
        app.WithDbAsync(async db =>
        {
            var a = await db.Articles.AsNoTracking().Where(a => a.ExternalId == externalId)
                .Select(a => new { a.SiteId, Section = a.Section!.Slug, a.PublishedAt, a.Slug }).SingleAsync();
            var site = app.Services.GetRequiredService<SiteDirectory>().FindById(a.SiteId)!;
            return ArticleUrls.Path(a.Section, a.PublishedAt!.Value, a.Slug, site.TimeZone);
        });

    public static Task<Article> FindAsync(this WartaApp app, string externalId) =>
        app.WithDbAsync(db => db.Articles.AsNoTracking().Include(a => a.Tags).SingleAsync(a => a.ExternalId == externalId));

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
}
