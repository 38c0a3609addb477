using Microsoft.Extensions.Options;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Delivery;

namespace PoliceGrid.Tests.Delivery;

/// <summary>
/// The WeCom (企业微信) channel against a local stand-in that checks what WeCom checks: the corp's credentials for a
/// token, the token on every call, the application's agent id, the card's fields; it expires tokens, answers "too
/// often" and does not know every mobile.
/// </summary>
public sealed class WeComAppTests : IAsyncLifetime, IDisposable
{
    readonly TestClock clock = new();
    FakeChannelServers services = null!;
    HttpClient http = null!;
    WeComApp channel = null!;

    public async Task InitializeAsync()
    {
        services = await FakeChannelServers.StartAsync(() => clock.GetUtcNow());
        http = new HttpClient();
        channel = new WeComApp(http, Options.Create(new DeliveryOptions
        {
            WeCom = new WeComOptions
            {
                BaseUrl = new Uri(services.BaseUrl), CorpId = FakeChannelServers.WeComCorpId, Secret = FakeChannelServers.WeComSecret,
                AgentId = FakeChannelServers.WeComAgentId, PerSecond = 1000,
            },
        }), clock);
    }

    public async Task DisposeAsync() => await services.DisposeAsync();

    public void Dispose()
    {
        channel.Dispose();
        http.Dispose();
    }

    static ChannelMessage To(string mobile, int id) =>
        new($"d{id}", id, 1, mobile, "郑网格员", $"110 分流：事件 SJ{id:D7}", $"https://policegrid.test/events/{id}");

    [Fact]
    public async Task ACardWithTheLinkReachesTheUserOfTheMobileOnOneToken()
    {
        Assert.True((await channel.SendAsync(To("13800000009", 12), default)).Sent);
        Assert.True((await channel.SendAsync(To("13800000009", 13), default)).Sent);

        Assert.Equal([("u13800000009", "110 分流：事件 SJ0000012", "https://policegrid.test/events/12"), ("u13800000009", "110 分流：事件 SJ0000013", "https://policegrid.test/events/13")],
            services.WeCom.ToList());
        Assert.Equal(1, services.WeComTokensIssued);
        Assert.Empty(services.Refusals);
    }

    [Fact]
    public async Task AnExpiredTokenIsFetchedAgainAndTheMessageStillGoesOnce()
    {
        Assert.True((await channel.SendAsync(To("13800000009", 21), default)).Sent);
        services.ExpireWeComTokens();

        Assert.True((await channel.SendAsync(To("13800000009", 22), default)).Sent);
        Assert.Equal(2, services.WeCom.Count);
        Assert.Equal(1, services.WeComTokensIssued); // the expired one was dropped; one new one was issued
    }

    [Fact]
    public async Task TooOftenWaitsAMinuteAndARetryInsideHalfAnHourIsNotShownTwice()
    {
        services.WeComTooOften = 1;
        var first = await channel.SendAsync(To("13800000009", 31), default);
        Assert.False(first.Sent);
        Assert.False(first.Permanent);
        Assert.Equal(TimeSpan.FromMinutes(1), first.RetryAfter);

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await channel.SendAsync(To("13800000009", 31), default)).Sent);
        Assert.True((await channel.SendAsync(To("13800000009", 31), default)).Sent);
        Assert.Single(services.WeCom);
    }

    [Fact]
    public async Task APersonWeComDoesNotKnowIsRefusedForGoodSoTheChaseStarts()
    {
        var result = await channel.SendAsync(To("13912345678", 41), default);
        Assert.False(result.Sent);
        Assert.True(result.Permanent);
        Assert.Empty(services.WeCom);
        Assert.True((await channel.SendAsync(To("13912345678", 41) with { Mobile = null }, default)).Permanent);
    }
}
