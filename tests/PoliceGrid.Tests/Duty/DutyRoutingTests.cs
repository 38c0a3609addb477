using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Data;

namespace PoliceGrid.Tests.Duty;

/// <summary>
/// The Shuocheng rule: police work outside office hours goes to the station's officer on duty for the shift covering
/// that moment (day 08:00–20:00, night 20:00–08:00 the next day), not to the district's community officer; in office
/// hours, or with no one on duty, it goes to the district as before, and the routing reason says which.
/// </summary>
[Collection(DutyData.Name)]
public class DutyRoutingTests(SqliteDuty sqlite, PostgresDuty postgres) : DutyTests(sqlite, postgres)
{
    /// <summary>2026-06-03 is a Wednesday; 06-19 is the Dragon Boat Festival (a holiday); 06-05 has no rota.</summary>
    async Task<PoliceGrid.Tests.Events.EventsApp> RotaAsync(string provider)
    {
        var app = On(provider);
        await EnsureOnDutyAsync(app, "stationhead", "2026-06-03", "Day");
        await EnsureOnDutyAsync(app, "officer", "2026-06-03", "Night");
        await EnsureOnDutyAsync(app, "auxiliary", "2026-06-04", "Day");
        await EnsureOnDutyAsync(app, "auxiliary", "2026-06-19", "Day");
        // A leader on duty is not the officer on duty: he never gets the event.
        await EnsureOnDutyAsync(app, "stationhead", "2026-06-04", "Day", "LeaderOnDuty");
        return app;
    }

    public static TheoryData<string, string, string, string?> Cases()
    {
        var rows = new (string When, string Category, string? OnDuty)[]
        {
            ("2026-06-03 19:59", "06.01", "stationhead"),
            ("2026-06-03 20:00", "06.01", "officer"),
            ("2026-06-04 07:59", "06.01", "officer"),
            ("2026-06-04 08:00", "06.01", "auxiliary"),
            ("2026-06-03 21:00", "05.01", "officer"),
            ("2026-06-19 10:00", "06.01", "auxiliary"),
            ("2026-06-04 10:00", "06.01", null),
            ("2026-06-05 21:00", "06.01", null),
        };
        var data = new TheoryData<string, string, string, string?>();
        foreach (var provider in new[] { DatabaseSetup.Sqlite, DatabaseSetup.Postgres })
            foreach (var (when, category, onDuty) in rows)
                data.Add(provider, when, category, onDuty);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task PoliceWorkOutsideOfficeHoursGoesToTheOfficerOnDutyOfTheShiftThen(string provider, string when, string category, string? onDuty)
    {
        var app = await RotaAsync(provider);
        var t = DateTime.ParseExact(when, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        app.Clock.SetChinaTime(t.Year, t.Month, t.Day, t.Hour, t.Minute);

        var e = await app.ReportAsync("gridworker1", category);

        Assert.Equal("Police", e.GetProperty("handlerSide").GetString());
        if (onDuty is null)
        {
            Assert.Equal(await app.UnitOf("officer"), e.GetProperty("handlerUnitId").GetInt32());
            Assert.Equal(JsonValueKind.Null, e.GetProperty("handlerAccountId").ValueKind);
        }
        else
        {
            Assert.Equal(await StationOf(app), e.GetProperty("handlerUnitId").GetInt32());
            Assert.Equal(await app.AccountOf(onDuty), e.GetProperty("handlerAccountId").GetInt32());
            Assert.Contains("值班民警", e.GetProperty("routedByZh").GetString(), StringComparison.Ordinal);
            Assert.Contains("officer on duty", e.GetProperty("routedByEn").GetString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task WithNoOneOnDutyTheReasonSaysSoAndItGoesToTheDistrict(string provider)
    {
        var app = await RotaAsync(provider);
        app.Clock.SetChinaTime(2026, 6, 5, 23, 30);

        var e = await app.ReportAsync("gridworker1", "06.01");

        Assert.Equal(await app.UnitOf("officer"), e.GetProperty("handlerUnitId").GetInt32());
        Assert.Contains("无人值班", e.GetProperty("routedByZh").GetString(), StringComparison.Ordinal);
        Assert.Contains("no officer on duty", e.GetProperty("routedByEn").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheOfficerOnDutySeesTheEventAcceptsItAndHandlesIt(string provider)
    {
        var app = await RotaAsync(provider);
        app.Clock.SetChinaTime(2026, 6, 4, 6, 30);
        // In another village's grid: outside 李警官's own district, inside his station.
        var e = await app.ReportAsync("gridworker2", "06.01", inGridOf: "gridworker2");
        var id = e.GetProperty("id").GetInt32();
        Assert.Equal(await app.AccountOf("officer"), e.GetProperty("handlerAccountId").GetInt32());

        var officer = await app.As("officer");
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/api/events/{id}")).StatusCode);
        var tasks = await officer.GetFromJsonAsync<JsonElement>("/api/events/tasks");
        Assert.Contains(Items(tasks), t => t.GetProperty("id").GetInt32() == id);
        Assert.Equal(HttpStatusCode.OK, (await app.ActAsync("officer", id, "accept", new { note = "值班受理" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.ActAsync("officer", id, "start")).StatusCode);
        // The head of the station sees it too: the station is the handler unit now.
        Assert.Equal(HttpStatusCode.OK, (await (await app.As("stationhead")).GetAsync($"/api/events/{id}")).StatusCode);
        // The district's other officer, who is off duty, does not get it.
        Assert.Contains((await app.ActAsync("auxiliary", id, "handle")).StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound });
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PoliceWorkAtNightReachesTheOfficerOnDutyAndHisShiftPartner(string provider)
    {
        var app = On(provider);
        await EnsureOnDutyAsync(app, "officer", "2026-06-10", "Night");
        await EnsureOnDutyAsync(app, "auxiliary", "2026-06-10", "Night");
        // Off duty that night, in the day seat: not a partner.
        await EnsureOnDutyAsync(app, "stationhead", "2026-06-10", "Day");
        app.Clock.SetChinaTime(2026, 6, 10, 23, 15);

        var id = (await app.ReportAsync("gridworker1", "06.01")).GetProperty("id").GetInt32();

        var told = await app.App.WithDbAsync(db => (from m in db.Messages
                                                    join a in db.Users on m.RecipientId equals a.Id
                                                    where m.SubjectType == "event" && m.SubjectId == id
                                                    select a.UserName).ToListAsync());
        Assert.Contains("officer", told);
        Assert.Contains("auxiliary", told);
        Assert.DoesNotContain("stationhead", told);
    }

    static IEnumerable<JsonElement> Items(JsonElement list) =>
        list.ValueKind == JsonValueKind.Array ? list.EnumerateArray() : list.GetProperty("items").EnumerateArray();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task WithoutARotaPoliceWorkAtNightStillGoesToTheDistrict(string provider)
    {
        var app = On(provider);
        var station = await StationOf(app);
        var before = await app.App.WithDbAsync(db => db.DutyShifts.CountAsync(s => s.UnitId == station && s.Date == new DateOnly(2026, 6, 12)));
        Assert.Equal(0, before);
        app.Clock.SetChinaTime(2026, 6, 12, 2, 0);

        var e = await app.ReportAsync("gridworker1", "06.01");

        Assert.Equal(await app.UnitOf("officer"), e.GetProperty("handlerUnitId").GetInt32());
    }
}
