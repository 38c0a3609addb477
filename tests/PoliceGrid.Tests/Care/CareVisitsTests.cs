using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceGrid.Web.Care;
using PoliceGrid.Web.Events;
using PoliceGrid.Web.Register.Records;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Tests.Care;

/// <summary>Care visits: due dates by plan, the clock reset by every kind of contact, escalation, evidence, events, and the police-only line.</summary>
[Collection(CareData.Name)]
public class CareVisitsTests(SqliteCare sqlite, PostgresCare postgres) : CareTests(sqlite, postgres)
{
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task EachGroupIsDueByItsOwnPlansIntervalAfterTheLastContact(string provider)
    {
        var app = On(provider);
        app.NextWorkdayMorning();
        var (elderly, lon, lat) = await ResidentAsync(app, SpecialGroup.ElderlyAlone, SpecialGroup.Disabled);
        var (mental, _, _) = await ResidentAsync(app, SpecialGroup.SevereMentalDisorder);
        var opened = await CaseAsync(app, elderly, SpecialGroup.ElderlyAlone);
        Assert.Equal(Now(app), opened.DueAt);
        Assert.Contains(opened.Id, await TodayAsync(app, "gridworker1"));

        var good = await VisitAsync(app, "gridworker1", opened.Id, new { outcome = "Good", how = "FaceToFace", lon, lat });
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);

        // One visit is one contact with the person: both her cases start again, each by its own interval.
        var now = Now(app);
        Assert.Equal(now.AddHours(48), (await CaseAsync(app, elderly, SpecialGroup.ElderlyAlone)).DueAt);
        Assert.Equal(now.AddHours(720), (await CaseAsync(app, elderly, SpecialGroup.Disabled)).DueAt);
        Assert.DoesNotContain(opened.Id, await TodayAsync(app, "gridworker1"));

        // Serious mental disorder: every three months, but two weeks from risk level 3 on, with the reason kept.
        var m = await CaseAsync(app, mental, SpecialGroup.SevereMentalDisorder);
        var client = await app.As("officer");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PutAsJsonAsync($"/api/care/cases/{m.Id}", new { riskLevel = 3 })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync($"/api/care/cases/{m.Id}", new { riskLevel = 3, reason = "言语威胁邻居" })).StatusCode);
        Assert.Equal(m.OpenedAt.AddHours(336), (await CaseAsync(app, mental, SpecialGroup.SevereMentalDisorder)).DueAt);
        Assert.Equal(1, await app.App.WithDbAsync(db => db.CareRiskChanges.CountAsync(r => r.CaseId == m.Id && r.ToLevel == 3 && r.Reason == "言语威胁邻居")));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task EveryKindOfContactResetsTheClockOnceAndAContactThePlanDoesNotCountLeavesIt(string provider)
    {
        var app = On(provider);
        app.NextWorkdayMorning();
        var (person, _, _) = await ResidentAsync(app, SpecialGroup.ElderlyAlone);
        app.Clock.Advance(TimeSpan.FromHours(5));

        // An event that names her, reported by her grid worker: seen in passing, which the elderly plan counts.
        var reported = await (await app.As("gridworker1")).PostAsJsonAsync("/api/events", new { categoryCode = "03.01", title = "帮老人办医保", residentId = person });
        Assert.Equal(HttpStatusCode.Created, reported.StatusCode);
        var afterEvent = Now(app);
        Assert.Equal(afterEvent.AddHours(48), (await CaseAsync(app, person, SpecialGroup.ElderlyAlone)).DueAt);

        // A phone call does not count for the elderly living alone (两天必见面 means seeing her).
        app.Clock.Advance(TimeSpan.FromHours(5));
        await SeenAsync(app, person, SeenHow.Phone, "mediation:901");
        Assert.Equal(afterEvent.AddHours(48), (await CaseAsync(app, person, SpecialGroup.ElderlyAlone)).DueAt);

        // A mediation session she attended, told twice (as a retry would): one contact, kept once.
        await SeenAsync(app, person, SeenHow.FaceToFace, "mediation:902");
        var afterMediation = Now(app);
        app.Clock.Advance(TimeSpan.FromHours(1));
        await SeenAsync(app, person, SeenHow.FaceToFace, "mediation:902");
        Assert.Equal(afterMediation.AddHours(48), (await CaseAsync(app, person, SpecialGroup.ElderlyAlone)).DueAt);
        Assert.Equal(1, await app.App.WithDbAsync(db => db.CareVisits.CountAsync(v => v.ResidentId == person && v.Source == "mediation:902")));

        // A register change collected at her door and verified by the officer: seen when it was collected.
        var changeId = await app.App.WithDbAsync(async db =>
        {
            var resident = await db.Set<Resident>().SingleAsync(r => r.Id == person);
            var worker = await db.Users.SingleAsync(a => a.UserName == "gridworker1");
            var change = new PoliceGrid.Web.Register.Verification.RegisterChange
            {
                RecordType = RecordType.Resident, RecordId = person, Kind = PoliceGrid.Web.Register.Verification.ChangeKind.Update,
                Status = PoliceGrid.Web.Register.Verification.ChangeStatus.Pending, Changes = "[]", CollectedById = worker.Id, CollectedByName = worker.DisplayName,
                CollectedAt = CareRules.Now(app.Clock), AreaPath = resident.AreaPath, PoliceDistrictId = resident.PoliceDistrictId,
            };
            db.Add(change);
            resident.HasPendingChange = true;
            await db.SaveChangesAsync();
            return change.Id;
        });
        var collected = Now(app);
        app.Clock.Advance(TimeSpan.FromHours(2));
        var verified = await (await app.As("officer")).PostAsync($"/api/register/changes/{changeId}/verify", JsonContent.Create(new { }));
        Assert.True(verified.IsSuccessStatusCode, $"verify: {(int)verified.StatusCode} {await verified.Content.ReadAsStringAsync()}");
        Assert.Equal(collected.AddHours(48), (await CaseAsync(app, person, SpecialGroup.ElderlyAlone)).DueAt);
        Assert.Equal(1, await app.App.WithDbAsync(db => db.CareVisits.CountAsync(v => v.ResidentId == person && v.Source == $"register-change:{changeId}")));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AMissedVisitEscalatesLevelByLevelEachOnceAndEndsInAWelfareCheckForThePolice(string provider)
    {
        var app = On(provider);
        app.NextWorkdayMorning();
        var (person, _, _) = await ResidentAsync(app, SpecialGroup.ElderlyAlone);
        var c = await CaseAsync(app, person, SpecialGroup.ElderlyAlone);
        var worker = await app.AccountOf("gridworker1");
        var chief = await app.AccountOf("gridchief");
        Task<List<(int Recipient, PoliceGrid.Web.Delivery.MessageKind Kind)>> MessagesAsync() => app.App.WithDbAsync(async db =>
            (await db.Messages.Where(m => m.SubjectType == "care-case" && m.SubjectId == c.Id).Select(m => new { m.RecipientId, m.Kind }).ToListAsync())
                .Select(m => (m.RecipientId, m.Kind)).ToList());

        // Due now; the door-visit task waits the plan's 12 hours.
        app.Clock.Advance(TimeSpan.FromHours(11));
        await SweepAsync(app);
        Assert.Empty(await MessagesAsync());

        app.Clock.Advance(TimeSpan.FromHours(2));
        await SweepAsync(app);
        await SweepAsync(app);
        var first = await MessagesAsync();
        Assert.Contains((worker, PoliceGrid.Web.Delivery.MessageKind.Task), first);
        Assert.Equal(1, (await CaseAsync(app, person, SpecialGroup.ElderlyAlone)).EscalationLevel);

        app.Clock.Advance(TimeSpan.FromHours(12));
        await SweepAsync(app);
        Assert.Contains((chief, PoliceGrid.Web.Delivery.MessageKind.Escalation), await MessagesAsync());
        Assert.Equal(first.Count, (await MessagesAsync()).Count(m => m.Kind == PoliceGrid.Web.Delivery.MessageKind.Task));

        app.Clock.Advance(TimeSpan.FromHours(24));
        await SweepAsync(app);
        await SweepAsync(app);
        Assert.Equal(3, (await CaseAsync(app, person, SpecialGroup.ElderlyAlone)).EscalationLevel);
        var name = await app.App.WithDbAsync(db => db.Set<Resident>().Where(r => r.Id == person).Select(r => r.Name).SingleAsync());
        var checks = await app.App.WithDbAsync(db => (from e in db.Events join k in db.EventCategories on e.CategoryId equals k.Id
                                                      where k.Code == CareDefaults.WelfareCheckCategory && e.Title.Contains(name) select e).ToListAsync());
        var check = Assert.Single(checks);
        Assert.Equal(HandlerSide.Police, check.HandlerSide);

        // Seen again: the clock and the levels start over.
        var good = await VisitAsync(app, "gridworker1", c.Id, new { outcome = "Good", how = "FaceToFace", reason = "手机定位失灵" });
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        var reset = await CaseAsync(app, person, SpecialGroup.ElderlyAlone);
        Assert.Equal(0, reset.EscalationLevel);
        Assert.Equal(Now(app).AddHours(48 + 12), reset.NextEscalationAt);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task APoliceOnlyPersonIsInvisibleToTheGridSideInEveryListFigureAndMessage(string provider)
    {
        var app = On(provider);
        app.NextWorkdayMorning();
        var (person, _, _) = await ResidentAsync(app, SpecialGroup.KeyPerson);
        var c = await CaseAsync(app, person, SpecialGroup.KeyPerson);
        Assert.True(c.Police);

        var grid = await app.As("gridworker1");
        Assert.DoesNotContain(c.Id, await TodayAsync(app, "gridworker1"));
        Assert.DoesNotContain(c.Id, await TodayAsync(app, "gridchief"));
        Assert.Contains(c.Id, await TodayAsync(app, "officer"));
        Assert.Equal(HttpStatusCode.NotFound, (await grid.GetAsync($"/api/care/cases/{c.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await VisitAsync(app, "gridworker1", c.Id, new { outcome = "Good" })).StatusCode);
        var figures = await grid.GetFromJsonAsync<JsonElement>("/api/care/figures?by=group");
        Assert.DoesNotContain(figures.EnumerateArray(), r => r.GetProperty("key").GetString() == nameof(SpecialGroup.KeyPerson));
        var officerFigures = await (await app.As("officer")).GetFromJsonAsync<JsonElement>("/api/care/figures?by=group");
        Assert.Contains(officerFigures.EnumerateArray(), r => r.GetProperty("key").GetString() == nameof(SpecialGroup.KeyPerson));
        var page = await grid.GetStringAsync("/care/today");
        var name = await app.App.WithDbAsync(db => db.Set<Resident>().Where(r => r.Id == person).Select(r => r.Name).SingleAsync());
        Assert.DoesNotContain(name, page, StringComparison.Ordinal);
        var plans = await grid.GetFromJsonAsync<JsonElement>("/api/care/plans");
        Assert.DoesNotContain(plans.EnumerateArray(), p => p.GetProperty("group").GetString() == nameof(SpecialGroup.KeyPerson));

        // Missed: the messages go to the police members of the team, marked police, never to the grid side.
        app.Clock.Advance(TimeSpan.FromHours(24 + 48 + 1));
        await SweepAsync(app);
        await SweepAsync(app);
        var messages = await app.App.WithDbAsync(db => (from m in db.Messages join a in db.Users on m.RecipientId equals a.Id
                                                        where m.SubjectType == "care-case" && m.SubjectId == c.Id select new { m.Police, a.Side }).ToListAsync());
        Assert.NotEmpty(messages);
        Assert.All(messages, m => Assert.True(m.Police && m.Side == PoliceGrid.Web.Accounts.Side.Police));
        app.Clock.Advance(TimeSpan.FromHours(24));
        await SweepAsync(app);
        var events = await app.App.WithDbAsync(db => db.Events.Where(e => e.Title.Contains(name)).Select(e => e.IsConfidential).ToListAsync());
        Assert.True(Assert.Single(events));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheLocationIsCheckedAgainstTheAddressAndAReasonMayStandInForIt(string provider)
    {
        var app = On(provider);
        app.NextWorkdayMorning();
        var (person, lon, lat) = await ResidentAsync(app, SpecialGroup.ElderlyAlone);
        var c = await CaseAsync(app, person, SpecialGroup.ElderlyAlone);

        var none = await VisitAsync(app, "gridworker1", c.Id, new { outcome = "Good" });
        var far = await VisitAsync(app, "gridworker1", c.Id, new { outcome = "Good", lon = lon + 0.01, lat });
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Contains("没有定位", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, far.StatusCode);
        Assert.Contains("more than 200 m", await far.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.App.WithDbAsync(db => db.CareVisits.CountAsync(v => v.ResidentId == person)));

        var withReason = await VisitAsync(app, "gridworker1", c.Id, new { outcome = "Good", lon = lon + 0.01, lat, reason = "在村口菜地见到" });
        Assert.Equal(HttpStatusCode.OK, withReason.StatusCode);
        app.Clock.Advance(TimeSpan.FromHours(1));
        var near = await VisitAsync(app, "gridworker1", c.Id, new { outcome = "Good", lon = lon + 0.0005, lat });
        Assert.Equal(HttpStatusCode.OK, near.StatusCode);
        var visits = await app.App.WithDbAsync(db => db.CareVisits.Where(v => v.ResidentId == person).OrderBy(v => v.Id).Select(v => new { v.DistanceMeters, v.LocationReason }).ToListAsync());
        Assert.Equal("在村口菜地见到", visits[0].LocationReason);
        Assert.InRange(visits[1].DistanceMeters!.Value, 30, 60);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AFallOrNoAnswerTwiceRaisesTheRightEventRoutedAsEventsAre(string provider)
    {
        var app = On(provider);
        app.NextWorkdayMorning();
        var (person, lon, lat) = await ResidentAsync(app, SpecialGroup.ElderlyAlone);
        var c = await CaseAsync(app, person, SpecialGroup.ElderlyAlone);

        var fell = await VisitAsync(app, "gridworker1", c.Id, new { outcome = "Fell", condition = "在家摔倒，腿疼", lon, lat });
        Assert.Equal(HttpStatusCode.OK, fell.StatusCode);
        var eventId = (await fell.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("eventId").GetInt32();
        var e = await app.App.WithDbAsync(db => (from x in db.Events join k in db.EventCategories on x.CategoryId equals k.Id where x.Id == eventId select new { k.Code, x.HandlerSide, x.Description }).SingleAsync());
        Assert.Equal("02.01", e.Code);
        Assert.Equal(HandlerSide.Grid, e.HandlerSide);
        Assert.Contains("腿疼", e.Description, StringComparison.Ordinal);
        // She was seen, so the clock starts again.
        Assert.Equal(Now(app).AddHours(48), (await CaseAsync(app, person, SpecialGroup.ElderlyAlone)).DueAt);

        app.Clock.Advance(TimeSpan.FromHours(50));
        var once = await VisitAsync(app, "gridworker1", c.Id, new { outcome = "NoAnswer", lon, lat });
        Assert.Null((await once.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("eventId").GetString());
        app.Clock.Advance(TimeSpan.FromHours(3));
        var twice = await VisitAsync(app, "gridworker1", c.Id, new { outcome = "NoAnswer", lon, lat });
        Assert.Equal(JsonValueKind.Number, (await twice.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("eventId").ValueKind);
        Assert.True((await CaseAsync(app, person, SpecialGroup.ElderlyAlone)).DueAt < Now(app));
    }

    static async Task SeenAsync(PoliceGrid.Tests.Delivery.DeliveryApp app, int person, SeenHow how, string source)
    {
        using var scope = app.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceGrid.Web.Data.PoliceGridDb>();
        await scope.ServiceProvider.GetRequiredService<IPersonSeen>().SeenAsync(person, CareRules.Now(app.Clock), how, source);
        await db.SaveChangesAsync();
    }
}
