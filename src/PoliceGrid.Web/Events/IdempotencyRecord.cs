using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PoliceGrid.Web.Events;

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
