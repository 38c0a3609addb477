using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Delivery;

namespace PoliceGrid.Tests.Delivery;

/// <summary>The demo with Web Push as the channel every message goes out on (SMS still the chase), against <see cref="FakePushService"/>.</summary>
public abstract class PushDeliveryApp(string provider) : DeliveryApp(provider)
{
    static readonly (string Public, string Private) Vapid = WebPushProtocol.NewVapidKeys();
    public FakePushService Push { get; private set; } = null!;
    public static string PublicKey => Vapid.Public;

    protected override async Task ChannelsAsync(Dictionary<string, string> settings)
    {
        Push = await FakePushService.StartAsync(Vapid.Public, () => Clock.GetUtcNow());
        settings["Delivery:Channels:0"] = WebPush.Name;
        settings["Delivery:WebPush:Subject"] = "mailto:ops@county.example";
        settings["Delivery:WebPush:PublicKey"] = Vapid.Public;
        settings["Delivery:WebPush:PrivateKey"] = Vapid.Private;
        settings["Delivery:WebPush:PerSecond"] = "1000";
        settings["Delivery:WebPush:AllowedHosts:0"] = "127.0.0.1";
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Push.DisposeAsync();
    }

    /// <summary>A new browser of <paramref name="userName"/>'s, with push turned on in it, and no other browser of hers left.</summary>
    public async Task<string> BrowserOfAsync(string userName, HttpClient? signedIn = null)
    {
        var account = await AccountOf(userName);
        await App.WithDbAsync(db => db.PushSubscriptions.Where(s => s.AccountId == account).ExecuteDeleteAsync());
        var (id, subscription) = Push.NewBrowser();
        var response = await (signedIn ?? await As(userName)).PostAsJsonAsync("/api/push/subscriptions", subscription);
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
        return id;
    }
}

public sealed class SqlitePushDelivery() : PushDeliveryApp(DatabaseSetup.Sqlite);

public sealed class PostgresPushDelivery() : PushDeliveryApp(DatabaseSetup.Postgres);

[CollectionDefinition(Name)]
public sealed class PushDeliveryData : ICollectionFixture<SqlitePushDelivery>, ICollectionFixture<PostgresPushDelivery>
{
    public const string Name = "push delivery";
}

/// <summary>A task reaches the phone by Web Push: encrypted for her browser, signed for the push service, once; a forgotten browser starts the chase.</summary>
[Collection(PushDeliveryData.Name)]
public class WebPushTests(SqlitePushDelivery sqlite, PostgresPushDelivery postgres)
{
    PushDeliveryApp On(string provider) => provider == DatabaseSetup.Sqlite ? sqlite : postgres;

    public static TheoryData<string> Providers => new() { DatabaseSetup.Sqlite, DatabaseSetup.Postgres };

    static Task<int> PushSubscriptionsOf(PushDeliveryApp app, string userName) =>
        app.App.WithDbAsync(db => db.PushSubscriptions.CountAsync(s => db.Users.Any(a => a.Id == s.AccountId && a.UserName == userName)));

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ADivertedCallReachesTheGridWorkersPhoneEncryptedSignedAndWithoutTheCallersWords(string provider)
    {
        var app = On(provider);
        app.NextWorkdayMorning();
        var worker = await app.As("gridworker1");
        Assert.Equal(PushDeliveryApp.PublicKey, (await worker.GetFromJsonAsync<JsonElement>("/api/push/key")).GetProperty("publicKey").GetString());
        Assert.Contains($"data-push-key=\"{PushDeliveryApp.PublicKey}\"", await worker.GetStringAsync("/inbox"), StringComparison.Ordinal);
        var browser = await app.BrowserOfAsync("gridworker1");

        var id = await app.DivertedCallAsync("gridworker1", "王家漏水 13912345678");
        await app.SendAsync();

        var push = Assert.Single(app.Push.To(browser));
        Assert.Equal($"110 分流：事件 SJ{id:D7}", push.Payload.GetProperty("title").GetString());
        Assert.Equal($"https://policegrid.test/events/{id}", push.Payload.GetProperty("url").GetString());
        Assert.DoesNotContain("王家", push.Payload.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", push.Payload.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(push.Payload.GetProperty("tag").GetString(), push.Topic);
        Assert.Equal("high", push.Urgency);
        Assert.Equal(4 * 3600, push.Ttl);
        Assert.Empty(app.Push.Refusals);

        await app.SendAsync();
        Assert.Single(app.Push.To(browser)); // sent once; the next round has nothing to send
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ABrowserThePushServiceForgotIsDroppedAndTheMessageGoesBySmsAtOnce(string provider)
    {
        var app = On(provider);
        app.NextWorkdayMorning();
        var browser = await app.BrowserOfAsync("gridworker1");
        app.Push.Gone[browser] = true;

        var id = await app.DivertedCallAsync("gridworker1", "路灯不亮");
        await app.SendAsync();

        Assert.Equal(0, await PushSubscriptionsOf(app, "gridworker1"));
        await app.ChaseAsync();
        await app.SendAsync();
        var mobile = await app.MobileOf("gridworker1");
        Assert.Contains(app.Services.Sms, s => s.To == mobile && s.Content.Contains($"SJ{id:D7}", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TooManyRequestsWaitsAsTheServiceAsksAndThePushArrivesOnce(string provider)
    {
        var app = On(provider);
        app.NextWorkdayMorning();
        var browser = await app.BrowserOfAsync("gridworker1");
        app.Push.TooMany = 1;

        var id = await app.DivertedCallAsync("gridworker1", "垃圾满溢");
        await app.SendAsync();
        Assert.Empty(app.Push.To(browser));

        app.Clock.Advance(TimeSpan.FromSeconds(8));
        await app.SendAsync();
        await app.SendAsync();

        var push = Assert.Single(app.Push.To(browser));
        Assert.Equal($"https://policegrid.test/events/{id}", push.Payload.GetProperty("url").GetString());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AfterSigningOutTheBrowserGetsNoMorePushes(string provider)
    {
        var app = On(provider);
        app.NextWorkdayMorning();
        var session = await app.App.SignInAsync("gridworker2");
        var browser = await app.BrowserOfAsync("gridworker2", session);
        Assert.Equal(HttpStatusCode.NoContent, (await session.PostAsync("/api/auth/logout", null)).StatusCode);

        await app.DivertedCallAsync("gridworker2", "下水道堵塞");
        await app.SendAsync();

        Assert.Empty(app.Push.To(browser));
        Assert.Equal(0, await PushSubscriptionsOf(app, "gridworker2"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task OnlyAnAllowedPushServiceAndRealBrowserKeysAreTakenAndNothingElseIsKept(string provider)
    {
        var app = On(provider);
        var worker = await app.As("gridworker1");
        var account = await app.AccountOf("gridworker1");
        await app.App.WithDbAsync(db => db.PushSubscriptions.Where(s => s.AccountId == account).ExecuteDeleteAsync());
        var (_, real) = app.Push.NewBrowser();
        var keys = JsonSerializer.SerializeToElement(real).GetProperty("keys");

        var elsewhere = await worker.PostAsJsonAsync("/api/push/subscriptions", new { endpoint = "https://intranet.county.example/admin", keys });
        var badKeys = await worker.PostAsJsonAsync("/api/push/subscriptions", new { endpoint = $"{app.Push.BaseUrl}/push/x", keys = new { p256dh = "BAAA", auth = "short" } });

        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        var problem = await elsewhere.Content.ReadAsStringAsync();
        Assert.Contains("这不是允许的推送服务地址", problem, StringComparison.Ordinal);
        Assert.Contains("This is not an allowed push service address", problem, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badKeys.StatusCode);
        Assert.Equal(0, await PushSubscriptionsOf(app, "gridworker1"));
    }
}
