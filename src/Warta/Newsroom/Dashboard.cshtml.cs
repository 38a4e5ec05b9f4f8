using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Warta.Accounts;
using Warta.Content;
using Warta.Data;
using Warta.Network;

namespace Warta.Newsroom;

public sealed record DeskItem(int Id, string Headline, ArticleStatus Status, DateTimeOffset? At);

public sealed record SiteDesk(SiteInfo Site, IReadOnlyList<DeskItem> Drafts, IReadOnlyList<DeskItem> Waiting, IReadOnlyList<DeskItem> Scheduled, IReadOnlyList<DeskItem> Published);

/// <summary>
/// The newsroom's front page, per site: my drafts, what waits for an editor, what is scheduled and
/// what went out last. Writers see their own stories; editors see the whole site.
/// </summary>
public sealed class DashboardModel(WartaDbContext db, SiteDirectory sites) : PageModel
{
    public IReadOnlyList<string> Roles { get; private set; } = [];
    public IReadOnlyList<SiteDesk> Sites { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Roles = User.Roles().Select(r => r.SiteId is { } id
            ? $"{StaffRoles.Label(r.Role)} {sites.FindById(id)?.Name}"
            : StaffRoles.Label(r.Role)).ToList();
        var me = int.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : 0;

        var desks = new List<SiteDesk>();
        foreach (var site in sites.All.Where(s => User.Can(s.Id, StaffRole.Writer)))
        {
            var editor = User.Can(site.Id, StaffRole.Editor);
            var mine = db.Articles.AsNoTracking().Where(a => a.SiteId == site.Id && (editor || a.CreatedById == me));
            desks.Add(new SiteDesk(site,
                await ListAsync(mine.Where(a => a.Status == ArticleStatus.Draft && a.CreatedById == me).OrderByDescending(a => a.CreatedAt), cancellationToken),
                await ListAsync(mine.Where(a => a.Status == ArticleStatus.Submitted).OrderBy(a => a.CreatedAt), cancellationToken),
                await ListAsync(mine.Where(a => a.Status == ArticleStatus.Scheduled).OrderBy(a => a.PublishedAt), cancellationToken),
                await ListAsync(db.Articles.AsNoTracking().Where(a => a.SiteId == site.Id && a.Status == ArticleStatus.Published).OrderByDescending(a => a.PublishedAt), cancellationToken)));
        }
        Sites = desks;
    }

    private static Task<List<DeskItem>> ListAsync(IQueryable<Article> query, CancellationToken cancellationToken) =>
        query.Take(10).Select(a => new DeskItem(a.Id, a.Headline, a.Status, a.PublishedAt ?? a.CreatedAt)).ToListAsync(cancellationToken);
}
