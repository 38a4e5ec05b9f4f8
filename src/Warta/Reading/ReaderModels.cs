using Warta.Content;
using Warta.Media;
using Warta.Network;

namespace Warta.Reading;

public sealed record Photo(string StorageKey, string Extension, int Width, int Height, string Caption, string Credit, string AltText)
{
    public string Src(int width) => Renditions.Url(StorageKey, Renditions.Pick(width, Width), Extension);

    public string SrcSet(string extension) => Renditions.SrcSet(StorageKey, Width, extension);

    public string OriginalSrcSet => SrcSet(Extension);

    public string WebpSrcSet => SrcSet("webp");

    public string Original => Renditions.OriginalUrl(StorageKey, Extension);
}

public sealed record ArticleCard(
    int Id,
    string Headline,
    string Summary,
    string Slug,
    string SectionSlug,
    string SectionName,
    DateTimeOffset PublishedAt,
    Photo? Photo)
{
    public string Url(IndonesianTimeZone zone) => ArticleUrls.Path(SectionSlug, PublishedAt, Slug, zone);
}

public sealed record PersonRef(string Slug, string Name);

public sealed record TagRef(int Id, string Slug, string Name);

public sealed record ArticleView(
    int Id,
    string Headline,
    string Summary,
    string Slug,
    int SectionId,
    string SectionSlug,
    string SectionName,
    string? Dateline,
    string BodyHtml,
    PersonRef? Writer,
    PersonRef? Editor,
    int? WriterId,
    int? EditorId,
    DateTimeOffset PublishedAt,
    DateTimeOffset? UpdatedAt,
    Photo? Photo,
    string? OriginSiteName,
    string? OriginUrl,
    IReadOnlyList<TagRef> Tags,
    bool IsNetworkCopy = false)
{
    public string Path(IndonesianTimeZone zone) => ArticleUrls.Path(SectionSlug, PublishedAt, Slug, zone);
}

/// <summary>
/// "Berita Rekomendasi" for an article page. Recommend/ implements it; the article page only asks,
/// so reading never depends on how recommendations are made.
/// </summary>
public interface IRecommendations
{
    Task<List<ArticleCard>> ForArticleAsync(ArticleView article, int siteId, int count, CancellationToken cancellationToken);
}

/// <summary>A running live report as the promo line of every reader page names it.</summary>
public sealed record LivePromo(string Slug, string Headline);

/// <summary>
/// The live report a site is running, for the promo line. Live/ implements it, so reader pages need not
/// know how live reports are kept (Live is built on Reading, not the other way round).
/// </summary>
public interface ILivePromo
{
    Task<LivePromo?> RunningAsync(int siteId, CancellationToken cancellationToken);
}

/// <summary>
/// Share links as plain addresses of each service's own share page: no script or button of theirs is
/// loaded, so sharing costs readers nothing and tells no one they read the page.
/// </summary>
public sealed record ShareLinks(string Url, string Title)
{
    private string U => Uri.EscapeDataString(Url);
    private string T => Uri.EscapeDataString(Title);

    public string WhatsApp => $"https://wa.me/?text={Uri.EscapeDataString($"{Title} {Url}")}";
    public string Facebook => $"https://www.facebook.com/sharer/sharer.php?u={U}";
    public string X => $"https://x.com/intent/post?text={T}&url={U}";
    public string Telegram => $"https://t.me/share/url?url={U}&text={T}";
}
