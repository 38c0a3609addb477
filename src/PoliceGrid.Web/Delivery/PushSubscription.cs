using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PoliceGrid.Web.Accounts;

namespace PoliceGrid.Web.Delivery;

/// <summary>
/// One browser of a person that asked for Web Push: the push service's endpoint and the browser's keys (RFC 8291). An
/// endpoint belongs to one account at a time; a browser signed in as someone else moves it to her. It holds the account's
/// security stamp of when it was made: signing out (which ends every session), a new password, a transfer or a
/// deactivation change the stamp, and the browser gets no more pushes until she signs in there again.
/// </summary>
public sealed class PushSubscription
{
    public const int EndpointLength = 1000;

    public int Id { get; set; }
    public int AccountId { get; set; }
    public string Endpoint { get; set; } = "";
    public string P256dh { get; set; } = "";
    public string Auth { get; set; } = "";
    public string SecurityStamp { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

public sealed class PushSubscriptionConfiguration : IEntityTypeConfiguration<PushSubscription>
{
    public void Configure(EntityTypeBuilder<PushSubscription> s)
    {
        s.ToTable("push_subscriptions");
        s.Property(x => x.Endpoint).HasMaxLength(PushSubscription.EndpointLength);
        s.Property(x => x.P256dh).HasMaxLength(100);
        s.Property(x => x.Auth).HasMaxLength(40);
        s.Property(x => x.SecurityStamp).HasMaxLength(100);
        s.HasIndex(x => x.Endpoint).IsUnique();
        s.HasIndex(x => x.AccountId);
        s.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
