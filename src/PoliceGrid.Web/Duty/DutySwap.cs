using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Duty;

/// <summary>
/// A request to swap two entries of a rota (换班): asked by the person on the first, decided by the head of the unit.
/// The people of both entries are kept as asked, so an approval never swaps entries someone changed meanwhile.
/// </summary>
public sealed class DutySwap
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int ShiftId { get; set; }
    public int WithShiftId { get; set; }
    public int AccountId { get; set; }
    public int WithAccountId { get; set; }
    public DutySwapStatus Status { get; set; }
    public required string Reason { get; set; }
    public int RequestedById { get; set; }
    public DateTime RequestedAt { get; set; }
    public int? DecidedById { get; set; }
    public string? DecidedByName { get; set; }
    public DateTime? DecidedAt { get; set; }
}

[JsonConverter(typeof(JsonStringEnumConverter<DutySwapStatus>))]
public enum DutySwapStatus
{
    Pending = 1,
    Approved = 2,
    Refused = 3,
}

public sealed class DutySwapConfiguration : IEntityTypeConfiguration<DutySwap>
{
    public void Configure(EntityTypeBuilder<DutySwap> s)
    {
        s.ToTable("duty_swaps");
        s.Property(x => x.Reason).HasMaxLength(500);
        s.Property(x => x.DecidedByName).HasMaxLength(100);
        s.HasIndex(x => new { x.UnitId, x.Status });
        // A removed entry takes its swap requests with it.
        s.HasOne<DutyShift>().WithMany().HasForeignKey(x => x.ShiftId).OnDelete(DeleteBehavior.Cascade);
        s.HasOne<DutyShift>().WithMany().HasForeignKey(x => x.WithShiftId).OnDelete(DeleteBehavior.Cascade);
        s.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        s.HasOne<Account>().WithMany().HasForeignKey(x => x.RequestedById).OnDelete(DeleteBehavior.Restrict);
    }
}
