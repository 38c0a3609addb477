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
