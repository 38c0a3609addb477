using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Duty;

/// <summary>The hand-over note (交接班记录) of one shift of a unit: what the next shift must know. One per shift, rewritten in place.</summary>
public sealed class DutyHandover
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public DateOnly Date { get; set; }
    public DutyPeriod Period { get; set; }
    public required string Note { get; set; }
    public int WrittenById { get; set; }
    public required string WrittenByName { get; set; }
    public DateTime WrittenAt { get; set; }
}

public sealed class DutyHandoverConfiguration : IEntityTypeConfiguration<DutyHandover>
{
    public void Configure(EntityTypeBuilder<DutyHandover> h)
    {
        h.ToTable("duty_handovers");
        h.Property(x => x.Note).HasMaxLength(2000);
        h.Property(x => x.WrittenByName).HasMaxLength(100);
        h.HasIndex(x => new { x.UnitId, x.Date, x.Period }).IsUnique();
        h.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        h.HasOne<Account>().WithMany().HasForeignKey(x => x.WrittenById).OnDelete(DeleteBehavior.Restrict);
    }
}
