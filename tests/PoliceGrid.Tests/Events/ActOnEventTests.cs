using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace PoliceGrid.Tests.Events;

/// <summary>Every state change, the illegal ones, who may make them, and the 409 when two people act at once.</summary>
[Collection(EventsData.Name)]
public class ActOnEventTests(SqliteEvents sqlite, PostgresEvents postgres) : EventTests(sqlite, postgres)
{
    static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AnEventGoesRoundTheWholeLoopWithReworkAndEveryStepKept(string provider)
    {
        var app = On(provider);
        app.Clock.SetChinaTime(2026, 3, 11, 10, 0);
        var e = await app.ReportAsync("gridworker1");
        var id = IdOf(e);
        var grid = await app.UnitOf("gridworker1");

        Assert.Equal("Accepted", (await Ok(await app.ActAsync("dispatcher", id, "accept"))).GetProperty("status").GetString());
        var dispatched = await Ok(await app.ActAsync("dispatcher", id, "dispatch", new { unitId = grid, accountId = await app.AccountOf("gridworker1"), note = "请核实" }));
        Assert.Equal("Dispatched", dispatched.GetProperty("status").GetString());
        Assert.Equal("InProgress", (await Ok(await app.ActAsync("gridworker1", id, "start"))).GetProperty("status").GetString());
        Assert.Equal("Handled", (await Ok(await app.ActAsync("gridworker1", id, "handle", new { note = "已清理" }))).GetProperty("status").GetString());
        var returned = await Ok(await app.ActAsync("gridchief", id, "return", new { note = "仍有杂物" }));
        Assert.Equal("Returned", returned.GetProperty("status").GetString());
        Assert.Equal(1, returned.GetProperty("reworkCount").GetInt32());
        await Ok(await app.ActAsync("gridworker1", id, "start"));
        await Ok(await app.ActAsync("gridworker1", id, "handle", new { note = "已全部清理" }));
        var closed = await Ok(await app.ActAsync("gridchief", id, "verify", new { note = "核查通过" }));

        Assert.Equal("Closed", closed.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, closed.GetProperty("closedAt").ValueKind);
        var steps = closed.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("action").GetString()).ToList();
        Assert.Equal(["report", "accept", "dispatch", "start", "handle", "return", "start", "handle", "verify"], steps);
        Assert.Equal("仍有杂物", closed.GetProperty("steps")[5].GetProperty("noteZh").GetString());
        Assert.Equal("吴网格长", closed.GetProperty("steps")[8].GetProperty("actorZh").GetString());
        var audited = await app.App.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.RecordType == "event" && a.RecordId == id.ToString(System.Globalization.CultureInfo.InvariantCulture) && a.Action != "event-view")
            .Select(a => a.Action).ToListAsync());
        Assert.Equal(9, audited.Count);
    }

    public static TheoryData<string, string, string> Illegal()
    {
        var rows = new (string Setup, string Action)[]
        {
            ("reported", "verify"), ("reported", "handle"), ("reported", "return"), ("reported", "start"),
            ("accepted", "accept"), ("accepted", "handle"),
            ("closed", "accept"), ("closed", "dispatch"), ("closed", "cancel"), ("closed", "escalate"),
            ("cancelled", "accept"), ("cancelled", "verify"),
        };
        var data = new TheoryData<string, string, string>();
        foreach (var provider in Providers)
            foreach (var (setup, action) in rows)
                data.Add(provider, setup, action);
        return data;
    }

    [Theory]
    [MemberData(nameof(Illegal))]
    public async Task AnActionTheStateDoesNotAllowIsAConflictAndChangesNothing(string provider, string setup, string action)
    {
        var app = On(provider);
        app.Clock.SetChinaTime(2026, 3, 11, 10, 0);
        var id = IdOf(await app.ReportAsync("gridworker1"));
        switch (setup)
        {
            case "accepted":
                await Ok(await app.ActAsync("dispatcher", id, "accept"));
                break;
            case "closed":
                await Ok(await app.ActAsync("gridworker1", id, "accept"));
                await Ok(await app.ActAsync("gridworker1", id, "start"));
                await Ok(await app.ActAsync("gridworker1", id, "handle", new { note = "好了" }));
                await Ok(await app.ActAsync("gridchief", id, "verify"));
                break;
            case "cancelled":
                await Ok(await app.ActAsync("dispatcher", id, "cancel", new { note = "重复" }));
                break;
        }
        var before = await app.App.WithDbAsync(db => db.Events.AsNoTracking().SingleAsync(x => x.Id == id));

        var actor = action is "verify" or "return" or "dispatch" or "cancel" or "escalate" ? "dispatcher" : "gridworker1";
        var response = await app.ActAsync(actor, id, action, new { note = "试试", unitId = before.GridId });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(before.Status.ToString(), problem.GetProperty("current").GetProperty("status").GetString());
        var after = await app.App.WithDbAsync(db => db.Events.AsNoTracking().SingleAsync(x => x.Id == id));
        Assert.Equal(before.Version, after.Version);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task OnlySupervisorsVerifyAndOnlyTheHandlerHandles(string provider)
    {
        var app = On(provider);
        app.Clock.SetChinaTime(2026, 3, 11, 10, 0);
        var id = IdOf(await app.ReportAsync("gridworker1"));
        await Ok(await app.ActAsync("gridworker1", id, "accept"));

        Assert.Equal(HttpStatusCode.Forbidden, (await app.ActAsync("officer", id, "start")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ActAsync("gridworker1", id, "dispatch", new { unitId = await app.UnitOf("gridworker1") })).StatusCode);
        await Ok(await app.ActAsync("gridworker1", id, "start"));
        await Ok(await app.ActAsync("gridworker1", id, "handle", new { note = "好了" }));
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ActAsync("gridworker1", id, "verify")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ActAsync("gridworker2", id, "verify")).StatusCode);
        await Ok(await app.ActAsync("stationhead", id, "verify"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TwoPeopleActingAtOnceOneSucceedsTheOtherGets409WithTheNewState(string provider)
    {
        var app = On(provider);
        app.Clock.SetChinaTime(2026, 3, 11, 10, 0);
        var e = await app.ReportAsync("gridworker1");
        var (id, version) = (IdOf(e), VersionOf(e));

        var first = await app.ActAsync("dispatcher", id, "accept", new { version });
        var second = await app.ActAsync("gridworker1", id, "accept", new { version });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var current = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("current");
        Assert.Equal("Accepted", current.GetProperty("status").GetString());
        Assert.Equal(version + 1, current.GetProperty("version").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TwoPeopleActingAtTheSameMomentNeverBothSucceed(string provider)
    {
        var app = On(provider);
        app.Clock.SetChinaTime(2026, 3, 11, 10, 0);
        for (var round = 0; round < 5; round++)
        {
            var e = await app.ReportAsync("gridworker1");
            var id = IdOf(e);
            var dispatcher = await app.As("dispatcher");
            var chief = await app.As("gridchief");

            var answers = await Task.WhenAll(
                dispatcher.PostAsJsonAsync($"/api/events/{id}/accept", new { }),
                chief.PostAsJsonAsync($"/api/events/{id}/accept", new { }));

            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
            Assert.Equal(2, await app.App.WithDbAsync(db => db.EventSteps.CountAsync(s => s.EventId == id)));
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ADuplicateIsMergedIntoTheFirstReportAndTheFirstRecordsIt(string provider)
    {
        var app = On(provider);
        var first = IdOf(await app.ReportAsync("gridworker1"));
        var duplicate = IdOf(await app.ReportAsync("gridchief"));

        var merged = await Ok(await app.ActAsync("dispatcher", duplicate, "merge", new { intoId = first, note = "同一事件" }));
        var target = await (await app.As("dispatcher")).GetFromJsonAsync<JsonElement>($"/api/events/{first}");

        Assert.Equal("Merged", merged.GetProperty("status").GetString());
        Assert.Equal(first, merged.GetProperty("mergedIntoId").GetInt32());
        Assert.Contains(target.GetProperty("steps").EnumerateArray(), s => s.GetProperty("action").GetString() == "merged-in");
        Assert.Equal(HttpStatusCode.BadRequest, (await app.ActAsync("dispatcher", first, "merge", new { intoId = duplicate })).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SplittingCreatesRoutedEventsAtTheSamePlace(string provider)
    {
        var app = On(provider);
        app.Clock.SetChinaTime(2026, 3, 11, 10, 0);
        var original = await app.ReportAsync("gridworker1", "04.01");

        var response = await (await app.As("dispatcher")).PostAsJsonAsync($"/api/events/{IdOf(original)}/split",
            new { parts = new[] { new { categoryCode = "06.01", title = "打架斗殴" }, new { categoryCode = "05.01", title = "消防通道堵塞" } } });

        var created = await Ok(response);
        Assert.Equal(2, created.GetArrayLength());
        Assert.Equal("Police", created[0].GetProperty("handlerSide").GetString());
        Assert.Equal("Grid", created[1].GetProperty("handlerSide").GetString());
        Assert.All(created.EnumerateArray(), c => Assert.Equal(IdOf(original), c.GetProperty("splitFromId").GetInt32()));
        Assert.All(created.EnumerateArray(), c => Assert.Equal(original.GetProperty("gridId").GetInt32(), c.GetProperty("gridId").GetInt32()));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheReporterMayWithdrawHerReportOnlyBeforeItIsAccepted(string provider)
    {
        var app = On(provider);
        var fresh = IdOf(await app.ReportAsync("gridworker1"));
        var accepted = IdOf(await app.ReportAsync("gridworker1"));
        await Ok(await app.ActAsync("dispatcher", accepted, "accept"));

        Assert.Equal("Cancelled", (await Ok(await app.ActAsync("gridworker1", fresh, "cancel", new { note = "误报" }))).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ActAsync("gridworker1", accepted, "cancel", new { note = "误报" })).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ReDispatchingMovesTheEventToTheOtherSidesTaskList(string provider)
    {
        var app = On(provider);
        app.Clock.SetChinaTime(2026, 3, 11, 10, 0);
        var id = IdOf(await app.ReportAsync("gridworker1"));
        await Ok(await app.ActAsync("dispatcher", id, "dispatch", new { unitId = await app.UnitOf("gridworker1"), accountId = await app.AccountOf("gridworker1") }));
        await Ok(await app.ActAsync("gridworker1", id, "start"));

        var moved = await Ok(await app.ActAsync("stationhead", id, "dispatch", new { unitId = await app.UnitOf("officer"), note = "涉及治安，转民警" }));

        Assert.Equal("Dispatched", moved.GetProperty("status").GetString());
        Assert.Equal("Police", moved.GetProperty("handlerSide").GetString());
        Assert.Equal(JsonValueKind.Null, moved.GetProperty("handlerAccountId").ValueKind);
        static async Task<List<int>> Tasks(EventsApp app, string user) =>
            (await (await app.As(user)).GetFromJsonAsync<JsonElement>("/api/events/tasks")).EnumerateArray().Select(r => r.GetProperty("id").GetInt32()).ToList();
        Assert.Contains(id, await Tasks(app, "officer"));
        Assert.DoesNotContain(id, await Tasks(app, "gridworker1"));
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ActAsync("gridworker1", id, "start")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.ActAsync("stationhead", id, "dispatch", new { unitId = await app.UnitOf("gridworker1"), accountId = await app.AccountOf("officer") })).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task HandlingWithoutANoteIsRefused(string provider)
    {
        var app = On(provider);
        var id = IdOf(await app.ReportAsync("gridworker1"));
        await Ok(await app.ActAsync("dispatcher", id, "dispatch", new { unitId = await app.UnitOf("gridworker1") }));
        await Ok(await app.ActAsync("gridworker1", id, "start"));

        var response = await app.ActAsync("gridworker1", id, "handle", new { note = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("InProgress", (await (await app.As("gridworker1")).GetFromJsonAsync<JsonElement>($"/api/events/{id}")).GetProperty("status").GetString());
    }
}
