using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PoliceGrid.Web.Accounts;

namespace PoliceGrid.Web.Staff;

/// <summary>
/// One line of a person's service record: made, changed, moved to another unit, deactivated, back again. The record
/// stays when the person leaves, so what she did and where she was stay readable.
/// </summary>
public sealed class StaffChange
{
    public long Id { get; set; }
    public int AccountId { get; set; }
    public StaffChangeKind Kind { get; set; }
    public DateTime At { get; set; }
    public int? ById { get; set; }
    public required string ByName { get; set; }
    /// <summary>What changed, stored in both languages (<see cref="Shared.Words.Store"/>).</summary>
    public required string Detail { get; set; }
}

[JsonConverter(typeof(JsonStringEnumConverter<StaffChangeKind>))]
public enum StaffChangeKind
{
    Created = 1,
    Edited = 2,
    Transferred = 3,
    Deactivated = 4,
    Reactivated = 5,
    Imported = 6,
    /// <summary>The system administrator gave the record a sign-in (one person, one account).</summary>
    SignInGiven = 7,
}

public sealed class StaffChangeConfiguration : IEntityTypeConfiguration<StaffChange>
{
    public void Configure(EntityTypeBuilder<StaffChange> c)
    {
        c.ToTable("staff_changes");
        c.Property(x => x.ByName).HasMaxLength(100);
        c.Property(x => x.Detail).HasMaxLength(2000);
        c.HasIndex(x => x.AccountId);
        c.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Restrict);
    }
}
