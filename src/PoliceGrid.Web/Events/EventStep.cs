using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PoliceGrid.Web.Events;

/// <summary>One step of an event: who did what, when, with which note and photos.</summary>
public sealed class EventStep
{
    public long Id { get; set; }
    public int EventId { get; set; }
    public DateTime At { get; set; }
    public int? AccountId { get; set; }
    public required string ActorName { get; set; }
    public required string Action { get; set; }
    public EventStatus FromStatus { get; set; }
    public EventStatus ToStatus { get; set; }
    public string? Note { get; set; }
    public int? HandlerUnitId { get; set; }
    public int? HandlerAccountId { get; set; }
}

public sealed class EventStepConfiguration : IEntityTypeConfiguration<EventStep>
{
    public void Configure(EntityTypeBuilder<EventStep> s)
    {
        s.ToTable("event_steps");
        s.Property(x => x.ActorName).HasMaxLength(100);
        s.Property(x => x.Action).HasMaxLength(40);
        s.Property(x => x.Note).HasMaxLength(2000);
        s.HasIndex(x => x.EventId);
        s.HasOne<Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}
