using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Warta.Accounts;
using Warta.Content;
using Warta.Data;
using Warta.Network;
using Warta.Reading;

namespace Warta.Newsroom;

public sealed record RecentArticle(string Headline, string Url, DateTimeOffset PublishedAt);

public sealed record SiteDesk(SiteInfo Site, IReadOnlyList<RecentArticle> Recent);

/// <summary>The newsroom's front page: the sites this person works on and what went out last.</summary>
public sealed class DashboardModel(WartaDbContext db, SiteDirectory sites) : PageModel
{
    public IReadOnlyList<string> Roles { get; private set; } = [];
    public IReadOnlyList<SiteDesk> Sites { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Roles = User.Roles().Select(r => r.SiteId is { } id
            ? $"{StaffRoles.Label(r.Role)} {sites.FindById(id)?.Name}"
            : StaffRoles.Label(r.Role)).ToList();

        var desks = new List<SiteDesk>();
        foreach (var site in sites.All.Where(s => User.Can(s.Id, StaffRole.Writer)))
        {
            var recent = await db.Articles.AsNoTracking()
                .Where(a => a.SiteId == site.Id && a.Status == ArticleStatus.Published)
                .OrderByDescending(a => a.PublishedAt).Take(10)
                .Select(a => new { a.Headline, Section = a.Section!.Slug, a.PublishedAt, a.Slug })
                .ToListAsync(cancellationToken);
            desks.Add(new SiteDesk(site, recent.Select(a => new RecentArticle(
                a.Headline, PublicOriginLink(site, ArticleUrls.Path(a.Section, a.PublishedAt!.Value, a.Slug, site.TimeZone)), a.PublishedAt.Value)).ToList()));
        }
        Sites = desks;
    }

    /// <summary>Links to the reader page on the article's own site, whatever host the newsroom is on.</summary>
    private string PublicOriginLink(SiteInfo site, string path) =>
        site.Hosts.Contains(Request.Host.Host, StringComparer.OrdinalIgnoreCase)
            ? path
            : $"{Request.Scheme}://{site.Hosts.FirstOrDefault(h => h.Contains('.')) ?? site.Hosts[0]}{(Request.Host.Port is { } port ? $":{port}" : "")}{path}";
}
