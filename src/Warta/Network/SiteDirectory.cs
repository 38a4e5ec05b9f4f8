using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using Warta.Data;

namespace Warta.Network;

public sealed record SectionInfo(int Id, string Slug, string Name);

/// <summary>A static page the footer links (one that has text).</summary>
public sealed record PageLink(string Slug, string Title);

/// <summary>What every page of a site needs to know about it, read once and held in memory.</summary>
public sealed record SiteInfo(
    int Id,
    string Slug,
    string Name,
    string Tagline,
    string Dateline,
    IndonesianTimeZone TimeZone,
    string PromoLine,
    string BrandColor,
    string? WhatsAppChannelUrl,
    string CopyrightHolder,
    string Company,
    IReadOnlyList<SocialLink> SocialLinks,
    IReadOnlyList<string> Hosts,
    IReadOnlyList<SectionInfo> Sections,
    IReadOnlyList<PageLink> Pages)
{
    /// <summary>
    /// Changes whenever anything above does, or the name or hosts of a sister site (every footer links
    /// them), and is the same on every node that read the same rows: cached pages are keyed by it, so a
    /// node that has reloaded never serves or stores a page rendered from the old settings, whatever
    /// order eviction and reload happen in on any node.
    /// </summary>
    public string Revision { get; private init; } = "";

    public SiteInfo WithRevision(IEnumerable<SiteInfo> network) => this with
    {
        Revision = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new { Site = this, Network = network.Select(s => new { s.Name, s.Hosts }) })))[..16],
    };

    public SectionInfo? FindSection(string slug) => Sections.FirstOrDefault(s => s.Slug == slug);
}

/// <summary>
/// All sites of the network by host name. Sites and sections change rarely; a change record of kind
/// <c>site</c> makes every node reload (see <see cref="Content.ChangeFeed"/>).
/// </summary>
public sealed class SiteDirectory(IServiceScopeFactory scopes)
{
    private volatile Snapshot _snapshot = Snapshot.Empty;

    public IReadOnlyList<SiteInfo> All => _snapshot.Sites;

    public SiteInfo? Default => _snapshot.Default;

    public SiteInfo Resolve(string host) =>
        _snapshot.ByHost.TryGetValue(host, out var site) ? site
        : _snapshot.Default ?? throw new InvalidOperationException("The network has no sites yet.");

    public SiteInfo? FindBySlug(string slug) => _snapshot.Sites.FirstOrDefault(s => s.Slug == slug);

    public SiteInfo? FindById(int id) => _snapshot.Sites.FirstOrDefault(s => s.Id == id);

    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WartaDbContext>();
        var company = await db.Networks.AsNoTracking().OrderBy(n => n.Id).Select(n => n.Company).FirstOrDefaultAsync(cancellationToken) ?? "";
        var sites = await db.Sites.AsNoTracking().Include(s => s.Hosts).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var sections = await db.Sections.AsNoTracking().OrderBy(s => s.Position).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        var pages = await db.StaticPages.AsNoTracking().Where(p => p.BodyHtml != "").Select(p => new { p.SiteId, p.Slug, p.Title }).ToListAsync(cancellationToken);

        var infos = sites.Select(s => new SiteInfo(
            s.Id, s.Slug, s.Name, s.Tagline, s.Dateline, s.TimeZone, s.PromoLine, s.BrandColor, s.WhatsAppChannelUrl,
            s.CopyrightHolder, company, s.SocialLinks.ToArray(), s.Hosts.OrderBy(h => h.Id).Select(h => h.Name).ToArray(),
            sections.Where(c => c.SiteId == s.Id).Select(c => new SectionInfo(c.Id, c.Slug, c.Name)).ToArray(),
            pages.Where(p => p.SiteId == s.Id).OrderBy(p => Content.StaticPages.Order(p.Slug)).Select(p => new PageLink(p.Slug, p.Title)).ToArray())).ToArray();
        infos = infos.Select(i => i.WithRevision(infos)).ToArray();

        var byHost = infos.SelectMany(site => site.Hosts.Select(host => KeyValuePair.Create(host, site)))
            .ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        var fallback = infos.FirstOrDefault(i => sites.Single(s => s.Id == i.Id).IsDefault) ?? infos.FirstOrDefault();
        _snapshot = new Snapshot(infos, byHost, fallback);
    }

    private sealed record Snapshot(SiteInfo[] Sites, FrozenDictionary<string, SiteInfo> ByHost, SiteInfo? Default)
    {
        public static readonly Snapshot Empty = new([], FrozenDictionary<string, SiteInfo>.Empty, null);
    }
}

public static class SiteResolution
{
    /// <summary>Puts the request's site on the context; every reader page reads it from there.</summary>
    public static IApplicationBuilder UseSiteResolution(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var directory = context.RequestServices.GetRequiredService<SiteDirectory>();
            context.Features.Set(directory.Resolve(context.Request.Host.Host));
            return next(context);
        });

    public static SiteInfo Site(this HttpContext context) =>
        context.Features.Get<SiteInfo>() ?? throw new InvalidOperationException("Site resolution did not run for this request.");

    /// <summary>
    /// Scheme, host and port that absolute URLs of this request's pages start with. Only a host the
    /// site owns is echoed back, and only the port this server listens on: a page rendered for a made-up
    /// Host header links to the site's own first host, so it can be cached once and never carries an
    /// attacker's name in its canonical or Open Graph URLs.
    /// </summary>
    public static string Origin(this HttpContext context)
    {
        var site = context.Site();
        var request = context.Request;
        var host = site.Hosts.FirstOrDefault(h => string.Equals(h, request.Host.Host, StringComparison.OrdinalIgnoreCase))
            ?? site.Hosts.FirstOrDefault() ?? "localhost";
        return context.OriginWith(host);
    }

    /// <summary>Where a sister site's pages are, with this request's scheme and port kept as <see cref="Origin"/> keeps them, so a cached page links nothing a request made up.</summary>
    public static string OriginOf(this HttpContext context, SiteInfo sister) =>
        context.OriginWith(sister.Hosts.FirstOrDefault(h => h.Contains('.')) ?? sister.Hosts.FirstOrDefault() ?? "localhost");

    private static string OriginWith(this HttpContext context, string host)
    {
        var request = context.Request;
        var defaultPort = request.IsHttps ? 443 : 80;
        var port = request.Host.Port is { } p && p == context.Connection.LocalPort && p != defaultPort ? $":{p}" : "";
        return $"{request.Scheme}://{host}{port}";
    }
}
