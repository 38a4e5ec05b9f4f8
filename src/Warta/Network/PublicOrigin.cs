namespace Warta.Network;

/// <summary>
/// The address readers use for a site, for URLs printed outside a request (the import verb).
/// `Warta:PublicOrigin` wins for the default site; otherwise the site's host on the listening port.
/// </summary>
public static class PublicOrigin
{
    public static string For(SiteInfo site, SiteDirectory directory, IConfiguration configuration)
    {
        var listen = new Uri((configuration["Urls"] ?? "http://127.0.0.1:5000").Split(';')[0].Replace("*", "localhost").Replace("+", "localhost"));
        if (site == directory.Default)
            return (configuration["Warta:PublicOrigin"] ?? listen.GetLeftPart(UriPartial.Authority)).TrimEnd('/');
        var host = site.Hosts.FirstOrDefault(h => h.Contains('.')) ?? site.Hosts[0];
        return $"{listen.Scheme}://{host}{(listen.IsDefaultPort ? "" : $":{listen.Port}")}";
    }

    /// <summary>
    /// A link to <paramref name="path"/> on the site's own host, for pages of one site opened from
    /// another's (the newsroom serves every site): relative when this request is on that site already.
    /// </summary>
    public static string Link(SiteInfo site, HttpRequest request, SiteDirectory directory, string path)
    {
        if (directory.Resolve(request.Host.Host).Id == site.Id) return path;
        var host = site.Hosts.FirstOrDefault(h => h.Contains('.')) ?? site.Hosts[0];
        return $"{request.Scheme}://{host}{(request.Host.Port is { } port ? $":{port}" : "")}{path}";
    }
}
