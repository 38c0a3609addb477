using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceGrid.Tests.Delivery;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Tests.Teams;

/// <summary>The demo data (its teams included) with channels on and a clock the tests set, one per provider.</summary>
public sealed class SqliteTeams() : DeliveryApp(DatabaseSetup.Sqlite);

public sealed class PostgresTeams() : DeliveryApp(DatabaseSetup.Postgres);

[CollectionDefinition(Name)]
public sealed class TeamsData : ICollectionFixture<SqliteTeams>, ICollectionFixture<PostgresTeams>
{
    public const string Name = "teams";
}

public abstract class TeamTests(SqliteTeams sqlite, PostgresTeams postgres)
{
    protected DeliveryApp On(string provider) => provider == DatabaseSetup.Sqlite ? sqlite : postgres;

    public static TheoryData<string> Providers => new() { DatabaseSetup.Sqlite, DatabaseSetup.Postgres };

    protected static Task<int> UnitOf(DeliveryApp app, string userName) =>
        app.App.WithDbAsync(db => db.Users.Where(a => a.UserName == userName).Select(a => a.UnitId).SingleAsync());

    /// <summary>The team the named demo accounts form (一警三员 of gridworker1's grid).</summary>
    protected static Task<int> DemoTeamOf(DeliveryApp app) => app.App.WithDbAsync(async db =>
    {
        var grid = await db.Users.Where(a => a.UserName == "gridworker1").Select(a => a.UnitId).SingleAsync();
        return await db.Teams.Where(t => t.UnitId == grid && t.Kind == PoliceGrid.Web.Teams.TeamKind.OneOfficerThreeMembers).Select(t => t.Id).FirstAsync();
    });

    /// <summary>A grid of the demo township no other test uses: the <paramref name="index"/>th of the first village's grids after gridworker1's.</summary>
    protected static Task<int> SpareGridAsync(DeliveryApp app, int index) => app.App.WithDbAsync(async db =>
    {
        var township = await db.Units.SingleAsync(u => u.Code == DemoSeed.DemoTownship);
        var taken = await db.Users.Where(a => a.UserName == "gridworker1" || a.UserName == "gridworker2").Select(a => a.UnitId).ToListAsync();
        return await db.Units.Where(u => u.Kind == UnitKind.Grid && u.Path.StartsWith(township.Path) && !taken.Contains(u.Id))
            .OrderBy(u => u.Path).Skip(index).Select(u => u.Id).FirstAsync();
    });

    /// <summary>The generated grid worker of a grid (no sign-in).</summary>
    protected static Task<int> WorkerOfGridAsync(DeliveryApp app, int gridId) =>
        app.App.WithDbAsync(db => db.Users.Where(a => a.UnitId == gridId && a.Role == PoliceGrid.Web.Accounts.Role.GridWorker).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync());

    protected static async Task<HttpResponseMessage> FormAsync(DeliveryApp app, string userName, int unitId, string kind, params (string UserNameOrId, string Duty)[] members)
    {
        var list = new List<object>();
        foreach (var (who, duty) in members)
            list.Add(new { accountId = int.TryParse(who, CultureInfo.InvariantCulture, out var id) ? id : await app.AccountOf(who), duty });
        return await (await app.As(userName)).PostAsJsonAsync("/api/teams", new { unitId, kind, members = list });
    }

    protected static async Task<int> FormedAsync(DeliveryApp app, string userName, int unitId, string kind, params (string, string)[] members)
    {
        var response = await FormAsync(app, userName, unitId, kind, members);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"form: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<int>();
    }

    /// <summary>Every string in a JSON answer (problem details carry the message in both languages).</summary>
    protected static async Task<string> TextOf(HttpResponseMessage response)
    {
        var strings = new List<string>();
        void Walk(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.String: strings.Add(e.GetString()!); break;
                case JsonValueKind.Object: foreach (var p in e.EnumerateObject()) Walk(p.Value); break;
                case JsonValueKind.Array: foreach (var x in e.EnumerateArray()) Walk(x); break;
            }
        }
        Walk(await response.Content.ReadFromJsonAsync<JsonElement>());
        return string.Join("\n", strings);
    }

    /// <summary>Runs a use case as any account, signed in or not (generated staff have no password).</summary>
    protected static async Task<T> AsAccountAsync<T>(DeliveryApp app, int accountId, Func<IServiceProvider, Viewer, Task<T>> run)
    {
        using var scope = app.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceGridDb>();
        var account = await db.Users.AsNoTracking().SingleAsync(a => a.Id == accountId);
        var viewer = await scope.ServiceProvider.GetRequiredService<AccessPolicy>().ViewerFor(account);
        return await run(scope.ServiceProvider, viewer);
    }

    protected static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    protected static DateOnly TodayInChina(DeliveryApp app) => ChinaTime.Today(app.Clock);
}
