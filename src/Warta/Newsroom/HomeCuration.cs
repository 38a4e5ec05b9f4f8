using Microsoft.EntityFrameworkCore;
using System.Security.Claims;
using Warta.Accounts;
using Warta.Content;
using Warta.Data;
using Warta.Network;
using Warta.Publishing;

namespace Warta.Newsroom;

public sealed record PickItem(int ArticleId, string Headline, ArticleStatus Status, DateTimeOffset? PinnedUntil);

public sealed record HomeBlockItem(int SectionId, string Name, bool Hidden);

/// <summary>
/// What editors choose for a site's home page: the Berita Utama and Berita Pilihan lists and the order
/// of the section blocks. Every change evicts the home page only: no other page shows these choices.
/// </summary>
public sealed class HomeCuration(WartaDbContext db, ChangeDispatcher dispatcher, AuditLog audit, TimeProvider clock)
{
    /// <summary>A pin is for a news day or a long weekend; anything longer is meant for good, without a time.</summary>
    public static readonly TimeSpan LongestPin = TimeSpan.FromDays(30);

    public Task<List<PickItem>> ListAsync(int siteId, HomeList list, CancellationToken cancellationToken = default) =>
        (from pick in db.EditorsPicks.AsNoTracking()
         join article in db.Articles on pick.ArticleId equals article.Id
         where pick.SiteId == siteId && pick.List == list
         orderby pick.Position
         select new PickItem(article.Id, article.Headline, article.Status, pick.PinnedUntil)).ToListAsync(cancellationToken);

    /// <summary>Adds a published story of the site at the end of the list, or first when <paramref name="first"/>.</summary>
    public async Task<StepOutcome> AddAsync(ClaimsPrincipal user, int siteId, HomeList list, int articleId, bool first = false, CancellationToken cancellationToken = default)
    {
        if (!user.Can(siteId, StaffRole.Editor)) return StepOutcome.Forbidden;
        var picks = await EntriesAsync(siteId, list, cancellationToken);
        var existing = picks.Find(p => p.ArticleId == articleId);
        if (existing is null)
        {
            if (picks.Count >= HomeLists.Capacity(list)) return StepOutcome.Invalid;
            if (!await db.Articles.AnyAsync(a => a.Id == articleId && a.SiteId == siteId && a.Status == ArticleStatus.Published, cancellationToken))
                return StepOutcome.NotFound;
            existing = new EditorsPick { SiteId = siteId, List = list, ArticleId = articleId, AddedAt = clock.GetUtcNow(), AddedById = user.StaffId() };
            db.EditorsPicks.Add(existing);
            picks.Add(existing);
        }
        else if (!first) return StepOutcome.Ok;
        if (first)
        {
            picks.Remove(existing);
            picks.Insert(0, existing);
        }
        Renumber(picks);
        return await SaveAsync(user, siteId, list, articleId, cancellationToken);
    }

    /// <summary>Moves an entry one place up (<paramref name="offset"/> -1) or down (+1).</summary>
    public async Task<StepOutcome> MoveAsync(ClaimsPrincipal user, int siteId, HomeList list, int articleId, int offset, CancellationToken cancellationToken = default)
    {
        if (!user.Can(siteId, StaffRole.Editor)) return StepOutcome.Forbidden;
        var picks = await EntriesAsync(siteId, list, cancellationToken);
        var from = picks.FindIndex(p => p.ArticleId == articleId);
        var to = from + Math.Sign(offset);
        if (from < 0) return StepOutcome.NotFound;
        if (to < 0 || to >= picks.Count) return StepOutcome.Ok;
        (picks[from], picks[to]) = (picks[to], picks[from]);
        Renumber(picks);
        return await SaveAsync(user, siteId, list, articleId, cancellationToken);
    }

    public async Task<StepOutcome> RemoveAsync(ClaimsPrincipal user, int siteId, HomeList list, int articleId, CancellationToken cancellationToken = default)
    {
        if (!user.Can(siteId, StaffRole.Editor)) return StepOutcome.Forbidden;
        var picks = await EntriesAsync(siteId, list, cancellationToken);
        if (picks.Find(p => p.ArticleId == articleId) is not { } pick) return StepOutcome.NotFound;
        db.EditorsPicks.Remove(pick);
        picks.Remove(pick);
        Renumber(picks);
        return await SaveAsync(user, siteId, list, articleId, cancellationToken);
    }

    /// <summary>Keeps an entry until <paramref name="until"/>, or for good when it is null. A moment past or beyond <see cref="LongestPin"/> is refused.</summary>
    public async Task<StepOutcome> PinAsync(ClaimsPrincipal user, int siteId, HomeList list, int articleId, DateTimeOffset? until, CancellationToken cancellationToken = default)
    {
        if (!user.Can(siteId, StaffRole.Editor)) return StepOutcome.Forbidden;
        var now = clock.GetUtcNow();
        if (until <= now || until > now + LongestPin) return StepOutcome.Invalid;
        var picks = await EntriesAsync(siteId, list, cancellationToken);
        if (picks.Find(p => p.ArticleId == articleId) is not { } pick) return StepOutcome.NotFound;
        pick.PinnedUntil = until?.ToUniversalTime();
        return await SaveAsync(user, siteId, list, articleId, cancellationToken);
    }

    /// <summary>The site's sections in home-page order, hidden ones included.</summary>
    public Task<List<HomeBlockItem>> BlocksAsync(int siteId, CancellationToken cancellationToken = default) =>
        db.Sections.AsNoTracking().Where(s => s.SiteId == siteId).OrderBy(s => s.HomePosition).ThenBy(s => s.Position).ThenBy(s => s.Id)
            .Select(s => new HomeBlockItem(s.Id, s.Name, s.HiddenOnHome)).ToListAsync(cancellationToken);

    public async Task<StepOutcome> MoveBlockAsync(ClaimsPrincipal user, int siteId, int sectionId, int offset, CancellationToken cancellationToken = default)
    {
        if (!user.Can(siteId, StaffRole.Editor)) return StepOutcome.Forbidden;
        var sections = await SectionsAsync(siteId, cancellationToken);
        var from = sections.FindIndex(s => s.Id == sectionId);
        var to = from + Math.Sign(offset);
        if (from < 0) return StepOutcome.NotFound;
        if (to < 0 || to >= sections.Count) return StepOutcome.Ok;
        (sections[from], sections[to]) = (sections[to], sections[from]);
        for (var i = 0; i < sections.Count; i++) sections[i].HomePosition = i + 1;
        return await SaveBlocksAsync(user, siteId, sections[to], cancellationToken);
    }

    public async Task<StepOutcome> ShowBlockAsync(ClaimsPrincipal user, int siteId, int sectionId, bool shown, CancellationToken cancellationToken = default)
    {
        if (!user.Can(siteId, StaffRole.Editor)) return StepOutcome.Forbidden;
        var sections = await SectionsAsync(siteId, cancellationToken);
        if (sections.Find(s => s.Id == sectionId) is not { } section) return StepOutcome.NotFound;
        section.HiddenOnHome = !shown;
        return await SaveBlocksAsync(user, siteId, section, cancellationToken);
    }

    private Task<List<EditorsPick>> EntriesAsync(int siteId, HomeList list, CancellationToken cancellationToken) =>
        db.EditorsPicks.Where(p => p.SiteId == siteId && p.List == list).OrderBy(p => p.Position).ToListAsync(cancellationToken);

    private Task<List<Section>> SectionsAsync(int siteId, CancellationToken cancellationToken) =>
        db.Sections.Where(s => s.SiteId == siteId).OrderBy(s => s.HomePosition).ThenBy(s => s.Position).ThenBy(s => s.Id).ToListAsync(cancellationToken);

    private static void Renumber(List<EditorsPick> picks)
    {
        for (var i = 0; i < picks.Count; i++) picks[i].Position = i;
    }

    private Task<StepOutcome> SaveAsync(ClaimsPrincipal user, int siteId, HomeList list, int articleId, CancellationToken cancellationToken) =>
        SaveHomeAsync(user, siteId, list == HomeList.TopStories ? AuditActions.TopStoriesChanged : AuditActions.PicksChanged, $"artikel:{articleId}", cancellationToken);

    private Task<StepOutcome> SaveBlocksAsync(ClaimsPrincipal user, int siteId, Section section, CancellationToken cancellationToken) =>
        SaveHomeAsync(user, siteId, AuditActions.HomeBlocksChanged, $"rubrik:{section.Slug}", cancellationToken);

    private async Task<StepOutcome> SaveHomeAsync(ClaimsPrincipal user, int siteId, string action, string subject, CancellationToken cancellationToken)
    {
        audit.Record(action, user, siteId, subject);
        db.ArticleChanges.Add(ArticleChange.Of(siteId, null, ChangeKinds.Picks, [PageCacheTags.Home(siteId)], clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        await dispatcher.DispatchAfterCommitAsync(cancellationToken);
        return StepOutcome.Ok;
    }
}

public static class NewsroomModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<EditorsPick>(pick =>
        {
            pick.HasIndex(p => new { p.SiteId, p.List, p.ArticleId }).IsUnique();
            pick.HasIndex(p => new { p.SiteId, p.List, p.Position });
            pick.HasOne<Site>().WithMany().HasForeignKey(p => p.SiteId).OnDelete(DeleteBehavior.Cascade);
            pick.HasOne<Article>().WithMany().HasForeignKey(p => p.ArticleId).OnDelete(DeleteBehavior.Cascade);
            pick.HasOne<StaffUser>().WithMany().HasForeignKey(p => p.AddedById).OnDelete(DeleteBehavior.SetNull);
        });
    }
}
