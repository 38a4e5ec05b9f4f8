using Warta.Network;

namespace Warta.Reading;

/// <summary>The head of a paginated list page: page 1 has the bare URL, page N adds ?page=N.</summary>
public sealed record ListHead(string Title, string Description, string SiteName, string BaseUrl, ListPage Page)
{
    public string PageUrl(int page) => page <= 1 ? BaseUrl : $"{BaseUrl}?page={page}";

    public string Canonical => PageUrl(Page.Page);
}

public static class RequestUrls
{
    public static string Absolute(this HttpRequest request, string path) => $"{request.HttpContext.Origin()}{path}";

    /// <summary>
    /// ?page=N of a list: 1 without the parameter, N when it is written as pages are linked ("2", never
    /// "02", "+2" or "2,3"), null for anything else, which the page answers with 404. One spelling per
    /// page keeps made-up values from filling the page cache.
    /// </summary>
    public static int? PageNumber(this HttpRequest request)
    {
        if (!request.Query.TryGetValue("page", out var values)) return 1;
        return ReaderPagePolicy.IsPageNumber(values.ToString()) ? int.Parse(values.ToString(), System.Globalization.CultureInfo.InvariantCulture) : null;
    }
}
