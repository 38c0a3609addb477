using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Register.Records;

namespace PoliceGrid.Web.Register.Verification;

/// <summary>
/// 人户变动 to confirm: a collector outside a resident's area entered the number of someone already on record, so the
/// record's own officer decides whether the person now lives at the collector's address (the record moves there) or it
/// was a mistake. The collector learns nothing about the record either way.
/// </summary>
public sealed class ResidenceChangeCheck
{
    public long Id { get; set; }
    public int ResidentId { get; set; }
    public int ProposedAddressId { get; set; }
    public int CollectorId { get; set; }
    public required string CollectorName { get; set; }
    public DateTime RaisedAt { get; set; }
    public ResidenceCheckStatus Status { get; set; }

    /// <summary>The record's place when the check was raised: whose queue it is in.</summary>
    public string AreaPath { get; set; } = "";
    public int? PoliceDistrictId { get; set; }

    public int? DecidedById { get; set; }
    public string? DecidedByName { get; set; }
    public DateTime? DecidedAt { get; set; }
}

public enum ResidenceCheckStatus
{
    Open = 1,
    ConfirmedMoved = 2,
    RejectedMistake = 3,
}

public sealed class ResidenceChangeCheckConfiguration : IEntityTypeConfiguration<ResidenceChangeCheck>
{
    public void Configure(EntityTypeBuilder<ResidenceChangeCheck> check)
    {
        check.ToTable("residence_change_checks");
        check.HasIndex(c => new { c.PoliceDistrictId, c.Status });
        check.HasIndex(c => c.ResidentId);
        check.Property(c => c.CollectorName).HasMaxLength(100);
        check.Property(c => c.DecidedByName).HasMaxLength(100);
        check.Property(c => c.AreaPath).HasMaxLength(400);
        check.HasOne<Resident>().WithMany().HasForeignKey(c => c.ResidentId).OnDelete(DeleteBehavior.Restrict);
        check.HasOne<StandardAddress>().WithMany().HasForeignKey(c => c.ProposedAddressId).OnDelete(DeleteBehavior.Restrict);
    }
}
