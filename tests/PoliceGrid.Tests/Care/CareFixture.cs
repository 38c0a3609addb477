using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceGrid.Tests.Delivery;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Care;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Register.Records;

namespace PoliceGrid.Tests.Care;

/// <summary>The demo data (teams included) with a clock the tests set, one per provider; the tests add the people they visit.</summary>
public sealed class SqliteCare() : DeliveryApp(DatabaseSetup.Sqlite);

public sealed class PostgresCare() : DeliveryApp(DatabaseSetup.Postgres);

[CollectionDefinition(Name)]
public sealed class CareData : ICollectionFixture<SqliteCare>, ICollectionFixture<PostgresCare>
{
    public const string Name = "care";
}

public abstract class CareTests(SqliteCare sqlite, PostgresCare postgres)
{
    protected DeliveryApp On(string provider) => provider == DatabaseSetup.Sqlite ? sqlite : postgres;

    public static TheoryData<string> Providers => new() { DatabaseSetup.Sqlite, DatabaseSetup.Postgres };

    static int next;

    /// <summary>A verified resident with these tags in gridworker1's grid, at a door with this point, and her cases opened.</summary>
    protected static async Task<(int ResidentId, double Lon, double Lat)> ResidentAsync(DeliveryApp app, params SpecialGroup[] tags)
    {
        var n = Interlocked.Increment(ref next);
        using var scope = app.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceGridDb>();
        var worker = await db.Users.SingleAsync(a => a.UserName == "gridworker1");
        var grid = await db.Units.SingleAsync(u => u.Id == worker.UnitId);
        var (lon, lat) = (113.30 + n * 0.001, 33.74);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var address = new StandardAddress
        {
            VillageId = grid.ParentId!.Value, GridId = grid.Id, PoliceDistrictId = grid.PoliceDistrictId, AreaPath = grid.Path, Road = "关爱路", DoorNumber = $"{n}号",
            Canonical = $"关爱路{n}号 {Guid.NewGuid():N}", Key = $"care-test-{Guid.NewGuid():N}", Longitude = lon, Latitude = lat, CreatedById = worker.Id, CreatedAt = now,
        };
        db.Add(address);
        await db.SaveChangesAsync();
        var resident = new Resident { Name = $"关爱对象{n}", Status = RecordStatus.Verified, CollectedById = worker.Id, CollectedAt = now, Tags = SpecialGroups.Store(tags) };
        resident.PlaceAt(address);
        db.Add(resident);
        await db.SaveChangesAsync();
        await scope.ServiceProvider.GetRequiredService<OpenCareCases>().RunAsync([grid.Id]);
        return (resident.Id, lon, lat);
    }

    protected static Task<CareCase> CaseAsync(DeliveryApp app, int residentId, SpecialGroup group) =>
        app.App.WithDbAsync(db => db.CareCases.AsNoTracking().SingleAsync(c => c.ResidentId == residentId && c.Group == group));

    protected static async Task<T> RunAsync<T>(DeliveryApp app, Func<IServiceProvider, Task<T>> run)
    {
        using var scope = app.App.Services.CreateScope();
        return await run(scope.ServiceProvider);
    }

    protected static async Task<int> SweepAsync(DeliveryApp app) => await RunAsync(app, s => s.GetRequiredService<EscalateMissedVisits>().RunAsync());

    protected static async Task<HttpResponseMessage> VisitAsync(DeliveryApp app, string userName, int caseId, object body) =>
        await (await app.As(userName)).PostAsJsonAsync($"/api/care/cases/{caseId}/visits", body);

    protected static async Task<List<int>> TodayAsync(DeliveryApp app, string userName) =>
        (await (await app.As(userName)).GetFromJsonAsync<JsonElement>("/api/care/today")).EnumerateArray().Select(d => d.GetProperty("caseId").GetInt32()).ToList();

    protected static DateTime Now(DeliveryApp app) => CareRules.Now(app.Clock);
}
