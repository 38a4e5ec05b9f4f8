using System.ComponentModel.DataAnnotations;

namespace Warta.Network;

public sealed class PublicOriginOptions
{
    /// <summary>The setting sits directly under `Warta`: `Warta:PublicOrigin`.</summary>
    public const string Section = "Warta";

    /// <summary>The default site's address as readers see it ("https://warta.example"), when a proxy stands in front.</summary>
    [ConfigurationKeyName("PublicOrigin")]
    [Url(ErrorMessage = "Warta:PublicOrigin must be an absolute http or https address.")]
    public string? DefaultSite { get; set; }

    /// <summary>The first of the host's `Urls` (Kestrel's default without it), whose scheme and port the other sites take.</summary>
    public string Listen { get; internal set; } = "http://localhost:5000";
}

/// <summary>
/// The address readers use for a site, for URLs made outside a request (the import verb, a syndicated
/// copy's origin link). `Warta:PublicOrigin` wins for the default site; otherwise the site's host on the listening port.
/// </summary>
public sealed class PublicOrigin(SiteDirectory directory, PublicOriginOptions options)
{
    private readonly Uri _listen = new(options.Listen.Split(';')[0].Replace("*", "localhost").Replace("+", "localhost"));

    public string For(SiteInfo site)
    {
        if (site == directory.Default)
            return (options.DefaultSite ?? _listen.GetLeftPart(UriPartial.Authority)).TrimEnd('/');
        var host = site.Hosts.FirstOrDefault(h => h.Contains('.')) ?? site.Hosts[0];
        return $"{_listen.Scheme}://{host}{(_listen.IsDefaultPort ? "" : $":{_listen.Port}")}";
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
