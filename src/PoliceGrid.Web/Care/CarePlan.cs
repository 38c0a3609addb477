using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PoliceGrid.Web.Register.Records;
using PoliceGrid.Web.Shared;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Care;

/// <summary>
/// How the people of one special group are cared for (关爱/走访 plan): who answers, how often they must be seen, what counts
/// as seen, what a visit records, what evidence it asks, and when a missed visit escalates. One default plan per group
/// (no county) and, where a county rules otherwise, that county's own: intervals are set per county, never in code.
/// </summary>
public sealed class CarePlan
{
    public int Id { get; set; }
    public SpecialGroup Group { get; set; }
    /// <summary>The county whose own plan this is; null: the plan of every county without one.</summary>
    public int? CountyId { get; set; }
    public bool Active { get; set; } = true;
    public CareResponsibility Responsible { get; set; }
    /// <summary>How long after the last contact the person is due again.</summary>
    public int IntervalHours { get; set; }
    /// <summary>For risk levels 3 and up (serious mental disorder grades 3–5), a shorter interval; null: the same.</summary>
    public int? HighRiskIntervalHours { get; set; }
    /// <summary>Which kinds of contact count as seen, as a bit per <see cref="SeenHow"/>.</summary>
    public int Accepts { get; set; }
    public bool RecordsCondition { get; set; } = true;
    public bool RecordsNeeds { get; set; } = true;
    public bool RecordsRiskSigns { get; set; }
    /// <summary>A location near the address is asked (a typed reason may always stand in for it).</summary>
    public bool AsksLocation { get; set; }
    public bool AsksPhoto { get; set; }
    /// <summary>Hours after due when a door-visit task goes to the grid worker (level 1).</summary>
    public int DoorVisitAfterHours { get; set; }
    /// <summary>Hours after due when the grid chief is told (level 2).</summary>
    public int ChiefAfterHours { get; set; }
    /// <summary>Hours after due when a welfare check goes to the police side as an event (level 3).</summary>
    public int WelfareCheckAfterHours { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }

    public bool Counts(SeenHow how) => (Accepts & Bit(how)) != 0;

    public static int Bit(SeenHow how) => 1 << (int)how;

    public static int BitsOf(IEnumerable<SeenHow> kinds) => kinds.Aggregate(0, (bits, how) => bits | Bit(how));

    public IEnumerable<SeenHow> Accepted => Enum.GetValues<SeenHow>().Where(Counts);

    public int IntervalFor(int riskLevel) => riskLevel >= 3 && HighRiskIntervalHours is { } high ? high : IntervalHours;

    /// <summary>The hours after due of each escalation level (1 door visit, 2 grid chief, 3 welfare check).</summary>
    public int AfterHours(int level) => level switch { 1 => DoorVisitAfterHours, 2 => ChiefAfterHours, _ => WelfareCheckAfterHours };

    public bool PoliceOnly => Group.IsPoliceOnly() || Responsible == CareResponsibility.PoliceOnly;
}

/// <summary>Who answers for a group's visits.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CareResponsibility>))]
public enum CareResponsibility
{
    /// <summary>The team that answers for the grid (Teams' grid responsibility).</summary>
    GridTeam = 1,
    /// <summary>社区矫正: the justice office, with the grid's team.</summary>
    JusticeWithGrid = 2,
    /// <summary>严重精神障碍: the health centre with the grid's team and police, graded by risk level.</summary>
    HealthWithGridAndPolice = 3,
    /// <summary>Police only; invisible to the grid side.</summary>
    PoliceOnly = 4,
}

public sealed class CarePlanConfiguration : IEntityTypeConfiguration<CarePlan>
{
    public void Configure(EntityTypeBuilder<CarePlan> p)
    {
        p.ToTable("care_plans");
        p.Property(x => x.Version).IsConcurrencyToken();
        p.HasIndex(x => new { x.Group, x.CountyId }).IsUnique();
        p.HasOne<Unit>().WithMany().HasForeignKey(x => x.CountyId).OnDelete(DeleteBehavior.Restrict);
    }
}
