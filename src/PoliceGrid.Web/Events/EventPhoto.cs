using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PoliceGrid.Web.Events;

/// <summary>A photo taken at a step (report, handling); kept in the database with the event.</summary>
public sealed class EventPhoto
{
    public long Id { get; set; }
    public int EventId { get; set; }
    public long? StepId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public required byte[] Content { get; set; }
    public DateTime At { get; set; }
}

public sealed class EventPhotoConfiguration : IEntityTypeConfiguration<EventPhoto>
{
    public void Configure(EntityTypeBuilder<EventPhoto> p)
    {
        p.ToTable("event_photos");
        p.Property(x => x.FileName).HasMaxLength(200);
        p.Property(x => x.ContentType).HasMaxLength(100);
        p.HasIndex(x => x.EventId);
        p.HasOne<Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}
