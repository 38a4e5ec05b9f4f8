using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Warta.Content;
using Warta.Data;
using Warta.Media;
using Warta.Network;
using Warta.Publishing;
using Warta.Reading;

namespace Warta.Import;

public sealed record PageImportResult(int ArticleId, string Path, bool AlreadyImported, IReadOnlyList<string> Warnings);

/// <summary>`import page`: a scraped text page becomes a published article on one site.</summary>
public sealed class PageImporter(WartaDbContext db, ArticleWorkflow workflow, People people, MediaLibrary media, TimeProvider clock)
{
    public async Task<PageImportResult> ImportAsync(SiteInfo site, string file, string? sectionSlug, DateTimeOffset? publishedAt, CancellationToken cancellationToken = default)
    {
        var page = ScrapedPageParser.Parse(await File.ReadAllTextAsync(file, cancellationToken));
        var warnings = new List<string>();
        var externalId = $"page-{Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(page.Headline)))[..12]}";

        if (await db.Articles.AsNoTracking().Where(a => a.SiteId == site.Id && a.ExternalId == externalId)
                .Select(a => new { a.Id }).FirstOrDefaultAsync(cancellationToken) is { } existing)
            return new PageImportResult(existing.Id, await PathOfAsync(existing.Id, site, cancellationToken), true, ["Berita ini sudah pernah diimpor; tidak ada yang diubah."]);

        var section = sectionSlug is null ? site.Sections.FirstOrDefault() : site.FindSection(sectionSlug);
        if (section is null)
            throw new ScrapedPageException(sectionSlug is null ? $"Situs {site.Slug} belum punya rubrik." : $"Rubrik '{sectionSlug}' tidak ada di situs {site.Slug}.");

        var paragraphs = new StringBuilder();
        var links = new List<RelatedLink>();
        foreach (var block in page.Body)
        {
            if (!block.IsBacaJuga)
            {
                paragraphs.Append(ArticleHtml.FromParagraphs([block.Text]));
                continue;
            }
            var target = await FindByHeadlineAsync(site, block.Text, cancellationToken);
            if (target is null) warnings.Add($"Baca juga \"{block.Text}\": belum ada berita dengan judul itu, ditampilkan tanpa tautan.");
            paragraphs.Append(ArticleHtml.BacaJuga(block.Text, target?.Path));
            links.Add(new RelatedLink { Position = links.Count, Headline = block.Text, Url = target?.Path, TargetArticleId = target?.Id });
        }

        MediaAsset? photo = null;
        if (page.PhotoCaption is not null || page.PhotoCredit is not null)
        {
            var caption = page.PhotoCaption ?? "";
            photo = await media.AddPlaceholderAsync(site.Id, caption, page.PhotoCredit ?? "", AltFrom(caption, page.Headline), externalId.GetHashCode(), cancellationToken);
            warnings.Add("Halaman teks tidak membawa berkas foto: dipakai gambar pengganti dengan keterangan dan kredit aslinya.");
        }

        var article = new Article
        {
            SectionId = section.Id,
            Slug = await SlugAllocator.UniqueOnSiteAsync(db, site.Id, page.Headline, cancellationToken),
            Headline = page.Headline,
            Summary = page.Summary,
            Dateline = page.Dateline,
            BodyHtml = paragraphs.ToString(),
            WriterId = page.Writer is null ? null : (await people.FindOrCreateAsync(page.Writer, site.Id, cancellationToken)).Id,
            EditorId = page.Editor is null ? null : (await people.FindOrCreateAsync(page.Editor, site.Id, cancellationToken)).Id,
            PublishedAt = (publishedAt ?? clock.GetUtcNow()).ToUniversalTime(),
            LeadMediaId = photo?.Id,
            ExternalId = externalId,
            OriginSiteName = page.SourceSite,
            RelatedLinks = links,
        };
        await workflow.ImportAsync(site.Id, [article], sectionsAdded: false, cancellationToken);
        return new PageImportResult(article.Id, await PathOfAsync(article.Id, site, cancellationToken), false, warnings);
    }

    private async Task<(int Id, string Path)?> FindByHeadlineAsync(SiteInfo site, string headline, CancellationToken cancellationToken)
    {
        var match = await db.Articles.AsNoTracking()
            .Where(a => a.SiteId == site.Id && a.Status == ArticleStatus.Published && a.Headline.ToLower() == headline.ToLower())
            .OrderByDescending(a => a.PublishedAt)
            .Select(a => new { a.Id, SectionSlug = a.Section!.Slug, a.PublishedAt, a.Slug })
            .FirstOrDefaultAsync(cancellationToken);
        return match is null ? null : (match.Id, ArticleUrls.Path(match.SectionSlug, match.PublishedAt!.Value, match.Slug, site.TimeZone));
    }

    private async Task<string> PathOfAsync(int articleId, SiteInfo site, CancellationToken cancellationToken)
    {
        var a = await db.Articles.AsNoTracking().Where(a => a.Id == articleId)
            .Select(a => new { SectionSlug = a.Section!.Slug, a.PublishedAt, a.Slug }).SingleAsync(cancellationToken);
        return ArticleUrls.Path(a.SectionSlug, a.PublishedAt ?? clock.GetUtcNow(), a.Slug, site.TimeZone);
    }

    private static string AltFrom(string caption, string headline)
    {
        var text = caption.Length > 0 ? caption : headline;
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        text = end > 0 ? text[..end] : text.TrimEnd('.');
        return text.Length <= 150 ? text : text[..150].TrimEnd() + "…";
    }
}
