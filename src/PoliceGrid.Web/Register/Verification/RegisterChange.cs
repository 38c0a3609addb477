using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Register.Records;

namespace PoliceGrid.Web.Register.Verification;

/// <summary>
/// One version of a register record: who collected which fields when, and who verified or returned it and why.
/// A pending update carries the proposed fields (<see cref="Proposed"/>, sensitive values sealed) until it is verified.
/// </summary>
public sealed class RegisterChange
{
    public long Id { get; set; }
    public RecordType RecordType { get; set; }
    public int RecordId { get; set; }
    public ChangeKind Kind { get; set; }
    public ChangeStatus Status { get; set; }

    /// <summary>For a pending update: the whole proposed field set as JSON.</summary>
    public string? Proposed { get; set; }

    /// <summary>Field → [before, after], as shown (sensitive values masked), JSON.</summary>
    public required string Changes { get; set; }

    public int CollectedById { get; set; }
    public required string CollectedByName { get; set; }
    public DateTime CollectedAt { get; set; }
    public int? ReviewedById { get; set; }
    public string? ReviewedByName { get; set; }
    public DateTime? ReviewedAt { get; set; }
    public string? Reason { get; set; }

    public string AreaPath { get; set; } = "";
    public int? PoliceDistrictId { get; set; }
}

public enum ChangeKind
{
    Create = 1,
    Update = 2,
}

public enum ChangeStatus
{
    Pending = 1,
    Verified = 2,
    Returned = 3,
}

/// <summary>A duplicate the register kept out: a second record of one ID number refused, or a likely duplicate the collector took up.</summary>
public sealed class DuplicatePrevented
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public int ExistingResidentId { get; set; }
    public required string AreaPath { get; set; }
    public int AccountId { get; set; }

    /// <summary>A hit the collector asked for by typing a number (form, API, ledger outside her area); counts toward her hourly limit.</summary>
    public bool Lookup { get; set; }
}

public sealed class RegisterChangeConfiguration : IEntityTypeConfiguration<RegisterChange>, IEntityTypeConfiguration<DuplicatePrevented>
{
    public void Configure(EntityTypeBuilder<RegisterChange> change)
    {
        change.ToTable("register_changes");
        change.HasIndex(c => new { c.RecordType, c.RecordId });
        change.HasIndex(c => new { c.PoliceDistrictId, c.Status });
        change.HasIndex(c => new { c.CollectedById, c.Status });
        change.Property(c => c.CollectedByName).HasMaxLength(100);
        change.Property(c => c.ReviewedByName).HasMaxLength(100);
        change.Property(c => c.Reason).HasMaxLength(500);
        change.Property(c => c.AreaPath).HasMaxLength(400);
    }

    public void Configure(EntityTypeBuilder<DuplicatePrevented> duplicate)
    {
        duplicate.ToTable("duplicates_prevented");
        duplicate.HasIndex(d => d.AreaPath);
        duplicate.HasIndex(d => new { d.AccountId, d.At });
        duplicate.Property(d => d.AreaPath).HasMaxLength(400);
    }
}
