using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Delivery;

namespace PoliceGrid.Tests.Delivery;

/// <summary>A channel's rate limit: calls are spaced to the service's allowance, and a "too many" answer holds everyone back.</summary>
public class RateGateTests
{
    [Fact]
    public void CallsAreSpacedToTheAllowanceAndTooManyHoldsAllBack()
    {
        var clock = new TestClock();
        var gate = new RateGate(2, clock);

        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1)], new[] { gate.Reserve(), gate.Reserve(), gate.Reserve() });

        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.Zero, gate.Reserve());
        gate.Back(TimeSpan.FromSeconds(60));
        Assert.Equal(TimeSpan.FromSeconds(60), gate.Reserve());
    }
}
