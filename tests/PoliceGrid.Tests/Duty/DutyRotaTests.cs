using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PoliceGrid.Tests.Duty;

/// <summary>Keeping the rota: who may be put on it, copy last week, swaps the head approves, who may read and edit it.</summary>
[Collection(DutyData.Name)]
public class DutyRotaTests(SqliteDuty sqlite, PostgresDuty postgres) : DutyTests(sqlite, postgres)
{
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AssignRefusesAPersonFromAnotherStation(string provider)
    {
        var app = On(provider);
        var stranger = await OfficerOfAnotherStation(app);

        var response = await (await app.As("stationhead")).PostAsJsonAsync("/api/duty/shifts",
            new { unitId = await StationOf(app), date = "2026-07-01", period = "Night", seat = "OfficerOnDuty", accountId = stranger });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("accountId", out _));
        Assert.DoesNotContain(EntriesOf(await WeekAsync(app, "stationhead", "2026-07-01")), e => e.Date == "2026-07-01" && e.Period == "Night");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CopyLastWeekFillsOnlyEmptySlotsAndSaysHowMany(string provider)
    {
        var app = On(provider);
        // Last week (from Monday 2026-07-06): three entries. This week (from 07-13): the Monday day officer is planned already.
        await EnsureOnDutyAsync(app, "officer", "2026-07-06", "Day");
        await EnsureOnDutyAsync(app, "stationhead", "2026-07-06", "Day", "LeaderOnDuty");
        await EnsureOnDutyAsync(app, "auxiliary", "2026-07-07", "Night");
        await EnsureOnDutyAsync(app, "auxiliary", "2026-07-13", "Day");
        var head = await app.As("stationhead");
        var station = await StationOf(app);

        var first = await head.PostAsJsonAsync("/api/duty/copies", new { unitId = station, week = "2026-07-15" });
        var second = await head.PostAsJsonAsync("/api/duty/copies", new { unitId = station, week = "2026-07-13" });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(2, await first.Content.ReadFromJsonAsync<int>());
        Assert.Equal(0, await second.Content.ReadFromJsonAsync<int>());
        var week = EntriesOf(await WeekAsync(app, "stationhead", "2026-07-13")).ToList();
        Assert.Equal(["周辅警"], week.Where(e => e.Date == "2026-07-13" && e is { Period: "Day", Seat: "OfficerOnDuty" }).Select(e => e.Name));
        Assert.Contains(week, e => e is { Date: "2026-07-13", Period: "Day", Seat: "LeaderOnDuty", Name: "钱所长" });
        Assert.Contains(week, e => e is { Date: "2026-07-14", Period: "Night", Seat: "OfficerOnDuty", Name: "周辅警" });
        Assert.Equal(3, week.Count);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ASwapChangesNothingUntilTheHeadApprovesIt(string provider)
    {
        var app = On(provider);
        var mine = await EnsureOnDutyAsync(app, "officer", "2026-08-04", "Night");
        var theirs = await EnsureOnDutyAsync(app, "auxiliary", "2026-08-05", "Night");
        Assert.NotNull(mine);
        Assert.NotNull(theirs);

        var notHis = await (await app.As("auxiliary")).PostAsJsonAsync("/api/duty/swaps", new { shiftId = mine, withShiftId = theirs });
        var asked = await (await app.As("officer")).PostAsJsonAsync("/api/duty/swaps", new { shiftId = mine, withShiftId = theirs, reason = "家中有事" });
        Assert.Equal(HttpStatusCode.Forbidden, notHis.StatusCode);
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        var swap = await asked.Content.ReadFromJsonAsync<int>();
        var pending = await WeekAsync(app, "officer", "2026-08-03");
        Assert.Contains(EntriesOf(pending), e => e is { Date: "2026-08-04", Period: "Night", Name: "李警官" });
        Assert.Contains(pending.GetProperty("swaps").EnumerateArray(), s => s.GetProperty("id").GetInt32() == swap);

        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As("auxiliary")).PostAsync($"/api/duty/swaps/{swap}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As("officer")).PostAsync($"/api/duty/swaps/{swap}/approve", null)).StatusCode);
        Assert.Contains(EntriesOf(await WeekAsync(app, "officer", "2026-08-03")), e => e is { Date: "2026-08-04", Period: "Night", Name: "李警官" });

        Assert.Equal(HttpStatusCode.NoContent, (await (await app.As("stationhead")).PostAsync($"/api/duty/swaps/{swap}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await (await app.As("stationhead")).PostAsync($"/api/duty/swaps/{swap}/refuse", null)).StatusCode);
        var after = EntriesOf(await WeekAsync(app, "officer", "2026-08-03")).ToList();
        Assert.Contains(after, e => e is { Date: "2026-08-04", Period: "Night", Name: "周辅警" });
        Assert.Contains(after, e => e is { Date: "2026-08-05", Period: "Night", Name: "李警官" });
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AGridWorkerCannotEditTheRotaNorReadAnotherStations(string provider)
    {
        var app = On(provider);
        var station = await StationOf(app);
        var worker = await app.As("gridworker1");
        var otherStation = await app.App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            db.Units.Where(u => u.Kind == PoliceGrid.Web.Units.UnitKind.PoliceStation && u.Id != station).OrderBy(u => u.Code).Select(u => u.Id)));

        var assign = await worker.PostAsJsonAsync("/api/duty/shifts",
            new { unitId = station, date = "2026-07-02", period = "Night", seat = "OfficerOnDuty", accountId = await app.AccountOf("gridworker1") });
        var copy = await worker.PostAsJsonAsync("/api/duty/copies", new { unitId = station, week = "2026-07-13" });
        var read = await worker.GetAsync($"/api/duty/rota?unitId={otherStation}");
        var page = await worker.GetAsync($"/duty?unit={otherStation}");

        Assert.Equal(HttpStatusCode.Forbidden, assign.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, copy.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);
        // An officer reads his own station's rota, not another station's.
        Assert.Equal(HttpStatusCode.OK, (await (await app.As("officer")).GetAsync($"/api/duty/rota?unitId={station}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("officer")).GetAsync($"/api/duty/rota?unitId={otherStation}")).StatusCode);
        // The head of the demo station keeps his own rota only.
        var foreign = await (await app.As("stationhead")).PostAsJsonAsync("/api/duty/copies", new { unitId = otherStation, week = "2026-07-13" });
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    static string TokenOf(string html) => Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheHeadAddsAnOfficerToTheNightSeatOnThePageAndTheBoardShowsWhoIsOnDutyNow(string provider)
    {
        var app = On(provider);
        var station = await StationOf(app);
        var head = await app.As("stationhead");
        var path = $"/duty?week=2026-09-07&unit={station}";
        var page = await head.GetStringAsync(path);
        Assert.Contains("data-test=\"rota\"", page, StringComparison.Ordinal);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TokenOf(page), ["_handler"] = "assign-duty", ["Date"] = "2026-09-08", ["Period"] = "Night",
            ["Seat"] = "OfficerOnDuty", ["AccountId"] = (await app.AccountOf("officer")).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        var posted = await head.PostAsync(path, form);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var after = await head.GetStringAsync(posted.Headers.Location!.OriginalString);
        Assert.Contains("data-test=\"duty-result\">已排入值班表", after, StringComparison.Ordinal);
        Assert.Matches("data-date=\"2026-09-08\">.*?data-period=\"Night\">.*?李警官", Regex.Replace(after, @"\s+", " "));
        // A wrong entry comes off with its own small form.
        var wrong = await EnsureOnDutyAsync(app, "auxiliary", "2026-09-09", "Day");
        var withWrong = await head.GetStringAsync(path);
        Assert.Contains($"data-entry=\"{wrong}\"", withWrong, StringComparison.Ordinal);
        using (var remove = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = TokenOf(withWrong), ["_handler"] = $"remove-{wrong}" }))
            Assert.Equal(HttpStatusCode.Redirect, (await head.PostAsync(path, remove)).StatusCode);
        Assert.DoesNotContain($"data-entry=\"{wrong}\"", await head.GetStringAsync(path), StringComparison.Ordinal);

        app.Clock.SetChinaTime(2026, 9, 8, 22, 0);
        var note = await (await app.As("officer")).PutAsJsonAsync("/api/duty/handovers", new { unitId = station, date = "2026-09-08", period = "Night", note = "辖区平稳，无待办警情" });
        Assert.Equal(HttpStatusCode.NoContent, note.StatusCode);
        var board = await (await app.As("stationhead")).GetStringAsync("/command-room");
        Assert.Contains("data-test=\"on-duty-now\"", board, StringComparison.Ordinal);
        Assert.Contains("李警官", board, StringComparison.Ordinal);
        Assert.Contains("辖区平稳，无待办警情", board, StringComparison.Ordinal);
    }
}
