using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PoliceGrid.Web.Events;

/// <summary>Office hours (工作时间) of a township, or the default (null township). Minutes after local midnight, China time.</summary>
public sealed class OfficeHours
{
    public int Id { get; set; }
    public int? TownshipId { get; set; }
    /// <summary>Bit 0 = Sunday … bit 6 = Saturday; Monday to Friday is 62.</summary>
    public int Weekdays { get; set; } = 62;
    public int MorningStart { get; set; } = 510;
    public int MorningEnd { get; set; } = 720;
    public int AfternoonStart { get; set; } = 870;
    public int AfternoonEnd { get; set; } = 1080;
}

public sealed class OfficeHoursConfiguration : IEntityTypeConfiguration<OfficeHours>
{
    public void Configure(EntityTypeBuilder<OfficeHours> o)
    {
        o.ToTable("office_hours");
        o.HasIndex(x => x.TownshipId).IsUnique();
    }
}
