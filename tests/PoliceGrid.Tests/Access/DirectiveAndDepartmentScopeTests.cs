using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Tests.Events;

namespace PoliceGrid.Tests.Access;

/// <summary>
/// Findings 9 and 10 of the trust issue: a directive reaches exactly the unit it is sent to (police text stays on the
/// police side; nobody sends beyond their own area), and a department officer sees only his own department's events.
/// </summary>
[Collection(EventsData.Name)]
public class DirectiveAndDepartmentScopeTests(SqliteEvents sqlite, PostgresEvents postgres) : EventTests(sqlite, postgres)
{
    static async Task<HttpResponseMessage> IssueAsync(EventsApp app, string issuer, int unitId) =>
        await (await app.As(issuer)).PostAsJsonAsync("/api/directives", new { title = "核查可疑人员 " + Guid.NewGuid().ToString("N")[..6], body = "警务内容", targetUnitId = unitId, dueMinutes = 60 });

    static async Task<bool> ListsAsync(EventsApp app, string user, int id) =>
        (await (await app.As(user)).GetFromJsonAsync<JsonElement>("/api/directives")).EnumerateArray().Any(d => d.GetProperty("id").GetInt32() == id);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ADirectiveToAPoliceDistrictReachesItsOfficersAndNotTheGridSide(string provider)
    {
        var app = On(provider);
        var issued = await IssueAsync(app, "dispatcher", await app.UnitOf("officer"));
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var id = IdOf(await issued.Content.ReadFromJsonAsync<JsonElement>());

        Assert.True(await ListsAsync(app, "officer", id));
        Assert.Equal(HttpStatusCode.OK, (await (await app.As("officer")).PostAsJsonAsync($"/api/directives/{id}/acknowledge", new { })).StatusCode);
        Assert.True(await ListsAsync(app, "stationhead", id));

        foreach (var gridSide in new[] { "director", "gridchief", "gridworker1" })
        {
            Assert.False(await ListsAsync(app, gridSide, id), gridSide);
            Assert.Equal(HttpStatusCode.NotFound, (await (await app.As(gridSide)).PostAsJsonAsync($"/api/directives/{id}/answer", new { text = "x" })).StatusCode);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task NobodySendsADirectiveBeyondTheirOwnArea(string provider)
    {
        var app = On(provider);
        var (city, otherTownship, county) = await app.App.WithDbAsync(async db => (
            await db.Units.Where(u => u.Code == "4104").Select(u => u.Id).SingleAsync(),
            await db.Units.Where(u => u.Code == "410402002").Select(u => u.Id).SingleAsync(),
            await db.Units.Where(u => u.Code == "410402").Select(u => u.Id).SingleAsync()));

        foreach (var target in new[] { city, otherTownship, county })
            Assert.Equal(HttpStatusCode.BadRequest, (await IssueAsync(app, "stationhead", target)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await IssueAsync(app, "dispatcher", city)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await IssueAsync(app, "stationhead", await app.UnitOf("gridworker2"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await IssueAsync(app, "officer", await app.UnitOf("gridworker1"))).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ADepartmentOfficerSeesAndHandlesOnlyHisOwnDepartmentsEvents(string provider)
    {
        var app = On(provider);
        // 03.02 goes to 民政 (civil affairs), 05.02 to 城管 (urban management), in office hours.
        app.Clock.SetChinaTime(2026, 11, 25, 10, 0);
        var relief = IdOf(await app.ReportAsync("gridworker1", "03.02"));
        var lamp = IdOf(await app.ReportAsync("gridworker1", "05.02"));

        async Task<IReadOnlyList<int>> Listed(string user, string path) =>
            (await (await app.As(user)).GetFromJsonAsync<JsonElement>(path)).EnumerateArray().Select(e => e.GetProperty("id").GetInt32()).ToList();

        foreach (var (user, own, other) in new[] { ("civil", relief, lamp), ("urban", lamp, relief) })
        {
            Assert.Contains(own, await Listed(user, "/api/events?take=200"));
            Assert.DoesNotContain(other, await Listed(user, "/api/events?take=200"));
            Assert.Contains(own, await Listed(user, "/api/events/tasks"));
            Assert.DoesNotContain(other, await Listed(user, "/api/events/tasks"));
            Assert.Equal(HttpStatusCode.OK, (await (await app.As(user)).GetAsync($"/api/events/{own}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await (await app.As(user)).GetAsync($"/api/events/{other}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await app.ActAsync(user, other, "accept", new { version = 1 })).StatusCode);
        }
    }
}
