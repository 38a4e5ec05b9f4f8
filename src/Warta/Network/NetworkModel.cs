using Microsoft.EntityFrameworkCore;

namespace Warta.Network;

public static class NetworkModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<NetworkProfile>(network =>
        {
            network.Property(n => n.Name).HasMaxLength(200);
            network.Property(n => n.Company).HasMaxLength(200);
        });

        model.Entity<Site>(site =>
        {
            site.HasIndex(s => s.Slug).IsUnique();
            site.Property(s => s.Slug).HasMaxLength(64);
            site.Property(s => s.Name).HasMaxLength(200);
            site.Property(s => s.Dateline).HasMaxLength(100);
            site.Property(s => s.BrandColor).HasMaxLength(16);
            site.HasMany(s => s.Hosts).WithOne().HasForeignKey(h => h.SiteId).OnDelete(DeleteBehavior.Cascade);
            site.OwnsMany(s => s.SocialLinks, links => links.ToJson());
        });

        model.Entity<SiteHost>(host =>
        {
            host.HasIndex(h => h.Name).IsUnique();
            host.Property(h => h.Name).HasMaxLength(253);
        });
    }
}
