using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Shared.Live;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Tests.CommandRoom;

/// <summary>Two instances of the product on one PostgreSQL database, as behind a load balancer.</summary>
public sealed class TwoInstances : IAsyncLifetime
{
    static readonly Dictionary<string, string> Settings = new() { ["Events:SweepSeconds"] = "0" };

    public ProductApp A { get; private set; } = null!;
    public ProductApp B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var database = await TestDatabase.CreateAsync(DatabaseSetup.Postgres);
        A = new ProductApp(database, settings: Settings);
        _ = A.Server;
        B = new ProductApp(database, settings: Settings, ownsDatabase: false);
        _ = B.Server;
        await WaitUntil(() => Listening(A) && Listening(B), TimeSpan.FromSeconds(10));
    }

    static bool Listening(ProductApp app) => app.Services.GetRequiredService<LiveListener>().Listening;

    public static async Task WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
                throw new TimeoutException("condition not met in " + timeout);
            await Task.Delay(20);
        }
    }

    public async Task DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
    }
}

/// <summary>Reads a server-sent event stream line by line.</summary>
public sealed class LiveFeedClient(HttpResponseMessage response, StreamReader reader) : IAsyncDisposable
{
    public static async Task<LiveFeedClient> OpenAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/live", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var stream = new LiveFeedClient(response, reader);
        Assert.Equal("retry: 2000", await reader.ReadLineAsync());
        return stream;
    }

    /// <summary>Waits for a change about the given event id; null if none came in time.</summary>
    public async Task<JsonElement?> NextAboutAsync(int id, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (await reader.ReadLineAsync(cancel.Token) is { } line)
            {
                if (!line.StartsWith("data: ", StringComparison.Ordinal))
                    continue;
                var data = JsonDocument.Parse(line[6..]).RootElement;
                if (data.GetProperty("id").GetInt32() == id)
                    return data;
            }
        }
        catch (OperationCanceledException)
        {
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        reader.Dispose();
        response.Dispose();
        await Task.CompletedTask;
    }
}

public class LiveUpdateTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    static async Task<int> ReportAsync(ProductApp app, string user)
    {
        var client = await app.SignInAsync(user);
        var response = await client.PostAsJsonAsync("/api/events", new { categoryCode = "05.01", title = "两实例测试" });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    [Fact]
    public async Task AnEventReportedOnOneInstanceReachesABoardOnTheOtherWithinASecond()
    {
        await using var board = await LiveFeedClient.OpenAsync(await instances.B.SignInAsync("dispatcher"));
        var reporter = await instances.A.SignInAsync("gridworker1");

        var clock = Stopwatch.StartNew();
        var response = await reporter.PostAsJsonAsync("/api/events", new { categoryCode = "05.01", title = "两实例实时测试" });
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var change = await board.NextAboutAsync(id, TimeSpan.FromSeconds(1));

        Assert.NotNull(change);
        Assert.Equal("event-reported", change.Value.GetProperty("kind").GetString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task AStepTakenOnOneInstanceReachesTheReportersInboxOnTheOther()
    {
        var id = await ReportAsync(instances.B, "gridworker1");
        await using var inbox = await LiveFeedClient.OpenAsync(await instances.B.SignInAsync("gridworker1"));

        var dispatcher = await instances.A.SignInAsync("dispatcher");
        Assert.True((await dispatcher.PostAsJsonAsync($"/api/events/{id}/accept", new { })).IsSuccessStatusCode);

        var change = await inbox.NextAboutAsync(id, TimeSpan.FromSeconds(1));
        Assert.Equal("event-accept", change?.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task AViewerOutsideTheAreaHearsNothingOfIt()
    {
        await using var other = await LiveFeedClient.OpenAsync(await instances.B.SignInAsync("gridworker2"));

        var id = await ReportAsync(instances.A, "gridworker1");

        Assert.Null(await other.NextAboutAsync(id, TimeSpan.FromSeconds(1.5)));
    }

    [Fact]
    public async Task ALostListenerConnectionReconnectsAndTellsBoardsToResync()
    {
        await using var board = await LiveFeedClient.OpenAsync(await instances.B.SignInAsync("dispatcher"));
        await using (var admin = new Npgsql.NpgsqlConnection(instances.A.Database.ConnectionString))
        {
            await admin.OpenAsync();
            await using var kill = new Npgsql.NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'policegrid-live' AND datname = current_database()", admin);
            Assert.Equal(2L, await kill.ExecuteScalarAsync());
        }

        var resync = await board.NextAboutAsync(0, TimeSpan.FromSeconds(5));
        Assert.Equal("resync", resync?.GetProperty("kind").GetString());
        var id = await ReportAsync(instances.A, "gridworker1");
        Assert.NotNull(await board.NextAboutAsync(id, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task ASettingsChangeOnOneInstanceRoutesTheOthersNextReport()
    {
        var township = await instances.A.WithDbAsync(db => db.Units.Where(u => u.Code == DemoSeed.DemoTownship).Select(u => u.Id).SingleAsync());
        var reporter = await instances.B.SignInAsync("gridworker1");
        async Task<string?> SideOfNextReport()
        {
            var response = await reporter.PostAsJsonAsync("/api/events", new { categoryCode = "05.01", title = "设置同步测试" });
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("handlerSide").GetString();
        }
        var admin = await instances.A.SignInAsync("admin");
        async Task SetHours(int weekdays, int from, int to) => Assert.True((await admin.PutAsJsonAsync($"/api/event-settings/office-hours?townshipId={township}",
            new { weekdays, morningStart = from, morningEnd = to, afternoonStart = to, afternoonEnd = to })).IsSuccessStatusCode);
        await SetHours(0, 0, 0); // never office hours: non-police work goes to the officer
        await TwoInstances.WaitUntil(() => SideOfNextReport().GetAwaiter().GetResult() == "Police", TimeSpan.FromSeconds(2));

        await SetHours(127, 0, 1440); // always office hours
        var clock = Stopwatch.StartNew();
        await TwoInstances.WaitUntil(() => SideOfNextReport().GetAwaiter().GetResult() == "Grid", TimeSpan.FromSeconds(2));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task AUnitChangeOnOneInstanceRefreshesTheLocatorOfTheOther()
    {
        var (grid, from, to) = await instances.A.WithDbAsync(async db =>
        {
            var grid = await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.Grid && u.Path.StartsWith("/4104/410402/410402002/")).OrderBy(u => u.Code).FirstAsync();
            var station = await db.Units.AsNoTracking().Where(u => u.Id == grid.PoliceDistrictId).Select(u => u.ParentId).SingleAsync();
            var other = await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.PoliceDistrict && u.Id != grid.PoliceDistrictId && u.ParentId == station).FirstAsync();
            return (grid.Id, grid.PoliceDistrictId!.Value, other.Id);
        });
        var locatorB = instances.B.Services.GetRequiredService<UnitLocator>();
        Assert.Equal(from, locatorB.ChainOf(grid)?.PoliceDistrict?.Id);

        var admin = await instances.A.SignInAsync("admin");
        Assert.True((await admin.PutAsJsonAsync($"/api/units/{grid}", new { policeDistrictId = to })).IsSuccessStatusCode);

        await TwoInstances.WaitUntil(() => locatorB.ChainOf(grid)?.PoliceDistrict?.Id == to, TimeSpan.FromSeconds(2));
    }
}

/// <summary>On SQLite (one process) live updates are carried in memory.</summary>
[Collection(DemoData.Name)]
public class InProcessLiveUpdateTests(SqliteDemo sqlite)
{
    [Fact]
    public async Task AnEventReachesAnOpenBoardInTheSameProcess()
    {
        await using var board = await LiveFeedClient.OpenAsync(await sqlite.App.SignInAsync("stationhead"));
        var reporter = await sqlite.App.SignInAsync("gridworker1");

        var response = await reporter.PostAsJsonAsync("/api/events", new { categoryCode = "05.01", title = "单实例实时测试" });
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        Assert.NotNull(await board.NextAboutAsync(id, TimeSpan.FromSeconds(1)));
    }
}
