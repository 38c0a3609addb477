using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Events;

/// <summary>
/// One event (事件) of the closed loop: placed in a grid and the chain above it, routed to a handler, then moved
/// through its states by people, each move kept as an <see cref="EventStep"/>.
/// </summary>
public sealed class Event
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

/// <summary>One step of an event: who did what, when, with which note and photos.</summary>
public sealed class EventStep
{
    public long Id { get; set; }
    public int EventId { get; set; }
    public DateTime At { get; set; }
    public int? AccountId { get; set; }
    public required string ActorName { get; set; }
    public required string Action { get; set; }
    public EventStatus FromStatus { get; set; }
    public EventStatus ToStatus { get; set; }
    public string? Note { get; set; }
    public int? HandlerUnitId { get; set; }
    public int? HandlerAccountId { get; set; }
}

/// <summary>A photo taken at a step (report, handling); kept in the database with the event.</summary>
public sealed class EventPhoto
{
    public long Id { get; set; }
    public int EventId { get; set; }
    public long? StepId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public required byte[] Content { get; set; }
    public DateTime At { get; set; }
}

/// <summary>The first answer to a <c>POST /api/events</c> with an Idempotency-Key, replayed for the same key and body.</summary>
public sealed class IdempotencyRecord
{
    public long Id { get; set; }
    public int AccountId { get; set; }
    public required string Key { get; set; }
    public required string RequestHash { get; set; }
    public int EventId { get; set; }
    public required string Response { get; set; }
    public DateTime At { get; set; }
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<EventStatus>))]
public enum EventStatus
{
    Reported = 1,
    Accepted = 2,
    Dispatched = 3,
    InProgress = 4,
    Handled = 5,
    Returned = 6,
    Closed = 10,
    Merged = 11,
    Cancelled = 12,
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<EventSource>))]
public enum EventSource
{
    GridWorker = 1,
    Officer = 2,
    MicroGridWorker = 3,
    Citizen = 4,
    Call110 = 5,
    Hotline12345 = 6,
    Department = 7,
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<HandlerSide>))]
public enum HandlerSide
{
    None = 0,
    Grid = 1,
    Police = 2,
    Department = 3,
}

public static class EventLabels
{
    public static bool IsOpen(this EventStatus status) => status < EventStatus.Closed;

    public static (string Zh, string En) Label(this EventStatus status) => status switch
    {
        EventStatus.Reported => ("已上报", "Reported"),
        EventStatus.Accepted => ("已受理", "Accepted"),
        EventStatus.Dispatched => ("已派遣", "Dispatched"),
        EventStatus.InProgress => ("处置中", "In progress"),
        EventStatus.Handled => ("已办结待核查", "Handled, to verify"),
        EventStatus.Returned => ("退回重办", "Returned for rework"),
        EventStatus.Closed => ("已结案", "Closed"),
        EventStatus.Merged => ("已合并", "Merged"),
        EventStatus.Cancelled => ("已撤销", "Cancelled"),
        _ => (status.ToString(), status.ToString()),
    };

    /// <summary>What a reporter who may not see the details is told: status only, in plain words.</summary>
    public static (string Zh, string En) Neutral(this EventStatus status) => status switch
    {
        EventStatus.Reported => ("已收到", "Received"),
        EventStatus.Closed => ("已办结", "Dealt with"),
        EventStatus.Merged => ("已并入同一事件处理", "Handled together with a report of the same matter"),
        EventStatus.Cancelled => ("已撤销", "Withdrawn"),
        _ => ("处理中", "Being dealt with"),
    };

    public static (string Zh, string En) Label(this EventSource source) => source switch
    {
        EventSource.GridWorker => ("网格员", "Grid worker"),
        EventSource.Officer => ("民警", "Officer"),
        EventSource.MicroGridWorker => ("微网格员", "Micro-grid worker"),
        EventSource.Citizen => ("群众", "Citizen"),
        EventSource.Call110 => ("110分流", "Diverted 110 call"),
        EventSource.Hotline12345 => ("12345热线", "12345 hotline"),
        EventSource.Department => ("部门", "Department"),
        _ => (source.ToString(), source.ToString()),
    };

    public static (string Zh, string En) Label(this HandlerSide side) => side switch
    {
        HandlerSide.Grid => ("网格", "Grid"),
        HandlerSide.Police => ("公安", "Police"),
        HandlerSide.Department => ("部门", "Department"),
        _ => ("未分派", "Unassigned"),
    };

    public static (string Zh, string En) EscalationLabel(int level) => level switch
    {
        1 => ("已升级至网格长", "Escalated to the grid chief"),
        2 => ("已升级至工作中心", "Escalated to the fusion centre"),
        >= 3 => ("已升级至指挥室", "Escalated to the command room"),
        _ => ("", ""),
    };

    /// <summary>A UTC time as China local time, the way the pages show it.</summary>
    public static string Local(DateTime? utc) =>
        utc is { } t ? RouteEvent.Local(t).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "";

    public static string Number(int id) => "SJ" + id.ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
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

public sealed class EventStepConfiguration : IEntityTypeConfiguration<EventStep>
{
    public void Configure(EntityTypeBuilder<EventStep> s)
    {
        s.ToTable("event_steps");
        s.Property(x => x.ActorName).HasMaxLength(100);
        s.Property(x => x.Action).HasMaxLength(40);
        s.Property(x => x.Note).HasMaxLength(2000);
        s.HasIndex(x => x.EventId);
        s.HasOne<Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class EventPhotoConfiguration : IEntityTypeConfiguration<EventPhoto>
{
    public void Configure(EntityTypeBuilder<EventPhoto> p)
    {
        p.ToTable("event_photos");
        p.Property(x => x.FileName).HasMaxLength(200);
        p.Property(x => x.ContentType).HasMaxLength(100);
        p.HasIndex(x => x.EventId);
        p.HasOne<Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> r)
    {
        r.ToTable("idempotency_records");
        r.Property(x => x.Key).HasMaxLength(200);
        r.Property(x => x.RequestHash).HasMaxLength(64);
        r.HasIndex(x => new { x.AccountId, x.Key }).IsUnique();
    }
}
