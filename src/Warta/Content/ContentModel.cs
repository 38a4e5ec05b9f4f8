using Microsoft.EntityFrameworkCore;
using Warta.Accounts;
using Warta.Network;

namespace Warta.Content;

public static class ContentModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<StaticPage>(page =>
        {
            page.HasIndex(p => new { p.SiteId, p.Slug }).IsUnique();
            page.Property(p => p.Slug).HasMaxLength(60);
            page.Property(p => p.Title).HasMaxLength(StaticPages.MaxTitleLength);
            page.HasOne<Site>().WithMany().HasForeignKey(p => p.SiteId).OnDelete(DeleteBehavior.Cascade);
            page.HasOne<StaffUser>().WithMany().HasForeignKey(p => p.UpdatedById).OnDelete(DeleteBehavior.SetNull);
        });
        model.Entity<Section>(section =>
        {
            section.HasIndex(s => new { s.SiteId, s.Slug }).IsUnique();
            section.Property(s => s.Slug).HasMaxLength(100);
            section.Property(s => s.Name).HasMaxLength(200);
            section.HasOne<Site>().WithMany().HasForeignKey(s => s.SiteId);
        });

        model.Entity<Tag>(tag =>
        {
            tag.HasIndex(t => new { t.SiteId, t.Slug }).IsUnique();
            tag.Property(t => t.Slug).HasMaxLength(100);
            tag.Property(t => t.Name).HasMaxLength(200);
            tag.HasOne<Site>().WithMany().HasForeignKey(t => t.SiteId);
        });

        model.Entity<Person>(person =>
        {
            person.HasIndex(p => p.Slug).IsUnique();
            person.Property(p => p.Slug).HasMaxLength(100);
            person.Property(p => p.Name).HasMaxLength(200);
            person.HasOne<Site>().WithMany().HasForeignKey(p => p.HomeSiteId);
        });

        model.Entity<MediaAsset>(media =>
        {
            media.HasIndex(m => m.StorageKey).IsUnique();
            media.Property(m => m.StorageKey).HasMaxLength(200);
            media.Property(m => m.Extension).HasMaxLength(8);
            media.HasOne<Site>().WithMany().HasForeignKey(m => m.SiteId);
        });

        model.Entity<Article>(article =>
        {
            article.HasIndex(a => new { a.SiteId, a.Slug }).IsUnique();
            article.HasIndex(a => new { a.SiteId, a.ExternalId }).IsUnique();
            article.HasIndex(a => new { a.SiteId, a.Status, a.PublishedAt });
            article.HasIndex(a => new { a.SectionId, a.Status, a.PublishedAt });
            article.HasIndex(a => new { a.WriterId, a.Status, a.PublishedAt });
            article.HasIndex(a => new { a.EditorId, a.Status, a.PublishedAt });
            article.HasIndex(a => a.OriginArticleId);
            article.Property(a => a.Slug).HasMaxLength(200);
            article.Property(a => a.Headline).HasMaxLength(300);
            article.Property(a => a.Dateline).HasMaxLength(200);
            article.Property(a => a.ExternalId).HasMaxLength(200);
            article.Property(a => a.OriginSiteName).HasMaxLength(200);
            article.Property(a => a.OriginUrl).HasMaxLength(2000);
            article.Property(a => a.Version).IsConcurrencyToken();
            article.Property(a => a.ReturnComment).HasMaxLength(2000);
            article.HasIndex(a => new { a.Status, a.PublishedAt });
            article.HasOne<Accounts.StaffUser>().WithMany().HasForeignKey(a => a.CreatedById).OnDelete(DeleteBehavior.SetNull);
            article.HasOne<Site>().WithMany().HasForeignKey(a => a.SiteId);
            article.HasOne(a => a.Section).WithMany().HasForeignKey(a => a.SectionId);
            article.HasOne(a => a.Writer).WithMany().HasForeignKey(a => a.WriterId);
            article.HasOne(a => a.Editor).WithMany().HasForeignKey(a => a.EditorId);
            article.HasOne(a => a.LeadMedia).WithMany().HasForeignKey(a => a.LeadMediaId);
            article.HasOne<Article>().WithMany().HasForeignKey(a => a.OriginArticleId).OnDelete(DeleteBehavior.SetNull);
            article.HasMany(a => a.Tags).WithOne().HasForeignKey(t => t.ArticleId).OnDelete(DeleteBehavior.Cascade);
            article.HasMany(a => a.RelatedLinks).WithOne().HasForeignKey(l => l.ArticleId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<ArticleTag>(articleTag =>
        {
            articleTag.HasKey(t => new { t.ArticleId, t.TagId });
            articleTag.HasIndex(t => t.TagId);
            articleTag.HasOne(t => t.Tag).WithMany().HasForeignKey(t => t.TagId);
        });

        model.Entity<RelatedLink>(link =>
        {
            link.Property(l => l.Headline).HasMaxLength(300);
            link.Property(l => l.Url).HasMaxLength(2000);
            link.HasIndex(l => l.TargetArticleId);
            link.HasOne<Article>().WithMany().HasForeignKey(l => l.TargetArticleId).OnDelete(DeleteBehavior.SetNull);
        });

        model.Entity<ArticleRevision>(revision =>
        {
            revision.HasIndex(r => new { r.ArticleId, r.Number }).IsUnique();
            revision.Property(r => r.Kind).HasMaxLength(16);
            revision.Property(r => r.Headline).HasMaxLength(300);
            revision.Property(r => r.Comment).HasMaxLength(2000);
            revision.HasOne<Article>().WithMany().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
            revision.HasOne<Accounts.StaffUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.SetNull);
        });

        model.Entity<ArticleChange>(change =>
        {
            change.Property(c => c.Kind).HasMaxLength(32);
        });
    }
}
