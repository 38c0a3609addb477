using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Events;

namespace PoliceGrid.Tests.Events;

[Collection(EventsData.Name)]
public class ReportEventTests(SqliteEvents sqlite, PostgresEvents postgres) : EventTests(sqlite, postgres)
{
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PlacesTheEventInTheGridAndChainOfItsPoint(string provider)
    {
        var app = On(provider);
        app.Clock.SetChinaTime(2026, 3, 11, 10, 0);
        var grid = await app.UnitOf("gridworker2");

        var e = await app.ReportAsync("gridworker1", inGridOf: "gridworker2");

        var saved = await app.App.WithDbAsync(db => db.Events.AsNoTracking().SingleAsync(x => x.Id == IdOf(e)));
        var unit = await app.App.WithDbAsync(db => db.Units.AsNoTracking().SingleAsync(u => u.Id == grid));
        Assert.Equal(grid, saved.GridId);
        Assert.Equal(unit.Path, saved.AreaPath);
        Assert.Equal(unit.ParentId, saved.VillageId);
        Assert.Equal(unit.PoliceDistrictId, saved.PoliceDistrictId);
        Assert.NotNull(saved.TownshipId);
        Assert.NotNull(saved.PoliceStationId);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ABadReportIsRefusedInBothLanguagesAndSavesNothing(string provider)
    {
        var app = On(provider);
        var before = await app.App.WithDbAsync(db => db.Events.CountAsync());

        var response = await (await app.As("gridworker1")).PostAsJsonAsync("/api/events", new { categoryCode = "99.99", title = "", lon = 200.0, lat = 33.0 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("未保存", problem.GetProperty("zh").GetString(), StringComparison.Ordinal);
        Assert.Contains("nothing was saved", problem.GetProperty("en").GetString(), StringComparison.Ordinal);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("categoryCode", out _));
        Assert.True(errors.TryGetProperty("title", out _));
        Assert.True(errors.TryGetProperty("point", out _));
        Assert.Equal(before, await app.App.WithDbAsync(db => db.Events.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task APointOutsideEveryGridIsRefused(string provider)
    {
        var response = await (await On(provider).As("gridworker1")).PostAsJsonAsync("/api/events", new { categoryCode = "05.01", title = "x", lon = 10.0, lat = 10.0 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("place", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AGridWorkerWithoutAPointReportsInHerOwnGrid(string provider)
    {
        var app = On(provider);
        var response = await (await app.As("gridworker1")).PostAsJsonAsync("/api/events", new { categoryCode = "05.01", title = "楼道杂物" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var e = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(await app.UnitOf("gridworker1"), e.GetProperty("gridId").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheReportIsKeptAsTheFirstStepAndAudited(string provider)
    {
        var app = On(provider);
        var e = await app.ReportAsync("gridworker1");

        var steps = await app.App.WithDbAsync(db => db.EventSteps.AsNoTracking().Where(s => s.EventId == IdOf(e)).ToListAsync());
        var audited = await app.App.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .CountAsync(a => a.Action == "event-report" && a.RecordId == IdOf(e).ToString(System.Globalization.CultureInfo.InvariantCulture) && a.UserName == "gridworker1"));
        var step = Assert.Single(steps);
        Assert.Equal("report", step.Action);
        Assert.Equal(await app.AccountOf("gridworker1"), step.AccountId);
        Assert.Equal(1, audited);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PhotosAreKeptWithTheStepAndShownOnlyToThoseWhoSeeTheEvent(string provider)
    {
        var app = On(provider);
        var png = Convert.ToBase64String([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]); // a PNG signature: photos are typed by their bytes
        var e = await app.ReportAsync("gridworker1", extra: new { photos = new[] { new { fileName = "scene.png", contentType = "image/png", dataBase64 = png } } });
        var details = await (await app.As("gridworker1")).GetFromJsonAsync<JsonElement>($"/api/events/{IdOf(e)}");
        var photoId = details.GetProperty("steps")[0].GetProperty("photoIds")[0].GetInt64();

        var mine = await (await app.As("gridworker1")).GetAsync($"/api/events/photos/{photoId}");
        var other = await (await app.As("gridworker2")).GetAsync($"/api/events/photos/{photoId}");

        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal(Convert.FromBase64String(png), await mine.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }
}
