using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Events;
using PoliceGrid.Web.Register.Records;
using PoliceGrid.Web.Shared;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Care;

/// <summary>
/// One person's care under one group's plan: where she lives (grid and area path, for scope), her guardian or emergency
/// contact, her risk level, when she was last seen and when she is due; the sweep keeps its escalation level. Opened
/// from the register's special-group tags; closed when the tag goes.
/// </summary>
public sealed class CareCase
{
    public int Id { get; set; }
    public int ResidentId { get; set; }
    public SpecialGroup Group { get; set; }
    public int GridId { get; set; }
    public int? CountyId { get; set; }
    public string AreaPath { get; set; } = "";
    /// <summary>A police-only group's case: the grid side never sees it.</summary>
    public bool Police { get; set; }
    /// <summary>0 (none) to 5; for serious mental disorder the national grades, for others the plan's own reading.</summary>
    public int RiskLevel { get; set; }
    public string? GuardianName { get; set; }
    public string? GuardianPhoneSealed { get; set; }
    public string? GuardianPhoneMasked { get; set; }
    public DateTime OpenedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public DateTime? LastSeenAt { get; set; }
    public SeenHow? LastSeenHow { get; set; }
    /// <summary>The last visit's note, shown on the day's list.</summary>
    public string? LastNote { get; set; }
    /// <summary>Last seen (or opened) plus the plan's interval for the risk level; null while the group has no plan.</summary>
    public DateTime? DueAt { get; set; }
    /// <summary>0 not overdue yet; 1 door-visit task sent; 2 grid chief told; 3 welfare check raised.</summary>
    public int EscalationLevel { get; set; }
    public DateTime? NextEscalationAt { get; set; }
    public int Version { get; set; }
}

/// <summary>A change of a case's risk level, with its reason: the history the health centre and police read.</summary>
public sealed class CareRiskChange
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public int FromLevel { get; set; }
    public int ToLevel { get; set; }
    public required string Reason { get; set; }
    public int ById { get; set; }
    public DateTime At { get; set; }
}

/// <summary>
/// One contact with a person: a visit entered on the phone, or one another feature reported through <see cref="IPersonSeen"/>
/// (its <see cref="Source"/> names it, so the contact is never entered twice). Not seen (no answer) is kept too.
/// </summary>
public sealed class CareVisit
{
    public int Id { get; set; }
    public int ResidentId { get; set; }
    /// <summary>The case it was entered from; null for a contact another feature reported.</summary>
    public int? CaseId { get; set; }
    public string AreaPath { get; set; } = "";
    public bool Police { get; set; }
    public DateTime At { get; set; }
    public int? ById { get; set; }
    public SeenHow How { get; set; }
    public CareOutcome Outcome { get; set; }
    /// <summary>"visit", or what showed the contact ("event:42", "register-change:7", "mediation:3").</summary>
    public required string Source { get; set; }
    public string? Condition { get; set; }
    public string? Needs { get; set; }
    public string? RiskSigns { get; set; }
    public double? Lon { get; set; }
    public double? Lat { get; set; }
    public int? DistanceMeters { get; set; }
    /// <summary>Why no location near the address was given, where the plan asks for one.</summary>
    public string? LocationReason { get; set; }
    public byte[]? Photo { get; set; }
    public string? PhotoType { get; set; }
    /// <summary>The event the visit raised, if it found something wrong.</summary>
    public int? EventId { get; set; }
}

/// <summary>What a visit found.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CareOutcome>))]
public enum CareOutcome
{
    Good = 1,
    /// <summary>Nobody answered the door: not seen; the second time in a row raises an event.</summary>
    NoAnswer = 2,
    Ill = 3,
    Fell = 4,
    RiskSigns = 5,
    NeedsHelp = 6,
}

public sealed class CareCaseConfiguration : IEntityTypeConfiguration<CareCase>
{
    public void Configure(EntityTypeBuilder<CareCase> c)
    {
        c.ToTable("care_cases");
        c.Property(x => x.AreaPath).HasMaxLength(400);
        c.Property(x => x.GuardianName).HasMaxLength(60);
        c.Property(x => x.GuardianPhoneSealed).HasMaxLength(200);
        c.Property(x => x.GuardianPhoneMasked).HasMaxLength(20);
        c.Property(x => x.LastNote).HasMaxLength(500);
        c.Property(x => x.Version).IsConcurrencyToken();
        c.HasIndex(x => new { x.ResidentId, x.Group }).IsUnique();
        // The day's list and the figures read by grid and area; the sweep by next escalation.
        c.HasIndex(x => new { x.GridId, x.DueAt });
        c.HasIndex(x => x.AreaPath).HasOperators("text_pattern_ops");
        c.HasIndex(x => x.NextEscalationAt);
        c.HasOne<Resident>().WithMany().HasForeignKey(x => x.ResidentId).OnDelete(DeleteBehavior.Restrict);
        c.HasOne<Unit>().WithMany().HasForeignKey(x => x.GridId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CareRiskChangeConfiguration : IEntityTypeConfiguration<CareRiskChange>
{
    public void Configure(EntityTypeBuilder<CareRiskChange> r)
    {
        r.ToTable("care_risk_changes");
        r.Property(x => x.Reason).HasMaxLength(500);
        r.HasIndex(x => x.CaseId);
        r.HasOne<CareCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        r.HasOne<Account>().WithMany().HasForeignKey(x => x.ById).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CareVisitConfiguration : IEntityTypeConfiguration<CareVisit>
{
    public void Configure(EntityTypeBuilder<CareVisit> v)
    {
        v.ToTable("care_visits");
        v.Property(x => x.AreaPath).HasMaxLength(400);
        v.Property(x => x.Source).HasMaxLength(60);
        v.Property(x => x.Condition).HasMaxLength(500);
        v.Property(x => x.Needs).HasMaxLength(500);
        v.Property(x => x.RiskSigns).HasMaxLength(500);
        v.Property(x => x.LocationReason).HasMaxLength(200);
        v.Property(x => x.PhotoType).HasMaxLength(40);
        v.HasIndex(x => new { x.ResidentId, x.At });
        v.HasIndex(x => new { x.ResidentId, x.Source });
        v.HasIndex(x => x.AreaPath).HasOperators("text_pattern_ops");
        v.HasOne<Resident>().WithMany().HasForeignKey(x => x.ResidentId).OnDelete(DeleteBehavior.Restrict);
        v.HasOne<CareCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        v.HasOne<Account>().WithMany().HasForeignKey(x => x.ById).OnDelete(DeleteBehavior.Restrict);
        v.HasOne<Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Restrict);
    }
}
