using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;
using PoliceGrid.Web.Teams;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Tests.Teams;

/// <summary>Forming and changing teams: the rules of each kind, who may keep a team and where, and the audit trail.</summary>
[Collection(TeamsData.Name)]
public class FormTeamTests(SqliteTeams sqlite, PostgresTeams postgres) : TeamTests(sqlite, postgres)
{
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task APairingIsExactlyOneOfficerAndOneGridWorker(string provider)
    {
        var app = On(provider);
        var grid = await UnitOf(app, "gridworker2");

        var wrongRole = await FormAsync(app, "stationhead", grid, "Pairing", ("officer", "PoliceOfficer"), ("auxiliary", "GridWorker"));
        var alone = await FormAsync(app, "stationhead", grid, "Pairing", ("officer", "PoliceOfficer"));
        var three = await FormAsync(app, "stationhead", grid, "Pairing", ("officer", "PoliceOfficer"), ("gridworker2", "GridWorker"), ("gridchief", "Mediator"));

        Assert.Equal(HttpStatusCode.BadRequest, wrongRole.StatusCode);
        Assert.Contains("周辅警（辅警）不能担任网格员", await TextOf(wrongRole), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, alone.StatusCode);
        var rule = await TextOf(alone);
        Assert.Contains("结对须恰好由一名民警", rule, StringComparison.Ordinal);
        Assert.Contains("A pairing is exactly one officer", rule, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, three.StatusCode);

        var id = await FormedAsync(app, "stationhead", grid, "Pairing", ("officer", "PoliceOfficer"), ("gridworker2", "GridWorker"));

        var team = await (await app.As("stationhead")).GetFromJsonAsync<JsonElement>($"/api/teams/{id}");
        var members = team.GetProperty("team").GetProperty("members").EnumerateArray().Select(m => (m.GetProperty("name").GetString(), m.GetProperty("duty").GetString())).ToList();
        Assert.Equal([("李警官", "PoliceOfficer"), ("王网格员", "GridWorker")], members.OrderBy(m => m.Item2 == "GridWorker"));
        Assert.Equal(await app.AccountOf("officer"), team.GetProperty("team").GetProperty("leaderId").GetInt32());
        var record = id.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(1, await app.App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "team-form" && a.RecordId == record)));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task OneOfficerThreeMembersAndOnePlusOnePlusNCheckEachDutyAgainstTheRole(string provider)
    {
        var app = On(provider);
        var grid = await SpareGridAsync(app, 0);
        var village = await app.App.WithDbAsync(db => db.Units.Where(u => u.Id == grid).Select(u => u.ParentId!.Value).SingleAsync());
        var worker = (await WorkerOfGridAsync(app, grid)).ToString(CultureInfo.InvariantCulture);

        // 一警三员: the police member must be a community officer, not an auxiliary.
        var auxiliaryAsOfficer = await FormAsync(app, "stationhead", grid, "OneOfficerThreeMembers",
            ("auxiliary", "PoliceOfficer"), ("officer", "SecurityAssistant"), ("gridchief", "Mediator"), (worker, "GridWorker"));
        var noMediator = await FormAsync(app, "stationhead", grid, "OneOfficerThreeMembers",
            ("officer", "PoliceOfficer"), ("auxiliary", "SecurityAssistant"), (worker, "GridWorker"));
        // 1+1+N needs a department member; a county department officer may join a village's team.
        var noDepartment = await FormAsync(app, "director", village, "OnePlusOnePlusN", ("officer", "PoliceOfficer"), ("gridchief", "GridChief"));

        Assert.Equal(HttpStatusCode.BadRequest, auxiliaryAsOfficer.StatusCode);
        Assert.Contains("不能担任民警", await TextOf(auxiliaryAsOfficer), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noMediator.StatusCode);
        Assert.Contains("一警三员须恰好由", await TextOf(noMediator), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noDepartment.StatusCode);
        Assert.Contains("至少一名部门人员", await TextOf(noDepartment), StringComparison.Ordinal);

        var full = await FormedAsync(app, "stationhead", grid, "OneOfficerThreeMembers",
            ("officer", "PoliceOfficer"), ("auxiliary", "SecurityAssistant"), ("gridchief", "Mediator"), (worker, "GridWorker"), ("director", "LegalAdviser"));
        var joint = await FormedAsync(app, "director", village, "OnePlusOnePlusN",
            ("officer", "PoliceOfficer"), ("gridchief", "GridChief"), ("civil", "DepartmentMember"), ("urban", "DepartmentMember"), ("auxiliary", "LegalAdviser"));
        var kinds = await app.App.WithDbAsync(db => db.Teams.Where(t => t.Id == full || t.Id == joint).OrderBy(t => t.Id).Select(t => t.Kind).ToListAsync());
        Assert.Equal([TeamKind.OneOfficerThreeMembers, TeamKind.OnePlusOnePlusN], kinds);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AGridWorkerCannotFormTeamsAndAnotherStationsHeadCannotChangeThisOne(string provider)
    {
        var app = On(provider);
        var team = await DemoTeamOf(app);
        var grid = await UnitOf(app, "gridworker1");
        var worker = await app.As("gridworker1");

        var formed = await FormAsync(app, "gridworker1", grid, "Pairing", ("officer", "PoliceOfficer"), ("gridworker1", "GridWorker"));
        var changed = await worker.PutAsJsonAsync($"/api/teams/{team}/members", new { members = new[] { new { accountId = await app.AccountOf("gridworker1"), duty = "GridWorker" } } });
        var dissolved = await worker.PostAsync($"/api/teams/{team}/dissolve", null);

        Assert.Equal(HttpStatusCode.Forbidden, formed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, dissolved.StatusCode);

        // The head of another township's station does not even see this team.
        var otherHead = await app.App.WithDbAsync(async db =>
        {
            var station = await db.Units.SingleAsync(u => u.Code == "S" + DemoSeed.DemoTownship);
            return await (from a in db.Users join u in db.Units on a.UnitId equals u.Id
                          where u.Kind == UnitKind.PoliceStation && u.Id != station.Id && a.Role == PoliceGrid.Web.Accounts.Role.StationHead
                          orderby u.Path select a.Id).FirstAsync();
        });
        var officer = await app.AccountOf("officer");
        var theirs = await AsAccountAsync(app, otherHead, (services, viewer) => services.GetRequiredService<ChangeTeam>()
            .RunAsync(viewer, team, new ChangeTeam.Request(null, [new TeamRules.MemberInput(officer, TeamDuty.PoliceOfficer)], null, null)));
        var theirDissolve = await AsAccountAsync(app, otherHead, (services, viewer) => services.GetRequiredService<DissolveTeam>().RunAsync(viewer, team));
        Assert.Equal(Outcome.NotFound, theirs.Outcome);
        Assert.Equal(Outcome.NotFound, theirDissolve.Outcome);
        Assert.Equal(4, await app.App.WithDbAsync(db => db.TeamMembers.CountAsync(m => m.TeamId == team && m.EndedAt == null)));

        // The grid worker reads her own team, with phone numbers to call.
        var mine = await worker.GetFromJsonAsync<JsonElement>("/api/teams/mine");
        var demo = mine.EnumerateArray().Single(t => t.GetProperty("id").GetInt32() == team);
        Assert.Contains(demo.GetProperty("members").EnumerateArray(), m => m.GetProperty("name").GetString() == "李警官" && m.GetProperty("phone").GetString() == "13800000007");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ChangingMembersClosesTheLeaversRowsAndKeepsTheHistory(string provider)
    {
        var app = On(provider);
        var grid = await SpareGridAsync(app, 1);
        var worker = (await WorkerOfGridAsync(app, grid)).ToString(CultureInfo.InvariantCulture);
        var id = await FormedAsync(app, "stationhead", grid, "Pairing", ("officer", "PoliceOfficer"), (worker, "GridWorker"));
        app.Clock.Advance(TimeSpan.FromDays(1));
        var head = await app.As("director");

        var refused = await head.PutAsJsonAsync($"/api/teams/{id}/members", new { members = new[] { new { accountId = await app.AccountOf("auxiliary"), duty = "PoliceOfficer" } } });
        var done = await head.PutAsJsonAsync($"/api/teams/{id}/members", new
        {
            members = new[] { new { accountId = await app.AccountOf("auxiliary"), duty = "PoliceOfficer" }, new { accountId = int.Parse(worker, CultureInfo.InvariantCulture), duty = "GridWorker" } },
            leaderId = int.Parse(worker, CultureInfo.InvariantCulture),
        });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, done.StatusCode);
        var details = await head.GetFromJsonAsync<JsonElement>($"/api/teams/{id}");
        Assert.Equal(["周辅警", "GridWorker"], details.GetProperty("team").GetProperty("members").EnumerateArray()
            .Select(m => m.GetProperty("duty").GetString() == "PoliceOfficer" ? m.GetProperty("name").GetString()! : m.GetProperty("duty").GetString()!).OrderBy(x => x == "GridWorker"));
        var history = details.GetProperty("members").EnumerateArray().ToList();
        Assert.Equal(3, history.Count);
        Assert.Contains(history, m => m.GetProperty("name").GetString() == "李警官" && m.GetProperty("endedAt").ValueKind == JsonValueKind.String);
        Assert.Equal(int.Parse(worker, CultureInfo.InvariantCulture), details.GetProperty("team").GetProperty("leaderId").GetInt32());
        var record = id.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(1, await app.App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "team-change" && a.RecordId == record)));
    }
}
