using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceGrid.Tests.Events;
using PoliceGrid.Web.Disputes;

namespace PoliceGrid.Tests.Disputes;

/// <summary>The life of a dispute case on both providers: open from an event, choice, suggestion, conflicts, hand-overs, agreement, reminders and follow-ups with the clock moved, scope.</summary>
[Collection(EventsData.Name)]
public class DisputeCaseTests(SqliteEvents sqlite, PostgresEvents postgres) : EventTests(sqlite, postgres)
{
    static async Task<int> SweepAsync(EventsApp app)
    {
        using var scope = app.App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<SweepDisputes>().RunAsync();
    }

    static async Task<JsonElement> CaseAsync(EventsApp app, string user, int id) =>
        await (await app.As(user)).GetFromJsonAsync<JsonElement>($"/api/disputes/{id}");

    static async Task<int> OpenFromEventAsync(EventsApp app, string title, string[] parties, string risk = "None")
    {
        var e = await app.ReportAsync("gridworker1", "04.01", title: title);
        var response = await (await app.As("officer")).PostAsJsonAsync("/api/disputes", new
        {
            type = "Neighbour", title, atStake = "排水沟", risk, eventId = e.GetProperty("id").GetInt32(),
            parties = parties.Select(p => new { name = p, kind = "Person" }).ToArray(),
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<int>();
    }

    static Task<int> DemoMediatorAsync(EventsApp app) =>
        app.App.WithDbAsync(db => db.Mediators.Where(m => m.AccountId == db.Users.Where(a => a.UserName == "mediator").Select(a => (int?)a.Id).Single()).Select(m => m.Id).SingleAsync());

    static async Task ChooseAllAsync(EventsApp app, int id, int mediator)
    {
        var parties = (await CaseAsync(app, "officer", id)).GetProperty("parties").EnumerateArray().Select(p => p.GetProperty("id").GetInt32()).ToList();
        foreach (var (party, i) in parties.Select((p, i) => (p, i)))
        {
            var r = await (await app.As("officer")).PostAsJsonAsync($"/api/disputes/{id}/choices", new { partyId = party, mediatorId = mediator, way = i == 0 ? "InPerson" : "Phone", consent = i > 0 });
            Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ACaseOpenedFromAnEventGoesThroughChoiceSessionAgreementAndItsFollowUpsReachTheGridTeamOnDaySeven(string provider)
    {
        var app = On(provider);
        app.Clock.SetChinaTime(2026, 4, 6, 10, 0);
        var id = await OpenFromEventAsync(app, "排水纠纷" + Guid.NewGuid().ToString("N")[..4], ["孙甲" + Guid.NewGuid().ToString("N")[..3], "钱乙" + Guid.NewGuid().ToString("N")[..3]]);
        var opened = await CaseAsync(app, "officer", id);
        Assert.Equal("Registered", opened.GetProperty("status").GetString());
        Assert.Equal("Event", opened.GetProperty("source").GetString());

        var mediator = await DemoMediatorAsync(app);
        // The mediator does not see the case before she is chosen.
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("mediator")).GetAsync($"/api/disputes/{id}")).StatusCode);
        await ChooseAllAsync(app, id, mediator);
        var chosen = await CaseAsync(app, "mediator", id);
        Assert.Equal("MediatorChosen", chosen.GetProperty("status").GetString());
        Assert.Equal(2, chosen.GetProperty("choices").GetArrayLength());

        var parties = chosen.GetProperty("parties").EnumerateArray().Select(p => p.GetProperty("id").GetInt32()).ToArray();
        var session = await (await app.As("mediator")).PostAsJsonAsync($"/api/disputes/{id}/sessions",
            new { place = "村调解室", notes = "双方陈述", confidentialNotes = "一方情绪激动", partyIds = parties, others = "村主任" });
        Assert.True(session.IsSuccessStatusCode, await session.Content.ReadAsStringAsync());
        // Confidential notes: the mediator and the police, never the grid side.
        Assert.Equal("一方情绪激动", (await CaseAsync(app, "officer", id)).GetProperty("sessions")[0].GetProperty("confidentialNotes").GetString());
        Assert.Equal(JsonValueKind.Null, (await CaseAsync(app, "gridworker1", id)).GetProperty("sessions")[0].GetProperty("confidentialNotes").ValueKind);

        var agreement = await (await app.As("mediator")).PostAsJsonAsync($"/api/disputes/{id}/agreement", new
        {
            facts = "排水沟堵塞", points = "清理费用", terms = "双方各半",
            obligations = new[] { new { partyId = parties[0], what = "支付清理费 200 元", due = "2026-04-10" } },
        });
        Assert.True(agreement.IsSuccessStatusCode, await agreement.Content.ReadAsStringAsync());
        var page = await (await app.As("mediator")).GetStringAsync($"/disputes/{id}/agreement");
        Assert.Contains("人民调解协议书", page, StringComparison.Ordinal);
        Assert.Contains("支付清理费 200 元", page, StringComparison.Ordinal);

        // Two days later the obligation's reminder goes out (three days before its deadline).
        app.Clock.Advance(TimeSpan.FromDays(2));
        await SweepAsync(app);
        var obligation = (await CaseAsync(app, "officer", id)).GetProperty("obligations")[0];
        Assert.NotEqual(JsonValueKind.Null, obligation.GetProperty("remindedAt").ValueKind);

        // Day 7: the follow-up goes as a task to the grid's responsible team (gridworker1 is on it).
        Assert.False(await HasFollowUpTaskAsync(app, id));
        app.Clock.Advance(TimeSpan.FromDays(5).Add(TimeSpan.FromMinutes(1)));
        await SweepAsync(app);
        Assert.True(await HasFollowUpTaskAsync(app, id));
        var followUps = (await CaseAsync(app, "gridworker1", id)).GetProperty("followUps");
        Assert.NotEqual(JsonValueKind.Null, followUps[0].GetProperty("taskSentAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, followUps[1].GetProperty("taskSentAt").ValueKind);
        var done = await (await app.As("gridworker1")).PostAsJsonAsync($"/api/disputes/{id}/follow-up", new { followUpId = followUps[0].GetProperty("id").GetInt32(), note = "已履行" });
        Assert.True(done.IsSuccessStatusCode, await done.Content.ReadAsStringAsync());
    }

    static Task<bool> HasFollowUpTaskAsync(EventsApp app, int id) => app.App.WithDbAsync(db =>
        (from m in db.Messages join a in db.Users on m.RecipientId equals a.Id
         where m.SubjectType == "dispute" && m.SubjectId == id && a.UserName == "gridworker1" && m.Kind == PoliceGrid.Web.Delivery.MessageKind.Task && m.Title.Contains("Disputes.Title.FollowUp")
         select m).AnyAsync());

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheSuggestionRanksBySpecialtyAndWarnsOfAMediatorWhoMediatedTheSamePartyBefore(string provider)
    {
        var app = On(provider);
        app.Clock.SetChinaTime(2026, 4, 20, 10, 0);
        var party = "周丙" + Guid.NewGuid().ToString("N")[..4];
        var first = await OpenFromEventAsync(app, "旧案", [party, "吴丁" + Guid.NewGuid().ToString("N")[..4]]);
        var mediator = await DemoMediatorAsync(app);
        await ChooseAllAsync(app, first, mediator);
        var second = await OpenFromEventAsync(app, "新案", [party, "郑戊" + Guid.NewGuid().ToString("N")[..4]]);

        var ranked = await (await app.As("officer")).GetFromJsonAsync<JsonElement>($"/api/disputes/{second}/suggestions");
        var rows = ranked.EnumerateArray().ToList();
        Assert.NotEmpty(rows);
        var mine = rows.Single(r => r.GetProperty("mediatorId").GetInt32() == mediator);
        Assert.Contains(mine.GetProperty("conflicts").EnumerateArray(), c => c.GetString()!.Contains(DisputeRules.Number(first), StringComparison.Ordinal));
        // A conflicted member comes after the others; the first is a neighbour-dispute specialist and says so.
        Assert.NotEqual(mediator, rows[0].GetProperty("mediatorId").GetInt32());
        Assert.Contains(rows[0].GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("擅长", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AHighRiskCaseInvolvesThePoliceAndAPartyInALaterPoliceEventFlagsItForTheOfficer(string provider)
    {
        var app = On(provider);
        app.Clock.SetChinaTime(2026, 5, 4, 10, 0);
        var party = "冯己" + Guid.NewGuid().ToString("N")[..4];
        var id = await OpenFromEventAsync(app, "宅基地纠纷", [party, "陈庚" + Guid.NewGuid().ToString("N")[..4]], risk: "Violence");
        var opened = await CaseAsync(app, "officer", id);
        Assert.True(opened.GetProperty("policeInvolved").GetBoolean());
        Assert.True(await app.App.WithDbAsync(db => db.Messages.AnyAsync(m => m.SubjectType == "dispute" && m.SubjectId == id && m.Police)));

        var repeat = await OpenFromEventAsync(app, "宅基地纠纷再起", [party, opened.GetProperty("parties")[1].GetProperty("name").GetString()!]);
        Assert.True((await CaseAsync(app, "officer", repeat)).GetProperty("isRepeated").GetBoolean());

        await app.ReportAsync("gridworker1", "06.01", title: $"{party}持械闹事");
        await SweepAsync(app);
        var flagged = await CaseAsync(app, "officer", id);
        Assert.True(flagged.GetProperty("mayTurnCriminal").GetBoolean());
        Assert.Contains(flagged.GetProperty("flags").EnumerateArray(), f => f.GetProperty("kind").GetString() == "MayTurnCriminal" && f.GetProperty("eventId").ValueKind == JsonValueKind.Number);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task HandOverReferralAndTheInvitedLegalAdviserEachKeepTheirRecord(string provider)
    {
        var app = On(provider);
        app.Clock.SetChinaTime(2026, 6, 15, 10, 0); // clear of the event figures test's year-before window (2026-05-10..12) in the shared fixture
        var id = await OpenFromEventAsync(app, "工资纠纷", ["甲公司", "乙工人" + Guid.NewGuid().ToString("N")[..4]]);
        var officer = await app.As("officer");
        Assert.True((await officer.PostAsJsonAsync($"/api/disputes/{id}/hand-over", new { toName = "某村人民调解委员会", note = "警调对接" })).IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsJsonAsync($"/api/disputes/{id}/invite-adviser", new { adviserAccountId = 1 })).StatusCode);
        var refer = await officer.PostAsJsonAsync($"/api/disputes/{id}/refer", new { kind = "Court", toName = "区人民法院" });
        Assert.True(refer.IsSuccessStatusCode, await refer.Content.ReadAsStringAsync());
        var c = await CaseAsync(app, "officer", id);
        Assert.Equal("Referred", c.GetProperty("status").GetString());
        Assert.Equal(new[] { "MediationCommittee", "Court" }, c.GetProperty("handovers").EnumerateArray().Select(h => h.GetProperty("kind").GetString()!).ToArray());
        // Nothing moves a referred case on.
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsJsonAsync($"/api/disputes/{id}/assess", new { risk = "None" })).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AMediatorReadsOnlyHerCasesAndNeverTheRegister(string provider)
    {
        var app = On(provider);
        var mediator = await app.As("mediator");
        var list = await mediator.GetFromJsonAsync<JsonElement>("/api/disputes");
        var mine = await app.App.WithDbAsync(db => db.Disputes.Where(d => d.MediatorAccountId == db.Users.Where(a => a.UserName == "mediator").Select(a => (int?)a.Id).Single())
            .Select(d => d.Id).ToListAsync());
        Assert.Equal(mine.Order(), list.EnumerateArray().Select(r => r.GetProperty("id").GetInt32()).Order());
        Assert.Equal(HttpStatusCode.Forbidden, (await mediator.GetAsync("/api/register/residents")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await mediator.GetAsync("/api/events")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await mediator.PostAsJsonAsync("/api/disputes", new { })).StatusCode);
    }
}
