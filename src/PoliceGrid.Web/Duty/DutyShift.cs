using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Duty;

/// <summary>
/// One person in one seat of one shift of a unit's duty rota (值班表): a police station (派出所) or the command room (the
/// county's police branch, where the dispatchers sit). Staff without a sign-in are on rotas too.
/// </summary>
public sealed class DutyShift
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    /// <summary>The China date the shift starts on; a night shift ends the next morning.</summary>
    public DateOnly Date { get; set; }
    public DutyPeriod Period { get; set; }
    public DutySeat Seat { get; set; }
    public int AccountId { get; set; }
    public int CreatedById { get; set; }
    public required string CreatedByName { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>The two shifts of a day; where each begins is a setting (<see cref="DutyOptions"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DutyPeriod>))]
public enum DutyPeriod
{
    Day = 1,
    Night = 2,
}

/// <summary>The seats of a rota: a station keeps the first two, the command room all four.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DutySeat>))]
public enum DutySeat
{
    /// <summary>值班民警: gets the police work that comes in outside office hours.</summary>
    OfficerOnDuty = 1,
    /// <summary>带班领导.</summary>
    LeaderOnDuty = 2,
    /// <summary>指挥席 (command room only).</summary>
    CommandSeat = 3,
    /// <summary>网格事件调度席 (command room only).</summary>
    GridDispatchSeat = 4,
}

public sealed class DutyShiftConfiguration : IEntityTypeConfiguration<DutyShift>
{
    public void Configure(EntityTypeBuilder<DutyShift> d)
    {
        d.ToTable("duty_shifts");
        d.Property(x => x.CreatedByName).HasMaxLength(100);
        d.HasIndex(x => new { x.UnitId, x.Date, x.Period, x.Seat, x.AccountId }).IsUnique();
        d.HasIndex(x => new { x.AccountId, x.Date });
        d.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        d.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Restrict);
        d.HasOne<Account>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.Restrict);
    }
}
