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

        model.Entity<SiteRole>(role =>
        {
            role.HasIndex(r => new { r.UserId, r.SiteId, r.Role }).IsUnique();
            role.HasOne<Site>().WithMany().HasForeignKey(r => r.SiteId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
