using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PoliceGrid.Tests.Events;

/// <summary>Closure, on-time, rework, time-to-close, diversion and year-on-year on a small, known set of events.</summary>
[Collection(EventsData.Name)]
public class EventFiguresTests(SqliteEvents sqlite, PostgresEvents postgres) : EventTests(sqlite, postgres)
{
    static async Task Ok(HttpResponseMessage response) =>
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task FiguresCountWhatHappenedInThePeriodAndAYearBefore(string provider)
    {
        var app = On(provider);
        var grid = await app.UnitOf("gridworker1");
        app.Clock.SetChinaTime(2026, 5, 11, 10, 0);
        var lastYear = IdOf(await app.ReportAsync("gridworker1", "05.01"));
        await Ok(await app.ActAsync("dispatcher", lastYear, "cancel", new { note = "去年的" }));

        app.Clock.SetChinaTime(2027, 5, 10, 10, 0);
        var a = IdOf(await app.ReportAsync("gridworker1", "05.01"));
        app.Clock.SetChinaTime(2027, 5, 10, 10, 2);
        await app.ReportAsync("gridworker1", "06.01");
        app.Clock.SetChinaTime(2027, 5, 10, 10, 3);
        var b = await app.ReportAsync("dispatcher", "08.01", extra: new { source = "Call110" });
        Assert.True(b.GetProperty("divertedToGrid").GetBoolean());
        app.Clock.SetChinaTime(2027, 5, 10, 10, 5);
        var d = IdOf(await app.ReportAsync("gridworker1", "06.01"));
        app.Clock.SetChinaTime(2027, 5, 10, 10, 30);
        await Ok(await app.ActAsync("dispatcher", a, "dispatch", new { unitId = grid }));
        await Ok(await app.ActAsync("gridworker1", a, "start"));
        await Ok(await app.ActAsync("gridworker1", a, "handle", new { note = "清理了" }));
        await Ok(await app.ActAsync("gridchief", a, "return", new { note = "没清完" }));
        await Ok(await app.ActAsync("gridworker1", a, "start"));
        await Ok(await app.ActAsync("gridworker1", a, "handle", new { note = "清完了" }));
        app.Clock.SetChinaTime(2027, 5, 10, 11, 0);
        await Ok(await app.ActAsync("officer", d, "accept"));
        await Ok(await app.ActAsync("officer", d, "start"));
        await Ok(await app.ActAsync("officer", d, "handle", new { note = "已处理" }));
        await Ok(await app.ActAsync("stationhead", d, "verify"));
        app.Clock.SetChinaTime(2027, 5, 10, 12, 0);
        await Ok(await app.ActAsync("gridchief", a, "verify"));
        app.Clock.SetChinaTime(2027, 5, 12, 12, 0);

        var report = await (await app.As("director")).GetFromJsonAsync<JsonElement>("/api/events/figures?from=2027-05-10&to=2027-05-12");

        var now = report.GetProperty("total").GetProperty("now");
        Assert.Equal(4, now.GetProperty("events").GetInt32());
        Assert.Equal(2, now.GetProperty("due").GetInt32());           // the two police events: 2 days to close
        Assert.Equal(0.5, now.GetProperty("closureRate").GetDouble());
        Assert.Equal(0.5, now.GetProperty("onTimeRate").GetDouble());
        Assert.Equal(0.5, now.GetProperty("reworkRate").GetDouble());  // A of A and D
        Assert.Equal(1.5, now.GetProperty("averageHoursToClose").GetDouble());
        Assert.Equal(2.0, now.GetProperty("p90HoursToClose").GetDouble());
        Assert.Equal(1.0, now.GetProperty("divertedShare").GetDouble());
        Assert.Equal(1, report.GetProperty("total").GetProperty("yearBefore").GetProperty("events").GetInt32());
        Assert.Contains(report.GetProperty("units").EnumerateArray(), l => l.GetProperty("now").GetProperty("events").GetInt32() == 4);
        Assert.Contains(report.GetProperty("categories").EnumerateArray(), l => l.GetProperty("name").GetString()!.StartsWith("06.01", StringComparison.Ordinal)
            && l.GetProperty("now").GetProperty("events").GetInt32() == 2);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task FiguresOfAUnitOutsideTheScopeAreNotFound(string provider)
    {
        var app = On(provider);
        var other = await app.UnitOf("gridworker2");

        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("gridworker1")).GetAsync($"/api/events/figures?unitId={other}")).StatusCode);
    }
}
