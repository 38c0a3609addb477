using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Data;

namespace PoliceGrid.Tests.Events;

/// <summary>The demo data on both providers with a clock the tests set; event tests create their own events in it.</summary>
public abstract class EventsApp(string provider) : IAsyncLifetime
{
    public TestClock Clock { get; } = new();
    public ProductApp App { get; private set; } = null!;
    readonly Dictionary<string, HttpClient> clients = [];

    public async Task InitializeAsync()
    {
        Clock.Changed += clients.Clear;
        var settings = new Dictionary<string, string> { ["Events:SweepSeconds"] = "0", ["Open311:ApiKeys:test-12345-hotline"] = "Hotline12345",
            ["Open311:PostsPerMinutePerKey"] = "100000", ["Open311:PostsPerMinutePerAddress"] = "100000" };
        // The seed reads the clock: every fixture whose clock starts at the same time seeds the same (Events, Duty).
        App = new ProductApp(await TestDatabase.CreateAsync(provider), settings: settings,
            services: s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)), seedKey: $"test clock at {Clock.GetUtcNow():O}\n{SeededTemplates.KeyOf(settings)}");
        _ = App.Server;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    /// <summary>A signed-in client per demo account, reused across tests.</summary>
    public async Task<HttpClient> As(string userName)
    {
        if (!clients.TryGetValue(userName, out var client))
            clients[userName] = client = await App.SignInAsync(userName);
        return client;
    }

    public Task<int> UnitOf(string userName) => App.WithDbAsync(db => db.Users.Where(a => a.UserName == userName).Select(a => a.UnitId).SingleAsync());

    public Task<int> AccountOf(string userName) => App.WithDbAsync(db => db.Users.Where(a => a.UserName == userName).Select(a => a.Id).SingleAsync());

    /// <summary>A point inside the grid of a demo account.</summary>
    public Task<(double Lon, double Lat)> PointInGridOf(string userName) => App.WithDbAsync(async db =>
    {
        var unit = await db.Users.Where(a => a.UserName == userName).Select(a => a.UnitId).SingleAsync();
        var outline = await db.Units.Where(u => u.Id == unit).Select(u => u.Outline).SingleAsync();
        var point = PoliceGrid.Web.Units.Wkb.Read(outline!).InteriorPoint;
        return (point.X, point.Y);
    });

    /// <summary>Reports an event as a demo account at a point in her (or another account's) grid; returns the JSON answer.</summary>
    public async Task<JsonElement> ReportAsync(string userName, string category = "05.01", string? inGridOf = null, object? extra = null, string? title = null)
    {
        var (lon, lat) = await PointInGridOf(inGridOf ?? "gridworker1");
        var body = new Dictionary<string, object?> { ["categoryCode"] = category, ["title"] = title ?? "测试事件 " + Guid.NewGuid().ToString("N")[..6], ["description"] = "测试", ["lon"] = lon, ["lat"] = lat };
        if (extra is not null)
            foreach (var p in extra.GetType().GetProperties())
                body[p.Name] = p.GetValue(extra);
        var response = await (await As(userName)).PostAsJsonAsync("/api/events", body);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"report as {userName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<HttpResponseMessage> ActAsync(string userName, int id, string action, object? body = null) =>
        await (await As(userName)).PostAsJsonAsync($"/api/events/{id}/{action}", body ?? new { });
}

public sealed class SqliteEvents() : EventsApp(DatabaseSetup.Sqlite);

public sealed class PostgresEvents() : EventsApp(DatabaseSetup.Postgres);

[CollectionDefinition(Name)]
public sealed class EventsData : ICollectionFixture<SqliteEvents>, ICollectionFixture<PostgresEvents>
{
    public const string Name = "events";
}

/// <summary>Base of event tests: picks the app for the provider of a theory row.</summary>
public abstract class EventTests(SqliteEvents sqlite, PostgresEvents postgres)
{
    protected EventsApp On(string provider) => provider == DatabaseSetup.Sqlite ? sqlite : postgres;

    public static TheoryData<string> Providers => new() { DatabaseSetup.Sqlite, DatabaseSetup.Postgres };

    protected static int IdOf(JsonElement e) => e.GetProperty("id").GetInt32();

    protected static int VersionOf(JsonElement e) => e.GetProperty("version").GetInt32();
}
