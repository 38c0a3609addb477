using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Teams;

namespace PoliceGrid.Tests.Teams;

/// <summary>Each grid has exactly one responsible team at a time, with the history of who answered for it when.</summary>
[Collection(TeamsData.Name)]
public class MakeTeamResponsibleTests(SqliteTeams sqlite, PostgresTeams postgres) : TeamTests(sqlite, postgres)
{
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AGridHasOneResponsibleTeamAtATimeAndKeepsItsHistory(string provider)
    {
        var app = On(provider);
        // gridworker2's grid: the demo seed made her pairing with her district's officer responsible for it.
        var grid = await UnitOf(app, "gridworker2");
        var before = await app.App.WithDbAsync(db => db.GridResponsibilities.Where(r => r.GridId == grid && r.EndedAt == null).Select(r => r.TeamId).SingleAsync());
        var id = await FormedAsync(app, "stationhead", grid, "Pairing", ("officer", "PoliceOfficer"), ("gridworker2", "GridWorker"));
        var head = await app.As("stationhead");
        app.Clock.Advance(TimeSpan.FromMinutes(5));

        var made = await head.PostAsJsonAsync($"/api/teams/{id}/grids", new { gridId = grid });
        var again = await head.PostAsJsonAsync($"/api/teams/{id}/grids", new { gridId = grid });
        var notAGrid = await head.PostAsJsonAsync($"/api/teams/{id}/grids", new { gridId = await UnitOf(app, "stationhead") });

        Assert.Equal(HttpStatusCode.NoContent, made.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notAGrid.StatusCode);
        var history = (await (await app.As("gridworker2")).GetFromJsonAsync<JsonElement>($"/api/teams/grids/{grid}/history")).EnumerateArray().ToList();
        var current = history.Where(r => r.GetProperty("endedAt").ValueKind == JsonValueKind.Null).ToList();
        Assert.Equal(id, Assert.Single(current).GetProperty("teamId").GetInt32());
        Assert.Contains(history, r => r.GetProperty("teamId").GetInt32() == before && r.GetProperty("endedAt").ValueKind == JsonValueKind.String);
        Assert.Equal(1, await app.App.WithDbAsync(db => db.GridResponsibilities.CountAsync(r => r.GridId == grid && r.EndedAt == null)));
        var record = id.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(1, await app.App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "team-responsible" && a.RecordId == record)));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheDatabaseRefusesASecondCurrentTeamForAGrid(string provider)
    {
        var app = On(provider);
        var grid = await UnitOf(app, "gridworker1");
        var other = await app.App.WithDbAsync(db => db.Teams.Where(t => t.UnitId != grid).OrderBy(t => t.Id).Select(t => t.Id).FirstAsync());

        var error = await Record.ExceptionAsync(() => app.App.WithDbAsync(async db =>
        {
            db.GridResponsibilities.Add(new GridResponsibility { GridId = grid, TeamId = other, StartedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        }));

        Assert.IsType<DbUpdateException>(error);
        // A closed row beside the open one is history, and allowed.
        Assert.Equal(1, await app.App.WithDbAsync(async db =>
        {
            db.GridResponsibilities.Add(new GridResponsibility { GridId = grid, TeamId = other, StartedAt = DateTime.UtcNow.AddDays(-30), EndedAt = DateTime.UtcNow.AddDays(-20) });
            return await db.SaveChangesAsync();
        }));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task DissolvingATeamClosesItsMembersAndGridsButKeepsItsHistory(string provider)
    {
        var app = On(provider);
        var grid = await SpareGridAsync(app, 2);
        var worker = (await WorkerOfGridAsync(app, grid)).ToString(CultureInfo.InvariantCulture);
        var id = await FormedAsync(app, "director", grid, "Pairing", ("auxiliary", "PoliceOfficer"), (worker, "GridWorker"));
        var head = await app.As("director");
        Assert.Equal(HttpStatusCode.NoContent, (await head.PostAsJsonAsync($"/api/teams/{id}/grids", new { gridId = grid })).StatusCode);

        var dissolved = await head.PostAsync($"/api/teams/{id}/dissolve", null);
        var twice = await head.PostAsync($"/api/teams/{id}/dissolve", null);

        Assert.Equal(HttpStatusCode.NoContent, dissolved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(0, await app.App.WithDbAsync(db => db.GridResponsibilities.CountAsync(r => r.GridId == grid && r.EndedAt == null)));
        Assert.Equal(0, await app.App.WithDbAsync(db => db.TeamMembers.CountAsync(m => m.TeamId == id && m.EndedAt == null)));
        var list = await head.GetFromJsonAsync<JsonElement>("/api/teams");
        Assert.DoesNotContain(list.EnumerateArray(), t => t.GetProperty("id").GetInt32() == id);
        var details = await head.GetFromJsonAsync<JsonElement>($"/api/teams/{id}");
        Assert.Equal(2, details.GetProperty("members").GetArrayLength());
        // The grid's history: the team's own row, closed, after the pairing it took over from.
        var own = Assert.Single(details.GetProperty("grids").EnumerateArray(), r => r.GetProperty("teamId").GetInt32() == id);
        Assert.Equal(JsonValueKind.String, own.GetProperty("endedAt").ValueKind);
        Assert.DoesNotContain((await (await app.As("auxiliary")).GetFromJsonAsync<JsonElement>("/api/teams/mine")).EnumerateArray(), t => t.GetProperty("id").GetInt32() == id);
    }
}
