using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PoliceGrid.Web.Events;

/// <summary>A public holiday (day off) or an adjusted working day (调休上班), for every township or one.</summary>
public sealed class Holiday
{
    public int Id { get; set; }
    public int? TownshipId { get; set; }
    public DateOnly Date { get; set; }
    public bool IsWorkday { get; set; }
    public required string Name { get; set; }
}

public sealed class HolidayConfiguration : IEntityTypeConfiguration<Holiday>
{
    public void Configure(EntityTypeBuilder<Holiday> h)
    {
        h.ToTable("holidays");
        h.Property(x => x.Name).HasMaxLength(60);
        h.HasIndex(x => new { x.Date, x.TownshipId }).IsUnique();
    }
}
