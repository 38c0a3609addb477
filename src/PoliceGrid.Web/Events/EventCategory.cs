using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PoliceGrid.Web.Events;

/// <summary>
/// A kind of event with its code (major.minor), whether it is police work, its default handler and the time limit of
/// each step. Administrators edit them.
/// </summary>
public sealed class EventCategory
{
    public int Id { get; set; }
    /// <summary>Minor code, e.g. <c>05.02</c>; the part before the dot is the major code.</summary>
    public required string Code { get; set; }
    public required string MajorCode { get; set; }
    public required string MajorName { get; set; }
    public required string MajorNameEn { get; set; }
    public required string Name { get; set; }
    public required string NameEn { get; set; }
    public bool IsPolice { get; set; }
    public HandlerSide DefaultHandler { get; set; }
    /// <summary>For department work: which department (民政, 司法, 城管, 卫健, 市场监管, 应急).</summary>
    public string? Department { get; set; }
    /// <summary>Police-confidential by default (e.g. leads on suspects).</summary>
    public bool Confidential { get; set; }
    public int AcceptMinutes { get; set; } = 30;
    public int DispatchMinutes { get; set; } = 30;
    public int StartMinutes { get; set; } = 120;
    public int HandleMinutes { get; set; } = 2880;
    public int VerifyMinutes { get; set; } = 1440;
    /// <summary>From report to closure (按期结案).</summary>
    public int CloseMinutes { get; set; } = 7200;
    public bool Active { get; set; } = true;
    /// <summary>Offered to the public through Open311 and shown in its public lists; the administrator decides, police work never by default.</summary>
    public bool IsPublic { get; set; }
    public int Version { get; set; }

    /// <summary>The limit of the step an event in <paramref name="status"/> is waiting for; null once it is done.</summary>
    public int? LimitFor(EventStatus status) => status switch
    {
        EventStatus.Reported => AcceptMinutes,
        EventStatus.Accepted => DispatchMinutes,
        EventStatus.Dispatched => StartMinutes,
        EventStatus.InProgress or EventStatus.Returned => HandleMinutes,
        EventStatus.Handled => VerifyMinutes,
        _ => null,
    };
}

/// <summary>
/// One routing rule: the first active rule (lowest <see cref="Priority"/>, the township's own before the default ones)
/// whose conditions all hold decides who handles a new event. Null conditions match anything.
/// </summary>
public sealed class RoutingRule
{
    public int Id { get; set; }
    public int Priority { get; set; }
    /// <summary>Null: a default rule for every township.</summary>
    public int? TownshipId { get; set; }
    public int? CategoryId { get; set; }
    public bool? IsPolice { get; set; }
    public bool? InOfficeHours { get; set; }
    public HandlerSide? CategoryHandler { get; set; }
    public HandlerSide Target { get; set; }
    public required string Name { get; set; }
    public bool Active { get; set; } = true;
}

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

/// <summary>A public holiday (day off) or an adjusted working day (调休上班), for every township or one.</summary>
public sealed class Holiday
{
    public int Id { get; set; }
    public int? TownshipId { get; set; }
    public DateOnly Date { get; set; }
    public bool IsWorkday { get; set; }
    public required string Name { get; set; }
}

public sealed class EventCategoryConfiguration : IEntityTypeConfiguration<EventCategory>
{
    public void Configure(EntityTypeBuilder<EventCategory> c)
    {
        c.ToTable("event_categories");
        c.HasIndex(x => x.Code).IsUnique();
        c.Property(x => x.Code).HasMaxLength(20);
        c.Property(x => x.MajorCode).HasMaxLength(20);
        c.Property(x => x.MajorName).HasMaxLength(60);
        c.Property(x => x.MajorNameEn).HasMaxLength(100);
        c.Property(x => x.Name).HasMaxLength(60);
        c.Property(x => x.NameEn).HasMaxLength(100);
        c.Property(x => x.Department).HasMaxLength(40);
        // A default so that migration 0009 can add the column to a table with rows on SQLite.
        c.Property(x => x.IsPublic).HasDefaultValue(false);
        c.Property(x => x.Version).IsConcurrencyToken();
    }
}

public sealed class RoutingRuleConfiguration : IEntityTypeConfiguration<RoutingRule>
{
    public void Configure(EntityTypeBuilder<RoutingRule> r)
    {
        r.ToTable("routing_rules");
        r.Property(x => x.Name).HasMaxLength(200);
        r.HasIndex(x => x.TownshipId);
    }
}

public sealed class OfficeHoursConfiguration : IEntityTypeConfiguration<OfficeHours>
{
    public void Configure(EntityTypeBuilder<OfficeHours> o)
    {
        o.ToTable("office_hours");
        o.HasIndex(x => x.TownshipId).IsUnique();
    }
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
