namespace Warta.Content;

/// <summary>
/// Names of the tags reader pages carry in the output cache. A page is tagged with every article it
/// shows and with the lists it is part of, so a change evicts exactly the pages that show it.
/// </summary>
public static class PageCacheTags
{
    public static string Site(int siteId) => $"site:{siteId}";
    public static string Home(int siteId) => $"home:{siteId}";
    public static string Section(int sectionId) => $"section:{sectionId}";
    public static string Tag(int tagId) => $"tag:{tagId}";
    public static string Author(int siteId, int personId) => $"author:{siteId}:{personId}";
    public static string Article(int articleId) => $"article:{articleId}";
    public static string StaticPage(int pageId) => $"page:{pageId}";

    /// <summary>Every list an article appears in, and its own page.</summary>
    public static IEnumerable<string> ForArticle(int siteId, int articleId, int sectionId, IEnumerable<int> tagIds, int? writerId, int? editorId)
    {
        yield return Article(articleId);
        yield return Home(siteId);
        yield return Section(sectionId);
        foreach (var tagId in tagIds) yield return Tag(tagId);
        if (writerId is { } writer) yield return Author(siteId, writer);
        if (editorId is { } editor) yield return Author(siteId, editor);
    }

    /// <summary>The pages showing <paramref name="article"/> as it is now (its tags and bylines loaded).</summary>
    public static IReadOnlyList<string> CacheTags(this Article article) =>
        ForArticle(article.SiteId, article.Id, article.SectionId, article.Tags.Select(t => t.TagId), article.WriterId, article.EditorId).ToList();
}
