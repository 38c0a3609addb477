using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Events;

namespace PoliceGrid.Tests.Events;

[Collection(EventsData.Name)]
public class RouteEventTests(SqliteEvents sqlite, PostgresEvents postgres) : EventTests(sqlite, postgres)
{
    /// <summary>China time, category, expected handler side. 2026-03-11 is a Wednesday; 10-02 is National Day; 10-10 a Saturday worked in lieu.</summary>
    public static TheoryData<string, string, string, string> Cases()
    {
        var rows = new (string When, string Category, string Side)[]
        {
            ("2026-03-11 10:00", "05.01", "Grid"),
            ("2026-03-11 08:29", "05.01", "Police"),
            ("2026-03-11 08:30", "05.01", "Grid"),
            ("2026-03-11 11:59", "05.01", "Grid"),
            ("2026-03-11 12:00", "05.01", "Police"),
            ("2026-03-11 14:29", "05.01", "Police"),
            ("2026-03-11 14:30", "05.01", "Grid"),
            ("2026-03-11 17:59", "05.01", "Grid"),
            ("2026-03-11 18:00", "05.01", "Police"),
            ("2026-03-14 10:00", "05.01", "Police"),
            ("2026-10-02 10:00", "05.01", "Police"),
            ("2026-10-10 10:00", "05.01", "Grid"),
            ("2026-02-14 10:00", "05.01", "Grid"),
            ("2026-03-11 10:00", "06.01", "Police"),
            ("2026-03-14 03:00", "06.01", "Police"),
            ("2026-03-11 10:00", "05.02", "Department"),
            ("2026-03-11 20:00", "05.02", "Police"),
        };
        var data = new TheoryData<string, string, string, string>();
        foreach (var provider in new[] { DatabaseSetup.Sqlite, DatabaseSetup.Postgres })
            foreach (var (when, category, side) in rows)
                data.Add(provider, when, category, side);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task RoutesByPoliceWorkOfficeHoursAndHolidays(string provider, string when, string category, string side)
    {
        var app = On(provider);
        var t = DateTime.ParseExact(when, "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        app.Clock.SetChinaTime(t.Year, t.Month, t.Day, t.Hour, t.Minute);

        var e = await app.ReportAsync("gridworker1", category);

        Assert.Equal(side, e.GetProperty("handlerSide").GetString());
        var expectedUnit = side switch
        {
            "Grid" => await app.UnitOf("gridworker1"),
            "Police" => await app.UnitOf("officer"),
            _ => await app.App.WithDbAsync(db => db.Units.Where(u => u.Code == "410402").Select(u => u.Id).SingleAsync()),
        };
        Assert.Equal(expectedUnit, e.GetProperty("handlerUnitId").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ATownshipsOwnOfficeHoursOverrideTheDefault(string provider)
    {
        var app = On(provider);
        var township = await app.App.WithDbAsync(db => db.Units.Where(u => u.Code == DemoSeed.DemoTownship).Select(u => u.Id).SingleAsync());
        async Task SetHours(int morningStart, int morningEnd, int afternoonStart, int afternoonEnd) =>
            Assert.Equal(System.Net.HttpStatusCode.OK, (await (await app.As("admin")).PutAsJsonAsync($"/api/event-settings/office-hours?townshipId={township}",
                new { weekdays = 62, morningStart, morningEnd, afternoonStart, afternoonEnd })).StatusCode);
        await SetHours(9 * 60, 12 * 60, 13 * 60 + 30, 17 * 60);
        try
        {
            app.Clock.SetChinaTime(2026, 3, 11, 8, 45);
            var early = await app.ReportAsync("gridworker1");
            app.Clock.SetChinaTime(2026, 3, 11, 13, 45);
            var afternoon = await app.ReportAsync("gridworker1");

            Assert.Equal("Police", early.GetProperty("handlerSide").GetString());
            Assert.Equal("Grid", afternoon.GetProperty("handlerSide").GetString());
        }
        finally
        {
            app.Clock.SetChinaTime(2026, 3, 11, 10, 0);
            await SetHours(510, 720, 870, 1080);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ADivertedCallOfNonPoliceWorkGoesToTheGridAndIsCountedAsDiverted(string provider)
    {
        var app = On(provider);
        app.Clock.SetChinaTime(2026, 3, 11, 10, 0);

        var e = await app.ReportAsync("dispatcher", "08.01", extra: new { source = "Call110" });

        Assert.Equal("Grid", e.GetProperty("handlerSide").GetString());
        Assert.Equal("Call110", e.GetProperty("source").GetString());
        Assert.True(e.GetProperty("divertedToGrid").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AGridWorkerCannotClaimAnotherSource(string provider)
    {
        var (lon, lat) = await On(provider).PointInGridOf("gridworker1");
        var response = await (await On(provider).As("gridworker1")).PostAsJsonAsync("/api/events",
            new { categoryCode = "05.01", title = "x", lon, lat, source = "Call110" });

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("source", out _));
    }
}
