using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Accounts;

public sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> account)
    {
        account.ToTable("accounts");
        account.Property(a => a.DisplayName).HasMaxLength(100);
        account.Property(a => a.Department).HasMaxLength(40);
        account.Property(a => a.LastTwoFactorCode).HasMaxLength(10);
        // A default, so the column can be added to a table that already has rows.
        account.Property(a => a.MustChangePassword).HasDefaultValue(false);
        account.HasIndex(a => a.UnitId);
        account.Property(a => a.PoliceNumber).HasMaxLength(20);
        account.Property(a => a.IdNumberHash).HasMaxLength(64);
        account.Property(a => a.IdNumberMasked).HasMaxLength(18);
        account.HasIndex(a => a.PoliceNumber).IsUnique();
        account.HasIndex(a => a.IdNumberHash).IsUnique();
        account.HasIndex(a => a.PhoneNumber);
        account.HasOne<Unit>().WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
