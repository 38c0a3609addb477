using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PoliceGrid.Web.Register.Bulk;

/// <summary>
/// An export of residents to XLSX. Up to <see cref="ExportRegister.WithoutApproval"/> people it is ready at once; more
/// need a second person's approval (a station head or centre director whose area covers the requester's unit).
/// The file is built when the requester downloads it, from the stored filters and through her scope, so no export
/// file with personal data is ever kept.
/// </summary>
public sealed class ExportRequest
{
    public long Id { get; set; }
    public int RequesterId { get; set; }
    public required string RequesterName { get; set; }
    public int RequesterUnitId { get; set; }

    /// <summary>The requester unit's area path, to find who may approve.</summary>
    public string RequesterAreaPath { get; set; } = "";

    /// <summary>The <see cref="RegisterQuery"/> filters as JSON.</summary>
    public required string Filters { get; set; }

    /// <summary>How the filters read to people, e.g. "标签：独居老人".</summary>
    public string Description { get; set; } = "";

    public int Count { get; set; }
    public ExportStatus Status { get; set; }
    public DateTime RequestedAt { get; set; }
    public int? DecidedById { get; set; }
    public string? DecidedByName { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? Reason { get; set; }
    public int Downloads { get; set; }
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ExportStatus>))]
public enum ExportStatus
{
    Ready = 1,
    AwaitingApproval = 2,
    Approved = 3,
    Refused = 4,
}

public sealed class ExportRequestConfiguration : IEntityTypeConfiguration<ExportRequest>
{
    public void Configure(EntityTypeBuilder<ExportRequest> export)
    {
        export.ToTable("export_requests");
        export.HasIndex(e => new { e.RequesterId, e.RequestedAt });
        export.HasIndex(e => e.Status);
        export.Property(e => e.RequesterName).HasMaxLength(100);
        export.Property(e => e.RequesterAreaPath).HasMaxLength(400);
        export.Property(e => e.Filters).HasMaxLength(2000);
        export.Property(e => e.Description).HasMaxLength(500);
        export.Property(e => e.DecidedByName).HasMaxLength(100);
        export.Property(e => e.Reason).HasMaxLength(500);
    }
}
