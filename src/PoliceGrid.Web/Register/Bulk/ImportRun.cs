using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PoliceGrid.Web.Register.Bulk;

/// <summary>
/// One ledger import: who imported which file when, and what came of its rows. The rejected rows keep the values the
/// importer typed (ID numbers among them), so they are sealed like any personal data and open only for the importer.
/// </summary>
public sealed class ImportRun
{
    public long Id { get; set; }
    public int AccountId { get; set; }
    public required string UserName { get; set; }
    public DateTime At { get; set; }
    public required string FileName { get; set; }

    /// <summary>The importer's area when she imported, for scope.</summary>
    public string AreaPath { get; set; } = "";

    public int Rows { get; set; }
    public int Stored { get; set; }
    public int Duplicates { get; set; }
    public int Rejected { get; set; }
    public double Seconds { get; set; }

    /// <summary>The rejected rows (<see cref="RejectedLedger"/> as JSON), sealed; null when none was rejected.</summary>
    public string? RejectedSealed { get; set; }
}

public sealed class ImportRunConfiguration : IEntityTypeConfiguration<ImportRun>
{
    public void Configure(EntityTypeBuilder<ImportRun> run)
    {
        run.ToTable("import_runs");
        run.HasIndex(r => new { r.AccountId, r.At });
        run.Property(r => r.UserName).HasMaxLength(100);
        run.Property(r => r.FileName).HasMaxLength(260);
        run.Property(r => r.AreaPath).HasMaxLength(400);
    }
}
