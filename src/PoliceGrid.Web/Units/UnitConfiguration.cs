using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PoliceGrid.Web.Units;

public sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> unit)
    {
        unit.ToTable("units");
        unit.HasIndex(u => u.Code).IsUnique();
        unit.HasIndex(u => u.ParentId);
        unit.HasIndex(u => u.Path);
        unit.HasIndex(u => u.AreaPath);
        unit.HasIndex(u => u.PoliceDistrictId);
        unit.Property(u => u.Code).HasMaxLength(40);
        unit.Property(u => u.Name).HasMaxLength(100);
        unit.Property(u => u.Path).HasMaxLength(400);
        unit.Property(u => u.AreaPath).HasMaxLength(400);
        unit.Property(u => u.Version).IsConcurrencyToken();
        unit.HasOne<Unit>().WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
        unit.HasOne<Unit>().WithMany().HasForeignKey(u => u.PoliceDistrictId).OnDelete(DeleteBehavior.Restrict);
    }
}
