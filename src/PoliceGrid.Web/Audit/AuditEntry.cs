using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PoliceGrid.Web.Audit;

/// <summary>
/// One append-only row of the audit trail. Ids are consecutive and each row carries the hash of the previous one and
/// an HMAC under the key it names (<see cref="AuditKeys"/>), so a changed or removed row breaks the chain (see <see cref="AuditChain"/>).
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    /// <summary>UTC, truncated to microseconds so that it reads back from either database unchanged.</summary>
    public DateTime At { get; set; }
    public int? AccountId { get; set; }
    public string? UserName { get; set; }
    public required string Action { get; set; }
    public string? RecordType { get; set; }
    public string? RecordId { get; set; }
    public string? ClientAddress { get; set; }
    public required string Outcome { get; set; }
    public string? Detail { get; set; }
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
    /// <summary>The key that sealed the row; null on the unkeyed rows of databases from before keys.</summary>
    public string? KeyId { get; set; }

    /// <summary>What the hash covers: every field, the previous hash and (on keyed rows) the key id.</summary>
    public string Canonical()
    {
        var canonical = string.Join('\u001f',
            Id.ToString(CultureInfo.InvariantCulture),
            At.Ticks.ToString(CultureInfo.InvariantCulture),
            AccountId?.ToString(CultureInfo.InvariantCulture) ?? "",
            UserName ?? "", Action, RecordType ?? "", RecordId ?? "", ClientAddress ?? "", Outcome, Detail ?? "",
            PreviousHash);
        return KeyId is null ? canonical : canonical + '\u001f' + KeyId;
    }
}

public static class AuditOutcome
{
    public const string Success = "success";
    public const string Denied = "denied";
    public const string Failure = "failure";
}

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.ToTable("audit_entries");
        entry.Property(e => e.Id).ValueGeneratedNever();
        entry.Property(e => e.Action).HasMaxLength(80);
        entry.Property(e => e.UserName).HasMaxLength(100);
        entry.Property(e => e.RecordType).HasMaxLength(60);
        entry.Property(e => e.RecordId).HasMaxLength(100);
        entry.Property(e => e.ClientAddress).HasMaxLength(64);
        entry.Property(e => e.Outcome).HasMaxLength(20);
        entry.Property(e => e.Detail).HasMaxLength(2000);
        entry.Property(e => e.PreviousHash).HasMaxLength(64);
        entry.Property(e => e.Hash).HasMaxLength(64);
        entry.Property(e => e.KeyId).HasMaxLength(40);
        entry.HasIndex(e => e.At);
        entry.HasIndex(e => e.UserName);
        entry.HasIndex(e => new { e.RecordType, e.RecordId });
    }
}
