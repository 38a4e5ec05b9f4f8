using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Warta.Accounts;
using Warta.Content;
using Warta.Data;
using Warta.Network;
using Warta.Publishing;

namespace Warta.Newsroom;

/// <summary>"Berita Pilihan": a site's ordered list of stories chosen by its editors.</summary>
public sealed class EditorsPick
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public int ArticleId { get; set; }
    public int Position { get; set; }
    public int? AddedById { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}

public sealed record PickItem(int ArticleId, string Headline, ArticleStatus Status);

/// <summary>Editors keep the list; the home page (and later the WhatsApp and newsletter digests) read it.</summary>
public sealed class EditorsPicks(WartaDbContext db, ChangeDispatcher dispatcher, AuditLog audit, TimeProvider clock)
{
    public const int MaxPicks = 10;

    public Task<List<PickItem>> ListAsync(int siteId, CancellationToken cancellationToken = default) =>
        (from pick in db.Set<EditorsPick>().AsNoTracking()
         join article in db.Articles on pick.ArticleId equals article.Id
         where pick.SiteId == siteId
         orderby pick.Position
         select new PickItem(article.Id, article.Headline, article.Status)).ToListAsync(cancellationToken);

    public async Task<StepOutcome> AddAsync(ClaimsPrincipal user, int siteId, int articleId, CancellationToken cancellationToken = default)
    {
        if (!user.Can(siteId, StaffRole.Editor)) return StepOutcome.Forbidden;
        var picks = await db.Set<EditorsPick>().Where(p => p.SiteId == siteId).OrderBy(p => p.Position).ToListAsync(cancellationToken);
        if (picks.Any(p => p.ArticleId == articleId)) return StepOutcome.Ok;
        if (picks.Count >= MaxPicks) return StepOutcome.Invalid;
        if (!await db.Articles.AnyAsync(a => a.Id == articleId && a.SiteId == siteId && a.Status == ArticleStatus.Published, cancellationToken))
            return StepOutcome.NotFound;
        db.Set<EditorsPick>().Add(new EditorsPick
        {
            SiteId = siteId, ArticleId = articleId, Position = picks.Count, AddedAt = clock.GetUtcNow(),
            AddedById = int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null,
        });
        return await SaveAsync(user, siteId, articleId, cancellationToken);
    }

    /// <summary>Moves a pick one place up (<paramref name="offset"/> -1) or down (+1).</summary>
    public async Task<StepOutcome> MoveAsync(ClaimsPrincipal user, int siteId, int articleId, int offset, CancellationToken cancellationToken = default)
    {
        if (!user.Can(siteId, StaffRole.Editor)) return StepOutcome.Forbidden;
        var picks = await db.Set<EditorsPick>().Where(p => p.SiteId == siteId).OrderBy(p => p.Position).ToListAsync(cancellationToken);
        var from = picks.FindIndex(p => p.ArticleId == articleId);
        var to = from + Math.Sign(offset);
        if (from < 0) return StepOutcome.NotFound;
        if (to < 0 || to >= picks.Count) return StepOutcome.Ok;
        (picks[from], picks[to]) = (picks[to], picks[from]);
        for (var i = 0; i < picks.Count; i++) picks[i].Position = i;
        return await SaveAsync(user, siteId, articleId, cancellationToken);
    }

    public async Task<StepOutcome> RemoveAsync(ClaimsPrincipal user, int siteId, int articleId, CancellationToken cancellationToken = default)
    {
        if (!user.Can(siteId, StaffRole.Editor)) return StepOutcome.Forbidden;
        var picks = await db.Set<EditorsPick>().Where(p => p.SiteId == siteId).OrderBy(p => p.Position).ToListAsync(cancellationToken);
        picks.RemoveAll(p =>
        {
            if (p.ArticleId != articleId) return false;
            db.Set<EditorsPick>().Remove(p);
            return true;
        });
        for (var i = 0; i < picks.Count; i++) picks[i].Position = i;
        return await SaveAsync(user, siteId, articleId, cancellationToken);
    }

    /// <summary>The list shows on the home page only, so only the home page is evicted.</summary>
    private async Task<StepOutcome> SaveAsync(ClaimsPrincipal user, int siteId, int articleId, CancellationToken cancellationToken)
    {
        audit.Record(AuditActions.PicksChanged, user, siteId, $"artikel:{articleId}");
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
            pick.HasIndex(p => new { p.SiteId, p.ArticleId }).IsUnique();
            pick.HasIndex(p => new { p.SiteId, p.Position });
            pick.HasOne<Site>().WithMany().HasForeignKey(p => p.SiteId).OnDelete(DeleteBehavior.Cascade);
            pick.HasOne<Article>().WithMany().HasForeignKey(p => p.ArticleId).OnDelete(DeleteBehavior.Cascade);
            pick.HasOne<StaffUser>().WithMany().HasForeignKey(p => p.AddedById).OnDelete(DeleteBehavior.SetNull);
        });
    }
}
