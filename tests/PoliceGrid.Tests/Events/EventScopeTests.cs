using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PoliceGrid.Web.Data;

namespace PoliceGrid.Tests.Events;

/// <summary>Each demo role against an event in gridworker1's grid and one in gridworker2's: exactly what it should see.</summary>
[Collection(EventsData.Name)]
public class EventScopeTests(SqliteEvents sqlite, PostgresEvents postgres) : EventTests(sqlite, postgres)
{
    public static TheoryData<string, string, HttpStatusCode, HttpStatusCode> Matrix()
    {
        const HttpStatusCode ok = HttpStatusCode.OK, hidden = HttpStatusCode.NotFound, forbidden = HttpStatusCode.Forbidden;
        var rows = new (string User, HttpStatusCode Grid1, HttpStatusCode Grid2)[]
        {
            ("gridworker1", ok, hidden), ("gridworker2", hidden, ok), ("gridchief", ok, hidden), ("officer", ok, hidden), ("auxiliary", ok, hidden),
            ("stationhead", ok, ok), ("director", ok, ok), ("dispatcher", ok, ok),
            // 三员分立: the system administrator looks after units and settings, not the events people report.
            ("admin", forbidden, forbidden),
            ("auditor", forbidden, forbidden), ("secadmin", forbidden, forbidden),
        };
        var data = new TheoryData<string, string, HttpStatusCode, HttpStatusCode>();
        foreach (var provider in new[] { DatabaseSetup.Sqlite, DatabaseSetup.Postgres })
            foreach (var (user, grid1, grid2) in rows)
                data.Add(provider, user, grid1, grid2);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task EachRoleSeesEventsOnlyInItsScope(string provider, string user, HttpStatusCode grid1, HttpStatusCode grid2)
    {
        var app = On(provider);
        app.Clock.SetChinaTime(2026, 3, 11, 10, 0);
        var inGrid1 = IdOf(await app.ReportAsync("gridchief", "05.01"));
        var inGrid2 = IdOf(await app.ReportAsync("gridworker2", "05.01", inGridOf: "gridworker2"));
        var client = await app.As(user);

        Assert.Equal(grid1, (await client.GetAsync($"/api/events/{inGrid1}")).StatusCode);
        Assert.Equal(grid2, (await client.GetAsync($"/api/events/{inGrid2}")).StatusCode);
        if (grid1 == HttpStatusCode.Forbidden)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/events?status=open")).StatusCode);
            return;
        }
        // Each event is asked for by its number: the shared data holds more open events than one page.
        Assert.Equal(grid1 == HttpStatusCode.OK, await ListedAsync(client, inGrid1));
        Assert.Equal(grid2 == HttpStatusCode.OK, await ListedAsync(client, inGrid2));
    }

    static async Task<bool> ListedAsync(HttpClient client, int id)
    {
        var list = await client.GetAsync($"/api/events?status=open&q=SJ{id}");
        Assert.True(list.IsSuccessStatusCode, await list.Content.ReadAsStringAsync());
        return (await list.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Any(r => r.GetProperty("id").GetInt32() == id);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AReadOutsideTheScopeIsAuditedAsDenied(string provider)
    {
        var app = On(provider);
        var id = IdOf(await app.ReportAsync("gridworker2", inGridOf: "gridworker2"));

        await (await app.As("gridworker1")).GetAsync($"/api/events/{id}");

        var denied = await app.App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.AuditEntries,
            a => a.UserName == "gridworker1" && a.RecordType == "event" && a.RecordId == id.ToString(System.Globalization.CultureInfo.InvariantCulture) && a.Outcome == "denied"));
        Assert.Equal(1, denied);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheGridWorkersTaskListHoldsWhatIsRoutedToHerGridAndNotThePolicesWork(string provider)
    {
        var app = On(provider);
        app.Clock.SetChinaTime(2026, 3, 11, 10, 0);
        var gridWork = IdOf(await app.ReportAsync("gridchief", "05.01"));
        var policeWork = IdOf(await app.ReportAsync("gridchief", "06.01"));

        var worker = (await (await app.As("gridworker1")).GetFromJsonAsync<JsonElement>("/api/events/tasks")).EnumerateArray().Select(r => r.GetProperty("id").GetInt32()).ToList();
        var officer = (await (await app.As("officer")).GetFromJsonAsync<JsonElement>("/api/events/tasks")).EnumerateArray().Select(r => r.GetProperty("id").GetInt32()).ToList();

        Assert.Contains(gridWork, worker);
        Assert.DoesNotContain(policeWork, worker);
        Assert.Contains(policeWork, officer);
        Assert.DoesNotContain(gridWork, officer);
    }
}
