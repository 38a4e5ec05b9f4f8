using Microsoft.EntityFrameworkCore;
using Warta.Network;

namespace Warta.Accounts;

public static class AccountsModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<StaffUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(200);
            user.HasMany(u => u.SiteRoles).WithOne().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
            user.HasOne<Content.Person>().WithMany().HasForeignKey(u => u.PersonId).OnDelete(DeleteBehavior.SetNull);
        });

        model.Entity<PersonalAccessToken>(token =>
        {
            token.HasIndex(t => t.Hash).IsUnique();
            token.HasIndex(t => t.Prefix);
            token.Property(t => t.Name).HasMaxLength(100);
            token.Property(t => t.Prefix).HasMaxLength(32);
            token.Property(t => t.Hash).HasMaxLength(32);
            token.HasOne<StaffUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<AuditEntry>(entry =>
        {
            entry.HasIndex(e => new { e.SiteId, e.At });
            entry.HasIndex(e => e.At);
            entry.Property(e => e.Actor).HasMaxLength(256);
            entry.Property(e => e.Action).HasMaxLength(40);
            entry.Property(e => e.Subject).HasMaxLength(200);
            entry.Property(e => e.Detail).HasMaxLength(500);
            entry.Property(e => e.Address).HasMaxLength(64);
        });

        model.Entity<SiteRole>(role =>
        {
            role.HasIndex(r => new { r.UserId, r.SiteId, r.Role }).IsUnique();
            role.HasOne<Site>().WithMany().HasForeignKey(r => r.SiteId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
