using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PoliceGrid.Web.Delivery;

/// <summary>
/// The outbox: one row per message and channel, written in the same transaction as the change that made the message,
/// so a crash loses none. <see cref="SendDeliveries"/> claims a row with a lease before sending, so two instances never
/// send it both; the row's id goes to the channel as its idempotency key.
/// </summary>
public sealed class MessageDelivery
{
    public long Id { get; set; }
    public int MessageId { get; set; }
    /// <summary>Copied from the message: rows go out in order per person and channel.</summary>
    public int RecipientId { get; set; }
    public required string Channel { get; set; }
    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? LeaseUntil { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }
}

public enum DeliveryStatus
{
    Pending = 0,
    Sent = 1,
    /// <summary>Refused for good, or out of attempts; the message waits in the inbox and its chase goes on.</summary>
    Failed = 2,
}

public sealed class MessageDeliveryConfiguration : IEntityTypeConfiguration<MessageDelivery>
{
    public void Configure(EntityTypeBuilder<MessageDelivery> d)
    {
        d.ToTable("message_deliveries");
        d.Property(x => x.Channel).HasMaxLength(20);
        d.Property(x => x.LeaseOwner).HasMaxLength(40);
        d.Property(x => x.LastError).HasMaxLength(400);
        d.HasIndex(x => new { x.MessageId, x.Channel }).IsUnique();
        d.HasIndex(x => new { x.Status, x.NextAttemptAt });
        d.HasIndex(x => new { x.RecipientId, x.Channel, x.Status, x.Id });
    }
}
