using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Warta.Content;
using Warta.Network;

namespace Warta.Reading;

[OutputCache(PolicyName = ReaderPagePolicy.Paged)]
public sealed class ArticlePageModel(ReaderQueries queries, IRecommendations recommendations, PreviewLinks previews, SyndicationOptions syndication, TimeProvider clock) : PageModel
{
    private const int RailCount = 6;

    public ArticleView Article { get; private set; } = null!;
    public IReadOnlyList<ArticleCard> Recommended { get; private set; } = [];

    /// <summary>The rail's latest stories. A newer story does not evict this page: the rail may lag by the page cache's expiry.</summary>
    public IReadOnlyList<ArticleCard> Latest { get; private set; } = [];

    /// <summary>The story's own address on this site, whatever page is open: what readers pass on.</summary>
    public string ShareUrl { get; private set; } = "";

    /// <summary>1-based page being shown, or 0 for the "show all" view.</summary>
    public int PageNumber { get; private set; }

    public int PageCount { get; private set; }
    public string BodyHtml { get; private set; } = "";
    public string Canonical { get; private set; } = "";
    public string? PrevUrl { get; private set; }
    public string? NextUrl { get; private set; }
    public string BasePath { get; private set; } = "";
    public string JsonLd { get; private set; } = "";

    /// <summary>Shown from a newsroom preview link: any state, never cached, never indexed.</summary>
    public bool IsPreview { get; private set; }

    /// <summary>A syndicated copy under the network's noindex policy: self canonical, kept out of search indexes.</summary>
    public bool IsNoIndexCopy { get; private set; }

    /// <param name="token">Only from the preview route's path: a <c>?token=</c> on a public URL is ignored, so a preview can never be rendered (and cached) under a reader's address.</param>
    public async Task<IActionResult> OnGetAsync(string? slug, [FromRoute] string? token, CancellationToken cancellationToken)
    {
        var site = HttpContext.Site();
        var article = token is null
            ? await queries.ArticleAsync(site.Id, slug ?? "", cancellationToken)
            : await PreviewAsync(site, token, cancellationToken);
        if (article is null) return NotFound();
        Article = article;
        BasePath = IsPreview ? Request.Path.Value! : article.Path(site.TimeZone);

        var requested = Request.Query["page"].ToString();
        var pages = ArticleHtml.SplitPages(article.BodyHtml);
        PageCount = Math.Max(1, pages.Length);
        if (requested == ReaderPagePolicy.AllPages) PageNumber = 0;
        else if (Request.PageNumber() is { } number && number <= PageCount) PageNumber = number;
        else return NotFound();

        if (!IsPreview && Request.Path.Value != BasePath)
            return RedirectPermanent(PageNumber == 1 ? BasePath : $"{BasePath}?page={requested}");

        BodyHtml = PageNumber == 0 ? string.Join("\n", pages) : pages.ElementAtOrDefault(PageNumber - 1) ?? "";
        if (PageNumber <= 1) BodyHtml = WithDateline(BodyHtml, article.Dateline);

        var self = Request.Absolute(BasePath);
        ShareUrl = self;
        IsNoIndexCopy = article.IsNetworkCopy && syndication.CopyPolicy == CopyPolicy.NoIndex;
        Canonical = (IsNoIndexCopy ? null : article.OriginUrl) ?? (PageNumber switch { 0 => $"{self}?page={ReaderPagePolicy.AllPages}", 1 => self, _ => $"{self}?page={PageNumber}" });
        if (PageNumber > 1) PrevUrl = PageNumber == 2 ? self : $"{self}?page={PageNumber - 1}";
        if (PageNumber >= 1 && PageNumber < PageCount) NextUrl = $"{self}?page={PageNumber + 1}";

        Recommended = await recommendations.ForArticleAsync(article, site.Id, 4, cancellationToken);
        Latest = (await queries.LatestAsync(site.Id, RailCount + 1, cancellationToken)).Where(c => c.Id != article.Id).Take(RailCount).ToList();
        JsonLd = StructuredData(site, article, self);

        HttpContext.TagPage(PageCacheTags.Article(article.Id));
        HttpContext.TagPage(Recommended.Concat(Latest).Select(c => PageCacheTags.Article(c.Id)));
        return Page();
    }

    private async Task<ArticleView?> PreviewAsync(SiteInfo site, string token, CancellationToken cancellationToken)
    {
        // A story is previewed on its own site, with that site's name, zone and sections around it.
        if (previews.Read(token) is not { } id || await queries.PreviewAsync(site.Id, id, clock.GetUtcNow(), cancellationToken) is not { } article) return null;
        IsPreview = true;
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        return article;
    }

    public string PageUrl(int page) => page switch { 0 => $"{BasePath}?page={ReaderPagePolicy.AllPages}", 1 => BasePath, _ => $"{BasePath}?page={page}" };

    /// <summary>Puts "KOTA, SITUS.COM - " in front of the first paragraph, as newsrooms print it.</summary>
    private static string WithDateline(string html, string? dateline)
    {
        if (string.IsNullOrWhiteSpace(dateline) || !html.StartsWith("<p>", StringComparison.Ordinal)) return html;
        return $"<p><strong class=\"dateline\">{System.Net.WebUtility.HtmlEncode(dateline)}</strong> - {html[3..]}";
    }

    private string StructuredData(SiteInfo site, ArticleView article, string url)
    {
        var data = new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "NewsArticle",
            ["mainEntityOfPage"] = url,
            ["headline"] = article.Headline,
            ["description"] = article.Summary,
            ["datePublished"] = site.TimeZone.ToLocal(article.PublishedAt).ToString("yyyy-MM-ddTHH:mm:sszzz"),
            ["dateModified"] = site.TimeZone.ToLocal(article.UpdatedAt ?? article.PublishedAt).ToString("yyyy-MM-ddTHH:mm:sszzz"),
            ["articleSection"] = article.SectionName,
            ["inLanguage"] = "id-ID",
            ["publisher"] = new Dictionary<string, object?>
            {
                ["@type"] = "NewsMediaOrganization",
                ["name"] = site.Name,
                ["url"] = Request.Absolute("/"),
            },
        };
        if (article.Photo is { } photo)
            data["image"] = new[] { Request.Absolute(photo.Src(1280)) };
        var authors = new[] { article.Writer }.Where(p => p is not null)
            .Select(p => new Dictionary<string, object?> { ["@type"] = "Person", ["name"] = p!.Name, ["url"] = Request.Absolute($"/penulis/{p.Slug}") })
            .ToArray();
        if (authors.Length > 0) data["author"] = authors;
        if (article.Editor is { } editor) data["editor"] = new Dictionary<string, object?> { ["@type"] = "Person", ["name"] = editor.Name };
        if (article.Tags.Count > 0) data["keywords"] = string.Join(", ", article.Tags.Select(t => t.Name));
        if (article.OriginUrl is not null) data["isBasedOn"] = article.OriginUrl;
        return JsonSerializer.Serialize(data);
    }
}
