using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Tests.Accounts;

/// <summary>Each demo role against each endpoint: exactly what it should see, no more.</summary>
[Collection(DemoData.Name)]
public class AccessMatrixTests(SqliteDemo sqlite, PostgresDemo postgres)
{
    ProductApp App(string provider) => provider == DatabaseSetup.Sqlite ? sqlite.App : postgres.App;

    /// <summary>The records the matrix asks about, named by what they are to the demo accounts.</summary>
    sealed record Targets(int GridOfWorker1, int GridOfWorker2, int DistrictOfOfficer, int OtherDistrictInTownship,
        int Township, int OtherTownshipInCounty, int OtherCounty, int City);

    static async Task<Targets> TargetsAsync(ProductApp app) => await app.WithDbAsync(async db =>
    {
        async Task<int> UnitOf(string userName) => (await db.Users.SingleAsync(a => a.UserName == userName)).UnitId;
        var grid1 = await UnitOf("gridworker1");
        var grid2 = await UnitOf("gridworker2");
        var district = await UnitOf("officer");
        var otherDistrict = (await db.Units.SingleAsync(u => u.Id == grid2)).PoliceDistrictId!.Value;
        int Code(string code) => db.Units.Single(u => u.Code == code).Id;
        return new Targets(grid1, grid2, district, otherDistrict, Code("410402001"), Code("410402002"), Code("410421"), Code("4104"));
    });

    public static TheoryData<string, string, string, HttpStatusCode> Matrix()
    {
        const HttpStatusCode ok = HttpStatusCode.OK, hidden = HttpStatusCode.NotFound, forbidden = HttpStatusCode.Forbidden;
        var rows = new (string User, string Target, HttpStatusCode Expected)[]
        {
            ("gridworker1", "GridOfWorker1", ok), ("gridworker1", "GridOfWorker2", hidden), ("gridworker1", "DistrictOfOfficer", ok),
            ("gridworker1", "OtherDistrictInTownship", hidden), ("gridworker1", "Township", ok), ("gridworker1", "OtherTownshipInCounty", hidden),
            ("gridworker2", "GridOfWorker1", hidden), ("gridworker2", "GridOfWorker2", ok), ("gridworker2", "DistrictOfOfficer", hidden),
            ("gridchief", "GridOfWorker1", ok), ("gridchief", "GridOfWorker2", hidden),
            ("officer", "GridOfWorker1", ok), ("officer", "GridOfWorker2", hidden), ("officer", "DistrictOfOfficer", ok),
            ("officer", "OtherDistrictInTownship", hidden), ("officer", "OtherTownshipInCounty", hidden),
            ("auxiliary", "GridOfWorker1", ok), ("auxiliary", "GridOfWorker2", hidden),
            ("stationhead", "GridOfWorker1", ok), ("stationhead", "GridOfWorker2", ok), ("stationhead", "OtherDistrictInTownship", ok),
            ("stationhead", "OtherTownshipInCounty", hidden), ("stationhead", "OtherCounty", hidden),
            ("director", "GridOfWorker2", ok), ("director", "OtherTownshipInCounty", hidden),
            ("dispatcher", "GridOfWorker2", ok), ("dispatcher", "OtherTownshipInCounty", ok), ("dispatcher", "OtherCounty", hidden),
            ("admin", "GridOfWorker2", ok), ("admin", "OtherCounty", ok), ("admin", "City", ok),
            ("auditor", "GridOfWorker1", forbidden), ("secadmin", "GridOfWorker1", forbidden),
        };
        var data = new TheoryData<string, string, string, HttpStatusCode>();
        foreach (var provider in new[] { DatabaseSetup.Sqlite, DatabaseSetup.Postgres })
            foreach (var (user, target, expected) in rows)
                data.Add(provider, user, target, expected);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task EachRoleSeesExactlyItsScope(string provider, string user, string target, HttpStatusCode expected)
    {
        var app = App(provider);
        var targets = await TargetsAsync(app);
        var id = (int)typeof(Targets).GetProperty(target)!.GetValue(targets)!;
        var client = await app.SignInAsync(user);

        foreach (var path in new[] { $"/api/units/{id}", $"/api/units/{id}/outlines" })
            Assert.Equal(expected, (await client.GetAsync(path)).StatusCode);
    }

    [Theory]
    [InlineData(DatabaseSetup.Sqlite)]
    [InlineData(DatabaseSetup.Postgres)]
    public async Task AReadOutsideTheScopeIsAudited(string provider)
    {
        var app = App(provider);
        var targets = await TargetsAsync(app);
        var client = await app.SignInAsync("gridworker1");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/units/{targets.GridOfWorker2}")).StatusCode);

        var denied = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.UserName == "gridworker1" && e.Outcome == AuditOutcome.Denied && e.RecordId == targets.GridOfWorker2.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .CountAsync());
        Assert.True(denied >= 1);
    }

    [Theory]
    [InlineData("gridworker1", "网格")]
    [InlineData("officer", "网格")]
    [InlineData("stationhead", "社区")]
    public async Task SearchAndTreeListOnlyUnitsInScope(string user, string term)
    {
        var app = sqlite.App;
        var client = await app.SignInAsync(user);
        var viewer = await app.WithDbAsync(async db =>
        {
            var account = await db.Users.SingleAsync(a => a.UserName == user);
            return await new PoliceGrid.Web.Access.AccessPolicy(db, null!, null!).ViewerFor(account);
        });

        var found = await client.GetFromJsonAsync<List<UnitQueries.UnitRow>>($"/api/units?q={Uri.EscapeDataString(term)}");
        var units = await app.WithDbAsync(db => db.Units.AsNoTracking().ToListAsync());

        Assert.NotNull(found);
        Assert.NotEmpty(found);
        Assert.All(found, row => Assert.True(PoliceGrid.Web.Access.AccessPolicy.CanSee(units.Single(u => u.Id == row.Id), viewer), $"{user} sees {row.Name}"));
        var grids = found.Where(r => r.Kind == UnitKind.Grid).ToList();
        if (user == "gridworker1")
            Assert.Equal([viewer.Unit.Id], grids.Select(g => g.Id));
    }

    [Theory]
    [InlineData("admin", HttpStatusCode.Forbidden)]
    [InlineData("secadmin", HttpStatusCode.Forbidden)]
    [InlineData("stationhead", HttpStatusCode.Forbidden)]
    [InlineData("gridworker1", HttpStatusCode.Forbidden)]
    [InlineData("auditor", HttpStatusCode.OK)]
    public async Task OnlyTheAuditorReadsTheAuditTrail(string user, HttpStatusCode expected)
    {
        var client = await sqlite.App.SignInAsync(user);
        Assert.Equal(expected, (await client.GetAsync("/api/audit")).StatusCode);
    }

    [Theory]
    [InlineData("auditor", HttpStatusCode.Forbidden)]
    [InlineData("secadmin", HttpStatusCode.Forbidden)]
    [InlineData("dispatcher", HttpStatusCode.Forbidden)]
    [InlineData("gridworker1", HttpStatusCode.Forbidden)]
    [InlineData("admin", HttpStatusCode.BadRequest)]
    public async Task OnlyTheSystemAdministratorImportsUnits(string user, HttpStatusCode expected)
    {
        var client = await sqlite.App.SignInAsync(user);
        using var empty = new MultipartFormDataContent { { new StringContent("x"), "other", "other.txt" } };
        Assert.Equal(expected, (await client.PostAsync("/api/units/import", empty)).StatusCode);
    }

    [Fact]
    public async Task AStationHeadsMapShowsTheVillagesOfHisTownship()
    {
        var app = sqlite.App;
        var client = await app.SignInAsync("stationhead");
        var stationId = await app.WithDbAsync(db => db.Users.Where(a => a.UserName == "stationhead").Select(a => a.UnitId).SingleAsync());
        var villages = await app.WithDbAsync(db => db.Units.Where(u => u.Kind == UnitKind.Village && u.Path.StartsWith("/4104/410402/410402001/")).CountAsync());

        var map = await client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/units/{stationId}/outlines");

        var features = map.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal("410402001", features[0].GetProperty("properties").GetProperty("code").GetString());
        Assert.Equal(villages, features.Count(f => f.GetProperty("properties").GetProperty("kind").GetString() == "Village"));
    }

    [Fact]
    public async Task AnonymousCallersGetUnauthorized()
    {
        var client = sqlite.App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/units")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/audit")).StatusCode);
    }
}
