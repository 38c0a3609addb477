using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Events;

/// <summary>
/// One event (事件) of the closed loop: placed in a grid and the chain above it, routed to a handler, then moved
/// through its states by people, each move kept as an <see cref="EventStep"/>.
/// </summary>
public sealed class Event : Shared.IStepLimited
{
    public int Id { get; set; }
    public int CategoryId { get; set; }
    public EventSource Source { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public double? Lon { get; set; }
    public double? Lat { get; set; }
    public string? Address { get; set; }

    /// <summary>The placed grid's path (its area); empty when the event could not be placed in a grid.</summary>
    public string AreaPath { get; set; } = "";
    public int? CountyId { get; set; }
    public int? TownshipId { get; set; }
    public int? VillageId { get; set; }
    public int? GridId { get; set; }
    public int? PoliceStationId { get; set; }
    public int? PoliceDistrictId { get; set; }

    public EventStatus Status { get; set; }
    public HandlerSide HandlerSide { get; set; }
    /// <summary>The unit responsible now: a grid, a police district, or the county for a department; null = unassigned.</summary>
    public int? HandlerUnitId { get; set; }
    public int? HandlerAccountId { get; set; }
    public string? Department { get; set; }
    /// <summary>Why routing chose the handler, in both languages ("警务类→社区民警 / police work → officer").</summary>
    public string? RoutedBy { get; set; }

    /// <summary>Police-confidential (涉密): grid-side people see its status and a neutral outcome, never its details.</summary>
    public bool IsConfidential { get; set; }

    public int? ReporterAccountId { get; set; }
    public string? ReporterName { get; set; }
    public string? ReporterContact { get; set; }

    public DateTime ReportedAt { get; set; }
    /// <summary>When the reporter captured it on her phone, which may be long before it reached the server (ReportedAt) with no signal.</summary>
    public DateTime? CapturedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>When the current step must be done; past it the event is overdue (超期).</summary>
    public DateTime? StepDueAt { get; set; }
    public DateTime? NextEscalationAt { get; set; }
    /// <summary>When the whole event must be closed (按期结案).</summary>
    public DateTime DueAt { get; set; }
    public DateTime? HandledAt { get; set; }
    public DateTime? ClosedAt { get; set; }

    /// <summary>0 none, 1 grid chief, 2 fusion centre, 3 command room.</summary>
    public int EscalationLevel { get; set; }
    public int ReworkCount { get; set; }
    public int? MergedIntoId { get; set; }
    public int? SplitFromId { get; set; }
    /// <summary>A 110 call or officer's report of non-police work that routing sent to the grid side (非警务分流).</summary>
    public bool DivertedToGrid { get; set; }
    /// <summary>What was done, as the handler wrote it.</summary>
    public string? Resolution { get; set; }
    /// <summary>
    /// The text the public may read in Open311, as a moderator approved it (names and numbers taken out); until then
    /// the public sees only the category and the status.
    /// </summary>
    public string? PublicText { get; set; }

    public int Version { get; set; }

    public bool IsOpen => Status.IsOpen();
}

public sealed class EventConfiguration : IEntityTypeConfiguration<Event>
{
    public void Configure(EntityTypeBuilder<Event> e)
    {
        e.ToTable("events");
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.Description).HasMaxLength(4000);
        e.Property(x => x.Address).HasMaxLength(300);
        e.Property(x => x.AreaPath).HasMaxLength(400);
        e.Property(x => x.Department).HasMaxLength(40);
        e.Property(x => x.RoutedBy).HasMaxLength(200);
        e.Property(x => x.ReporterName).HasMaxLength(100);
        e.Property(x => x.ReporterContact).HasMaxLength(100);
        e.Property(x => x.Resolution).HasMaxLength(2000);
        e.Property(x => x.PublicText).HasMaxLength(1000);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Ignore(x => x.IsOpen);
        e.HasIndex(x => new { x.Status, x.ReportedAt });
        e.HasIndex(x => new { x.AreaPath, x.ReportedAt });
        e.HasIndex(x => new { x.HandlerUnitId, x.Status });
        e.HasIndex(x => new { x.ReporterAccountId, x.ReportedAt });
        e.HasIndex(x => x.NextEscalationAt);
        e.HasOne<EventCategory>().WithMany().HasForeignKey(x => x.CategoryId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Unit>().WithMany().HasForeignKey(x => x.GridId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Unit>().WithMany().HasForeignKey(x => x.HandlerUnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Account>().WithMany().HasForeignKey(x => x.ReporterAccountId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Account>().WithMany().HasForeignKey(x => x.HandlerAccountId).OnDelete(DeleteBehavior.Restrict);
    }
}
