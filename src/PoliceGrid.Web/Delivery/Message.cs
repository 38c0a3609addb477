using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PoliceGrid.Web.Accounts;

namespace PoliceGrid.Web.Delivery;

/// <summary>
/// Something a person must know of and acknowledge (签收): a new task, a diverted 110 call, a directive, an escalation,
/// a returned register record. It names its subject and a link to it, never the subject's content, so it can go out
/// through any channel without carrying personal data or police detail.
/// </summary>
public sealed class Message
{
    public int Id { get; set; }
    public int RecipientId { get; set; }
    /// <summary>The recipient's unit and its area when the message was made: for scoped counts on the board and figures.</summary>
    public int RecipientUnitId { get; set; }
    public required string AreaPath { get; set; }
    public MessageKind Kind { get; set; }
    /// <summary>Police work (acknowledged within the police deadline; its text never names more than the number).</summary>
    public bool Police { get; set; }
    public required string SubjectType { get; set; }
    public int SubjectId { get; set; }
    /// <summary>Where the item opens, relative to the site (<c>/events/12</c>).</summary>
    public required string Link { get; set; }
    /// <summary>The title as a stored <see cref="Shared.Text"/> (key and arguments), shown in the reader's language.</summary>
    public required string Title { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
    public DateTime? AcknowledgedAt { get; set; }
    /// <summary>When the next chase is due while unacknowledged: first the next channel, then the leaders.</summary>
    public DateTime AckDueAt { get; set; }
    /// <summary>0 = delivered; 1 = sent again by the next channel; 2 = escalated to the leaders.</summary>
    public int ChaseLevel { get; set; }
    public DateTime? EscalatedAt { get; set; }
    public List<MessageDelivery> Deliveries { get; } = [];
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<MessageKind>))]
public enum MessageKind
{
    Task = 1,
    DivertedCall = 2,
    Directive = 3,
    Escalation = 4,
    ReturnedRecord = 5,
    ApprovalRequest = 6,
    /// <summary>To a leader: a message to one of his people was not acknowledged in time.</summary>
    Unacknowledged = 7,
}

public sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> m)
    {
        m.ToTable("messages");
        m.Property(x => x.AreaPath).HasMaxLength(400);
        m.Property(x => x.SubjectType).HasMaxLength(40);
        m.Property(x => x.Link).HasMaxLength(200);
        m.Property(x => x.Title).HasMaxLength(400);
        // The chase claims a step by these: two instances never both take it, nor after the person acknowledged.
        m.Property(x => x.ChaseLevel).IsConcurrencyToken();
        m.Property(x => x.AcknowledgedAt).IsConcurrencyToken();
        m.HasIndex(x => new { x.RecipientId, x.AcknowledgedAt, x.Id });
        m.HasIndex(x => new { x.AckDueAt, x.AcknowledgedAt });
        m.HasIndex(x => new { x.SubjectType, x.SubjectId });
        m.HasIndex(x => new { x.AreaPath, x.CreatedAt });
        m.HasOne<Account>().WithMany().HasForeignKey(x => x.RecipientId).OnDelete(DeleteBehavior.Restrict);
        m.HasMany(x => x.Deliveries).WithOne().HasForeignKey(d => d.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}
