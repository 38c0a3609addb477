namespace PoliceGrid.Web.Delivery;

/// <summary>
/// One way a message reaches a person (the live inbox, SMS, a DingTalk robot, …). A channel sends one message and says
/// how it went; retries, backoff, order and exactly-once are <see cref="SendDeliveries"/>'s.
/// </summary>
public interface IMessageChannel
{
    string ChannelName { get; }

    Task<ChannelResult> SendAsync(ChannelMessage message, CancellationToken ct);
}

/// <summary>
/// What a channel may send: the recipient, a short text that names the item (never personal data or police detail) and
/// the link that opens it. <see cref="Key"/> is the delivery's id, the same on every retry, for the service to drop
/// repeats.
/// </summary>
public sealed record ChannelMessage(string Key, int MessageId, int RecipientId, string? Mobile, string RecipientName, string Text, string Url);

public sealed record ChannelResult(bool Sent, bool Permanent = false, TimeSpan? RetryAfter = null, string? Error = null)
{
    public static readonly ChannelResult Ok = new(true);

    public static ChannelResult Retry(string error, TimeSpan? after = null) => new(false, false, after, error);

    public static ChannelResult Refused(string error) => new(false, true, null, error);
}
