using PoliceGrid.Web.Shared.Live;

namespace PoliceGrid.Web.Delivery;

/// <summary>The inbox itself: the message is there once committed; this tells the recipient's open pages at once (badge, notification).</summary>
public sealed class InboxChannel(LiveFeed live) : IMessageChannel
{
    public const string Name = "inbox";

    public string ChannelName => Name;

    public async Task<ChannelResult> SendAsync(ChannelMessage message, CancellationToken ct)
    {
        await live.PublishAsync(new LiveMessage(LiveMessageKind.Message, message.MessageId, "", AccountId: message.RecipientId), ct);
        return ChannelResult.Ok;
    }
}
