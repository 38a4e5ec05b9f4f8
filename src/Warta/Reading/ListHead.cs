namespace Warta.Reading;

/// <summary>The head of a paginated list page: page 1 has the bare URL, page N adds ?page=N.</summary>
public sealed record ListHead(string Title, string Description, string SiteName, string BaseUrl, ListPage Page)
{
    public string PageUrl(int page) => page <= 1 ? BaseUrl : $"{BaseUrl}?page={page}";

    public string Canonical => PageUrl(Page.Page);
}

public static class RequestUrls
{
    public static string Origin(this HttpRequest request) => $"{request.Scheme}://{request.Host}";

    public static string Absolute(this HttpRequest request, string path) => $"{request.Origin()}{path}";

    /// <summary>?page=N as a positive number; anything else is page 1.</summary>
    public static int PageNumber(this HttpRequest request) =>
        int.TryParse(request.Query["page"], out var page) && page > 0 ? page : 1;
}
