using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Tests.Delivery;
using PoliceGrid.Web.Delivery;

namespace PoliceGrid.Tests.Teams;

/// <summary>Directives, events and escalations addressed to a team reach its members and its leader.</summary>
[Collection(TeamsData.Name)]
public class TeamMessagesTests(SqliteTeams sqlite, PostgresTeams postgres) : TeamTests(sqlite, postgres)
{
    static readonly string[] DemoTeam = ["auxiliary", "gridchief", "gridworker1", "officer"];

    static Task<List<string>> RecipientsAsync(DeliveryApp app, string subjectType, int subjectId, MessageKind? kind = null) => app.App.WithDbAsync(async db =>
        (await (from m in db.Messages join a in db.Users on m.RecipientId equals a.Id
                where m.SubjectType == subjectType && m.SubjectId == subjectId && (kind == null || m.Kind == kind)
                select a.UserName!).ToListAsync()).Order(StringComparer.Ordinal).ToList());

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ADirectiveToATeamReachesEveryMembersInboxAndAnyMemberAcknowledgesIt(string provider)
    {
        var app = On(provider);
        app.NextWorkdayMorning();
        var team = await DemoTeamOf(app);

        var issued = await (await app.As("stationhead")).PostAsJsonAsync("/api/directives", new { title = "今晚加强巡防", body = "重点关注学校周边", targetTeamId = team, dueMinutes = 120 });

        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var id = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Equal(DemoTeam, await RecipientsAsync(app, "directive", id));
        var waiting = await (await app.As("auxiliary")).GetFromJsonAsync<JsonElement>("/api/inbox/waiting");
        Assert.True(waiting.GetProperty("count").GetInt32() >= 1);
        Assert.Contains("今晚加强巡防", await (await app.As("gridworker1")).GetStringAsync("/"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("gridworker2")).PostAsJsonAsync($"/api/directives/{id}/acknowledge", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.As("gridworker1")).PostAsJsonAsync($"/api/directives/{id}/acknowledge", new { })).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GridWorkIsHandedToTheGridsResponsibleTeam(string provider)
    {
        var app = On(provider);
        app.NextWorkdayMorning();

        var id = await app.DivertedCallAsync("gridworker1", "楼道堆物 " + Guid.NewGuid().ToString("N")[..6]);

        var recipients = await RecipientsAsync(app, "event", id);
        Assert.All(DemoTeam, member => Assert.Contains(member, recipients));
        Assert.DoesNotContain("gridworker2", recipients);
        Assert.DoesNotContain("civil", recipients);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AnUnacknowledgedMessageEscalatesToTheTeamLeaderAndTheLeaderOnDuty(string provider)
    {
        var app = On(provider);
        app.NextWorkdayMorning();
        var station = await UnitOf(app, "stationhead");
        var shift = await (await app.As("stationhead")).PostAsJsonAsync("/api/duty/shifts",
            new { unitId = station, date = Iso(TodayInChina(app)), period = "Day", seat = "LeaderOnDuty", accountId = await app.AccountOf("stationhead") });
        Assert.True(shift.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, await shift.Content.ReadAsStringAsync());
        // gridworker2's grid: her pairing's leader is her district's (generated) officer, who is no leader above her grid.
        var leader = await app.App.WithDbAsync(async db =>
        {
            var grid = await db.Users.Where(a => a.UserName == "gridworker2").Select(a => a.UnitId).SingleAsync();
            return await (from r in db.GridResponsibilities join t in db.Teams on r.TeamId equals t.Id
                          where r.GridId == grid && r.EndedAt == null select t.LeaderId).SingleAsync();
        });
        var id = await app.DivertedCallAsync("gridworker2", "路灯不亮 " + Guid.NewGuid().ToString("N")[..6]);
        var messages = await app.App.WithDbAsync(db => db.Messages.Where(m => m.SubjectType == "event" && m.SubjectId == id).Select(m => m.Id).ToListAsync());
        // Only her own message is chased here: the team's other members acknowledge theirs.
        var worker = await app.AccountOf("gridworker2");
        await app.App.WithDbAsync(db => db.Messages.Where(m => messages.Contains(m.Id) && m.RecipientId != worker)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.AcknowledgedAt, DateTime.UtcNow)));

        app.Clock.Advance(TimeSpan.FromMinutes(61));
        await app.ChaseAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(61));
        await app.ChaseAsync();

        var escalated = await app.App.WithDbAsync(db => db.Messages.Where(m => m.SubjectType == "event" && m.SubjectId == id && m.Kind == MessageKind.Unacknowledged)
            .Select(m => m.RecipientId).ToListAsync());
        Assert.Contains(leader, escalated);
        Assert.Contains(await app.AccountOf("stationhead"), escalated);
        Assert.Contains(await app.AccountOf("director"), escalated);
    }
}
