using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Units;
using PoliceGrid.Web.Units.Geometry;

namespace PoliceGrid.Tests.Units;

public class ImportUnitsTests
{
    /// <summary>An empty product with one system administrator, as a new county would install it.</summary>
    static async Task<(ProductApp App, HttpClient Admin)> EmptyProductAsync(string provider)
    {
        var app = await ProductApp.StartAsync(provider, seed: false);
        await app.WithDbAsync(async db =>
        {
            db.Units.Add(new Unit { Code = "0", Name = "全国", Kind = UnitKind.City, Path = "/0/", AreaPath = "/0/" });
            await db.SaveChangesAsync();
            return 0;
        });
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Account>>();
            var unitId = scope.ServiceProvider.GetRequiredService<PoliceGridDb>().Units.Single().Id;
            var result = await users.CreateAsync(new Account { UserName = "admin", DisplayName = "管理员", Role = Role.SystemAdmin, Side = Side.Administration, UnitId = unitId }, DemoSeed.Password);
            Assert.True(result.Succeeded);
        }
        return (app, await app.SignInAsync("admin"));
    }

    [Theory]
    [InlineData(DatabaseSetup.Sqlite)]
    [InlineData(DatabaseSetup.Postgres)]
    public async Task ImportsADifferentCityAndLaysOutGridsAndPolice(string provider)
    {
        var (app, admin) = await EmptyProductAsync(provider);
        await using var _ = app;

        var response = await admin.PostAsync("/api/units/import", SampleCity.Form(SampleCity.Divisions, SampleCity.Outlines()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(11, summary.GetProperty("created").GetInt32());
        Assert.Equal(1, summary.GetProperty("outlinesImported").GetInt32());
        Assert.Equal("330105", summary.GetProperty("countiesWithoutOutline")[0].GetProperty("code").GetString());
        var layout = summary.GetProperty("layout");
        Assert.Equal(15, layout.GetProperty("gridsCreated").GetInt32()); // 5 villages × 3
        // 2 branches, 3 stations + 3 fusion centres, 5 districts + 5 fusion stations
        Assert.Equal(18, layout.GetProperty("policeUnitsCreated").GetInt32());

        var units = await app.WithDbAsync(db => db.Units.AsNoTracking().ToListAsync());
        var grids = units.Where(u => u.Kind == UnitKind.Grid).ToList();
        Assert.All(grids, g => Assert.NotNull(g.PoliceDistrictId));
        Assert.All(grids.Where(g => g.Path.StartsWith("/3301/330102/", StringComparison.Ordinal)), g => Assert.NotNull(g.Outline));
        Assert.All(grids.Where(g => g.Path.StartsWith("/3301/330105/", StringComparison.Ordinal)), g => Assert.Null(g.Outline));
    }

    [Theory]
    [InlineData(DatabaseSetup.Sqlite)]
    [InlineData(DatabaseSetup.Postgres)]
    public async Task ImportingTheSameFilesAgainChangesNothing(string provider)
    {
        var (app, admin) = await EmptyProductAsync(provider);
        await using var _ = app;
        (await admin.PostAsync("/api/units/import", SampleCity.Form(SampleCity.Divisions, SampleCity.Outlines()))).EnsureSuccessStatusCode();
        var before = await app.WithDbAsync(db => db.Units.AsNoTracking().OrderBy(u => u.Id).Select(u => new { u.Id, u.Code, u.Name, u.Version, u.Outline, u.PoliceDistrictId }).ToListAsync());

        var again = await admin.PostAsync("/api/units/import", SampleCity.Form(SampleCity.Divisions, SampleCity.Outlines()));
        var summary = await again.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(0, summary.GetProperty("created").GetInt32());
        Assert.Equal(0, summary.GetProperty("updated").GetInt32());
        Assert.Equal(11, summary.GetProperty("unchanged").GetInt32());
        Assert.Equal(0, summary.GetProperty("layout").GetProperty("gridsCreated").GetInt32());
        Assert.Equal(0, summary.GetProperty("layout").GetProperty("outlinesGenerated").GetInt32());
        var after = await app.WithDbAsync(db => db.Units.AsNoTracking().OrderBy(u => u.Id).Select(u => new { u.Id, u.Code, u.Name, u.Version, u.Outline, u.PoliceDistrictId }).ToListAsync());
        Assert.Equal(before.Count, after.Count);
        for (var i = 0; i < before.Count; i++)
        {
            Assert.Equal(before[i].Code, after[i].Code);
            Assert.Equal(before[i].Version, after[i].Version);
            Assert.Equal(before[i].Outline, after[i].Outline);
        }
    }

    [Fact]
    public async Task AMalformedFileIsRefusedWithRowNumbersAndImportsNothing()
    {
        var (app, admin) = await EmptyProductAsync(DatabaseSetup.Sqlite);
        await using var _ = app;
        var bad = """
            code,name,level,parent_code
            3301,杭州市,city,33
            33010X,上城区,county,3301
            330105,,county,3301
            330105001,米市巷街道,hamlet,330105
            3301,杭州市,city,33
            """;

        var response = await admin.PostAsync("/api/units/import", SampleCity.Form(bad, SampleCity.Outlines()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString())).ToList();
        Assert.Contains((3, "code"), errors);
        Assert.Contains((4, "name"), errors);
        Assert.Contains((5, "level"), errors);
        Assert.Contains((6, "code"), errors);
        Assert.Contains("文件有误", problem.GetProperty("zh").GetString(), StringComparison.Ordinal);
        Assert.Contains("nothing was imported", problem.GetProperty("en").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.Units.CountAsync()));
    }

    [Fact]
    public async Task AnOutlineThatIsNotGeoJsonIsRefusedAndImportsNothing()
    {
        var (app, admin) = await EmptyProductAsync(DatabaseSetup.Sqlite);
        await using var _ = app;

        var response = await admin.PostAsync("/api/units/import", SampleCity.Form(SampleCity.Divisions, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\"}]}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Units.CountAsync()));
    }

    [Fact]
    public async Task LocateFindsTheChainOfAPointAndNothingOutside()
    {
        var (app, admin) = await EmptyProductAsync(DatabaseSetup.Sqlite);
        await using var _ = app;
        (await admin.PostAsync("/api/units/import", SampleCity.Form(SampleCity.Divisions, SampleCity.Outlines()))).EnsureSuccessStatusCode();
        var grids = await app.WithDbAsync(db => db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.Grid && u.Outline != null).ToListAsync());

        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var (lon, lat) = (SampleCity.West + random.NextDouble() * SampleCity.Size, SampleCity.South + random.NextDouble() * SampleCity.Size);
            var chain = await admin.GetFromJsonAsync<JsonElement>(FormattableString.Invariant($"/api/units/locate?lon={lon}&lat={lat}"));
            var gridCode = chain.GetProperty("grid").GetProperty("code").GetString()!;
            var grid = grids.Single(g => g.Code == gridCode);
            Assert.True(Wkb.Read(grid.Outline!).Covers(GeoJson.Factory.CreatePoint(new NetTopologySuite.Geometries.Coordinate(lon, lat))));
            Assert.Equal("330102", chain.GetProperty("county").GetProperty("code").GetString());
            Assert.StartsWith(chain.GetProperty("township").GetProperty("code").GetString()!, gridCode, StringComparison.Ordinal);
            Assert.Equal("D" + chain.GetProperty("village").GetProperty("code").GetString(), chain.GetProperty("policeDistrict").GetProperty("code").GetString());
            Assert.Equal("S" + chain.GetProperty("township").GetProperty("code").GetString(), chain.GetProperty("policeStation").GetProperty("code").GetString());
        }

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/units/locate?lon=121.5&lat=30.1")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/units/locate?lon=500&lat=30.1")).StatusCode);
    }

    [Fact]
    public async Task GeneratedGridsTileTheCountyWithoutGapsOrOverlaps()
    {
        var (app, admin) = await EmptyProductAsync(DatabaseSetup.Sqlite);
        await using var _ = app;
        (await admin.PostAsync("/api/units/import", SampleCity.Form(SampleCity.Divisions, SampleCity.Outlines()))).EnsureSuccessStatusCode();
        var units = await app.WithDbAsync(db => db.Units.AsNoTracking().Where(u => u.Outline != null).ToListAsync());
        var county = Wkb.Read(units.Single(u => u.Code == "330102").Outline!);
        var grids = units.Where(u => u.Kind == UnitKind.Grid).Select(u => (u.Code, Wkb.Read(u.Outline!))).ToList();

        var report = TilingCheck.Check(county, grids, 1e-10);

        Assert.True(report.IsTiling, $"gaps {report.Gaps.Count}, overlaps {report.Overlaps.Count}, outside {report.Outside.Count}");
        Assert.Equal(county.Area, grids.Sum(g => g.Item2.Area), 9);
    }

    [Fact]
    public async Task ASurveyedOutlineThatLeavesAGapIsRefusedAndSaysWhere()
    {
        var (app, admin) = await EmptyProductAsync(DatabaseSetup.Sqlite);
        await using var _ = app;
        (await admin.PostAsync("/api/units/import", SampleCity.Form(SampleCity.Divisions, SampleCity.Outlines()))).EnsureSuccessStatusCode();
        // Township 330102001 shrunk to a small square: the county is no longer covered.
        var shrunk = """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"330102001"},
            "geometry":{"type":"Polygon","coordinates":[[[120.0,30.0],[120.05,30.0],[120.05,30.05],[120.0,30.05],[120.0,30.0]]]}}]}
            """;
        var before = await app.WithDbAsync(db => db.Units.AsNoTracking().Where(u => u.Code == "330102001").Select(u => u.Outline).SingleAsync());

        var response = await admin.PutAsync("/api/units/outlines", new StringContent(shrunk, System.Text.Encoding.UTF8, "application/geo+json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEmpty(problem.GetProperty("errors").GetProperty("gaps").EnumerateArray());
        Assert.Equal(before, await app.WithDbAsync(db => db.Units.AsNoTracking().Where(u => u.Code == "330102001").Select(u => u.Outline).SingleAsync()));
    }
}
