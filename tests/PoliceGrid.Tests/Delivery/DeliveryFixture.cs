using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Delivery;

namespace PoliceGrid.Tests.Delivery;

/// <summary>
/// The demo units and accounts (no register) with every channel on, pointed at <see cref="FakeChannelServers"/>: the
/// DingTalk robot for every message, SMS as the chase channel. The outbox and the chase run only when a test says so.
/// </summary>
public abstract class DeliveryApp(string provider) : IAsyncLifetime
{
    public TestClock Clock { get; } = new();
    public ProductApp App { get; private set; } = null!;
    public FakeChannelServers Services { get; private set; } = null!;
    readonly Dictionary<string, HttpClient> clients = [];

    public async Task InitializeAsync()
    {
        Clock.Changed += clients.Clear;
        Services = await FakeChannelServers.StartAsync(() => Clock.GetUtcNow());
        var settings = new Dictionary<string, string>
        {
            ["Demo:Register"] = "false", ["Events:SweepSeconds"] = "0", ["Delivery:SweepSeconds"] = "0",
            ["Delivery:Channels:0"] = DingTalkRobot.Name, ["Delivery:ChaseChannel"] = SmsGateway.Name, ["Delivery:PublicBaseUrl"] = "https://policegrid.test",
            ["Delivery:Sms:Url"] = Services.BaseUrl + "/sms/send", ["Delivery:Sms:AppId"] = FakeChannelServers.SmsAppId,
            ["Delivery:Sms:Secret"] = FakeChannelServers.SmsSecret, ["Delivery:Sms:PerSecond"] = "1000",
            ["Delivery:DingTalk:Webhook"] = Services.BaseUrl + "/robot/send?access_token=" + FakeChannelServers.RobotToken,
            ["Delivery:DingTalk:Secret"] = FakeChannelServers.RobotSecret, ["Delivery:DingTalk:PerSecond"] = "1000",
            ["Delivery:PoliceAckMinutes"] = "10", ["Delivery:GridAckMinutes"] = "60", ["Delivery:LeaseSeconds"] = "60",
        };
        await ChannelsAsync(settings);
        App = new ProductApp(await TestDatabase.CreateAsync(provider), settings: settings, services: s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)),
            // The seed reads the clock and the channels, not where the fake servers listen (nothing is sent while
            // seeding): every fixture like this one seeds the same (Delivery, Web Push, Teams).
            seedKey: $"test clock at {Clock.GetUtcNow():O}\ndelivery fixture");
        _ = App.Server;
    }

    /// <summary>Where a fixture with other channels changes the settings (and starts the services they need).</summary>
    protected virtual Task ChannelsAsync(Dictionary<string, string> settings) => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Services.DisposeAsync();
    }

    public async Task<HttpClient> As(string userName)
    {
        if (!clients.TryGetValue(userName, out var client))
            clients[userName] = client = await App.SignInAsync(userName);
        return client;
    }

    /// <summary>The next weekday at 10:00 China time: office hours, later than anything an earlier test left waiting.</summary>
    public void NextWorkdayMorning()
    {
        var day = Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).Date.AddDays(1);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            day = day.AddDays(1);
        Clock.SetChinaTime(day.Year, day.Month, day.Day, 10, 0);
    }

    public Task<int> AccountOf(string userName) => App.WithDbAsync(db => db.Users.Where(a => a.UserName == userName).Select(a => a.Id).SingleAsync());

    public Task<string> MobileOf(string userName) => App.WithDbAsync(db => db.Users.Where(a => a.UserName == userName).Select(a => a.PhoneNumber!).SingleAsync());

    /// <summary>One round of the outbox, as the worker of one instance runs it.</summary>
    public async Task<int> SendAsync(CancellationToken ct = default)
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<SendDeliveries>().RunAsync(ct: ct);
    }

    public async Task<int> ChaseAsync()
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ChaseAcknowledgements>().RunAsync();
    }

    /// <summary>A 110 call about non-police work in the grid of <paramref name="gridOf"/>, in office hours: diverted to that grid.</summary>
    public async Task<int> DivertedCallAsync(string gridOf, string title)
    {
        var e = await ReportAsync("dispatcher", gridOf, new { categoryCode = "08.01", title, description = "居民来电", source = "Call110" });
        Assert.True(e.GetProperty("divertedToGrid").GetBoolean());
        return e.GetProperty("id").GetInt32();
    }

    /// <summary>A report by <paramref name="userName"/> placed inside the grid of <paramref name="gridOf"/>.</summary>
    public async Task<JsonElement> ReportAsync(string userName, string gridOf, object fields)
    {
        var (lon, lat) = await App.WithDbAsync(async db =>
        {
            var unit = await db.Users.Where(a => a.UserName == gridOf).Select(a => a.UnitId).SingleAsync();
            var outline = await db.Units.Where(u => u.Id == unit).Select(u => u.Outline).SingleAsync();
            var point = PoliceGrid.Web.Units.Wkb.Read(outline!).InteriorPoint;
            return (point.X, point.Y);
        });
        var body = JsonSerializer.SerializeToNode(fields)!.AsObject();
        body["lon"] = lon;
        body["lat"] = lat;
        var response = await (await As(userName)).PostAsJsonAsync("/api/events", body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The messages about an event, per recipient's user name.</summary>
    public Task<List<(string UserName, MessageKind Kind, bool Acknowledged, int ChaseLevel)>> MessagesAboutAsync(int eventId) => App.WithDbAsync(async db =>
        (await (from m in db.Messages
                join a in db.Users on m.RecipientId equals a.Id
                where m.SubjectType == "event" && m.SubjectId == eventId
                select new { a.UserName, m.Kind, m.AcknowledgedAt, m.ChaseLevel }).ToListAsync())
        .Select(m => (m.UserName!, m.Kind, m.AcknowledgedAt != null, m.ChaseLevel)).ToList());
}

public sealed class SqliteDelivery() : DeliveryApp(DatabaseSetup.Sqlite);

public sealed class PostgresDelivery() : DeliveryApp(DatabaseSetup.Postgres);

[CollectionDefinition(Name)]
public sealed class DeliveryData : ICollectionFixture<SqliteDelivery>, ICollectionFixture<PostgresDelivery>
{
    public const string Name = "delivery";
}

public abstract class DeliveryTests(SqliteDelivery sqlite, PostgresDelivery postgres)
{
    protected DeliveryApp On(string provider) => provider == DatabaseSetup.Sqlite ? sqlite : postgres;

    public static TheoryData<string> Providers => new() { DatabaseSetup.Sqlite, DatabaseSetup.Postgres };
}
