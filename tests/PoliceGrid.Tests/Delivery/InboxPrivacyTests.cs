using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Delivery;
using PoliceGrid.Web.Shared.Live;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Tests.Delivery;

/// <summary>A person's inbox is hers alone: not even a dispatcher who sees the whole city hears of her messages.</summary>
public class InboxPrivacyTests
{
    static Viewer Dispatcher(int accountId) => new(accountId, "d", "d", Role.Dispatcher, Side.Police,
        new Unit { Code = "410400", Name = "city", Path = "/410400/", AreaPath = "/410400/", Kind = UnitKind.City }, Scope.Everything,
        Capabilities.Of(Role.Dispatcher));

    [Fact]
    public void OnlyTheRecipientHearsOfANewMessage()
    {
        var message = new LiveMessage(LiveMessageKind.Message, 7, "", AccountId: 5);

        Assert.True(AccessPolicy.CanHear(message, Dispatcher(5)));
        Assert.False(AccessPolicy.CanHear(message, Dispatcher(6)));
    }

    [Fact]
    public void AcknowledgementSpeedIsTheNearestRankPercentile()
    {
        var minutes = Enumerable.Range(1, 10).Select(m => (double)m).ToList();

        Assert.Equal(5, DeliveryFigures.Percentile(minutes, 0.5));
        Assert.Equal(9, DeliveryFigures.Percentile(minutes, 0.9));
        Assert.Null(DeliveryFigures.Percentile([], 0.5));
    }
}
