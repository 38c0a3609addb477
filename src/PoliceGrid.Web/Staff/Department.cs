using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PoliceGrid.Web.Staff;

/// <summary>
/// A government department whose officers handle events of its kind (民政, 司法, 卫健, 城管, …). The system administrator
/// keeps the list; its Chinese name is what categories, events and officers carry, so a name never changes: a department
/// that is merged away is retired, and its officers and events keep the name they had.
/// </summary>
public sealed class Department
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string NameEn { get; set; }
    public DateTime? RetiredAt { get; set; }
}

public sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> d)
    {
        d.ToTable("departments");
        d.Property(x => x.Name).HasMaxLength(40);
        d.Property(x => x.NameEn).HasMaxLength(80);
        d.HasIndex(x => x.Name).IsUnique();
    }
}
