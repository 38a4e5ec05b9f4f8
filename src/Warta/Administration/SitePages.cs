using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Warta.Accounts;
using Warta.Content;
using Warta.Data;
using Warta.Network;
using Warta.Publishing;

namespace Warta.Administration;

public sealed record StaticPageItem(string Slug, string Title, string BodyHtml, DateTimeOffset? UpdatedAt);

/// <summary>
/// A site's static pages, kept by its admins. Text goes through the stories' sanitizer. A change to the
/// text evicts the page alone; a new page or title changes every footer of the site, so it is a site
/// change (every node reloads, the site's pages are evicted).
/// </summary>
public sealed class SitePages(WartaDbContext db, ArticleHtml html, AuditLog audit, ChangeDispatcher dispatcher, TimeProvider clock)
{
    /// <summary>Every standard page of the site, written or not, in footer order.</summary>
    public async Task<List<StaticPageItem>> ListAsync(int siteId, CancellationToken cancellationToken = default)
    {
        var written = await db.StaticPages.AsNoTracking().Where(p => p.SiteId == siteId).ToListAsync(cancellationToken);
        return StaticPages.Standard.Select(s => written.Find(p => p.Slug == s.Slug) is { } page
            ? new StaticPageItem(page.Slug, page.Title, page.BodyHtml, page.UpdatedAt)
            : new StaticPageItem(s.Slug, s.Title, "", null)).ToList();
    }

    public async Task<AdministrationResult> SaveAsync(ClaimsPrincipal user, int siteId, string slug, string? title, string? bodyHtml, CancellationToken cancellationToken = default)
    {
        if (!user.Can(siteId, StaffRole.SiteAdmin)) return new AdministrationResult(StepOutcome.Forbidden);
        if (StaticPages.Order(slug) < 0) return new AdministrationResult(StepOutcome.NotFound, Message: $"Halaman '{slug}' tidak dikenal.");
        title = title?.Trim() ?? "";
        if (title.Length == 0) return AdministrationResult.Invalid("Judul halaman wajib diisi.");
        if (title.Length > StaticPages.MaxTitleLength) return AdministrationResult.Invalid($"Judul halaman paling panjang {StaticPages.MaxTitleLength} karakter.");
        var body = html.Sanitize(bodyHtml ?? "");
        if (body.Refusal is { } refusal) return AdministrationResult.Invalid(refusal);

        var page = await db.StaticPages.SingleOrDefaultAsync(p => p.SiteId == siteId && p.Slug == slug, cancellationToken);
        var footerChanges = page is null || page.Title != title || (page.BodyHtml == "") != (body.Html == "");
        if (page is null) db.StaticPages.Add(page = new StaticPage { SiteId = siteId, Slug = slug, Title = title });
        page.Title = title;
        page.BodyHtml = body.Html;
        page.UpdatedAt = clock.GetUtcNow();
        page.UpdatedById = user.StaffId();
        audit.Record(AuditActions.PageEdited, user, siteId, $"halaman:{slug}", title);
        // A page new to the footer has no id yet, and needs none: its change names the whole site.
        db.ArticleChanges.Add(footerChanges
            ? ArticleChange.Of(siteId, null, ChangeKinds.Site, [PageCacheTags.Site(siteId)], clock.GetUtcNow())
            : ArticleChange.Of(siteId, null, ChangeKinds.Page, [PageCacheTags.StaticPage(page.Id)], clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        await dispatcher.DispatchAfterCommitAsync(cancellationToken);
        return new AdministrationResult(StepOutcome.Ok, page.Id);
    }
}
