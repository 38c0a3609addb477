using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Tests.Events;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Tests.Duty;

/// <summary>The demo data with a clock the tests set and no demo rota: each test puts on the rota whom it routes to.</summary>
public sealed class SqliteDuty() : EventsApp(DatabaseSetup.Sqlite);

public sealed class PostgresDuty() : EventsApp(DatabaseSetup.Postgres);

[CollectionDefinition(Name)]
public sealed class DutyData : ICollectionFixture<SqliteDuty>, ICollectionFixture<PostgresDuty>
{
    public const string Name = "duty";
}

public abstract class DutyTests(SqliteDuty sqlite, PostgresDuty postgres)
{
    protected EventsApp On(string provider) => provider == DatabaseSetup.Sqlite ? sqlite : postgres;

    public static TheoryData<string> Providers => new() { DatabaseSetup.Sqlite, DatabaseSetup.Postgres };

    /// <summary>The demo station (派出所) of the demo township.</summary>
    protected static Task<int> StationOf(EventsApp app) => app.UnitOf("stationhead");

    /// <summary>Puts a demo account in a seat as the station head; an entry already there (an earlier row of the theory) is fine.</summary>
    protected static async Task<int?> EnsureOnDutyAsync(EventsApp app, string userName, string date, string period, string seat = "OfficerOnDuty")
    {
        var response = await (await app.As("stationhead")).PostAsJsonAsync("/api/duty/shifts",
            new { unitId = await StationOf(app), date, period, seat, accountId = await app.AccountOf(userName) });
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"assign {userName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response.StatusCode == HttpStatusCode.Created ? await response.Content.ReadFromJsonAsync<int>() : null;
    }

    protected static async Task<JsonElement> WeekAsync(EventsApp app, string userName, string week, int? unitId = null)
    {
        var unit = unitId ?? await StationOf(app);
        return await (await app.As(userName)).GetFromJsonAsync<JsonElement>($"/api/duty/rota?unitId={unit}&week={week}");
    }

    protected static IEnumerable<(int Id, string Date, string Period, string Seat, string Name)> EntriesOf(JsonElement week) =>
        week.GetProperty("entries").EnumerateArray().Select(e => (e.GetProperty("id").GetInt32(), e.GetProperty("date").GetString()!,
            e.GetProperty("period").GetString()!, e.GetProperty("seat").GetString()!, e.GetProperty("name").GetString()!));

    /// <summary>An officer of another station of the county: staff the demo station's head may not put on his rota.</summary>
    protected static Task<int> OfficerOfAnotherStation(EventsApp app) => app.App.WithDbAsync(async db =>
    {
        var station = await db.Units.SingleAsync(u => u.Code == "S" + DemoSeed.DemoTownship);
        return await (from a in db.Users
                      join u in db.Units on a.UnitId equals u.Id
                      where u.Kind == UnitKind.PoliceDistrict && !u.Path.StartsWith(station.Path) && a.Role == Role.CommunityOfficer
                      orderby a.Id
                      select a.Id).FirstAsync();
    });
}
