using Microsoft.EntityFrameworkCore;
using Warta.Content;
using Warta.Network;

namespace Warta.Live;

public static class LiveModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<LiveReport>(report =>
        {
            report.HasIndex(r => new { r.SiteId, r.Slug }).IsUnique();
            report.HasIndex(r => new { r.SiteId, r.Status });
            report.Property(r => r.Slug).HasMaxLength(200);
            report.Property(r => r.Headline).HasMaxLength(300);
            report.Property(r => r.Summary).HasMaxLength(1000);
            report.HasOne<Site>().WithMany().HasForeignKey(r => r.SiteId);
            report.HasOne<MediaAsset>().WithMany().HasForeignKey(r => r.LeadMediaId).OnDelete(DeleteBehavior.SetNull);
        });

        model.Entity<LiveEntry>(entry =>
        {
            entry.HasIndex(e => new { e.ReportId, e.PostedAt });
            entry.Property(e => e.EmbedUrl).HasMaxLength(2000);
            entry.HasOne<LiveReport>().WithMany().HasForeignKey(e => e.ReportId).OnDelete(DeleteBehavior.Cascade);
            entry.HasOne<Person>().WithMany().HasForeignKey(e => e.AuthorId).OnDelete(DeleteBehavior.SetNull);
            entry.HasOne<MediaAsset>().WithMany().HasForeignKey(e => e.MediaId).OnDelete(DeleteBehavior.SetNull);
        });

        model.Entity<LiveEvent>(liveEvent =>
        {
            liveEvent.HasIndex(e => new { e.ReportId, e.Sequence }).IsUnique();
            liveEvent.Property(e => e.Kind).HasMaxLength(20);
            liveEvent.HasOne<LiveReport>().WithMany().HasForeignKey(e => e.ReportId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
