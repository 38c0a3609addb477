using Microsoft.EntityFrameworkCore;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Tests.Teams;

/// <summary>The unit page shows who works together from the teams: a grid's responsible team, a district's grids' teams.</summary>
[Collection(DemoData.Name)]
public class UnitTeamsTests(SqliteDemo sqlite, PostgresDemo postgres)
{
    ProductApp App(string provider) => provider == DatabaseSetup.Sqlite ? sqlite.App : postgres.App;

    static string TeamsOf(string page)
    {
        var start = page.IndexOf("data-test=\"unit-teams\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "the page shows no teams");
        return page[start..page.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    [Theory]
    [InlineData(DatabaseSetup.Sqlite)]
    [InlineData(DatabaseSetup.Postgres)]
    public async Task TheUnitPageShowsTheTeamThatAnswersForEachGridWithItsMembers(string provider)
    {
        var app = App(provider);
        var head = await app.SignInAsync("stationhead");
        var grid = await app.WithDbAsync(db => db.Users.Where(a => a.UserName == "gridworker1").Select(a => a.UnitId).SingleAsync());
        var district = await app.WithDbAsync(db => db.Units.Where(u => u.Id == grid).Select(u => u.PoliceDistrictId!.Value).SingleAsync());
        // Another grid of the same district: its generated grid worker and the district's generated officer, paired in the demo.
        var (otherGrid, worker, officer) = await app.WithDbAsync(async db =>
        {
            var other = await db.Units.Where(u => u.Kind == UnitKind.Grid && u.PoliceDistrictId == district && u.Id != grid).OrderBy(u => u.Code).Select(u => u.Id).FirstAsync();
            var w = await db.Users.Where(a => a.UnitId == other && a.Role == Role.GridWorker && a.PasswordHash == null).Select(a => a.DisplayName).SingleAsync();
            var o = await db.Users.Where(a => a.UnitId == district && a.Role == Role.CommunityOfficer && a.PasswordHash == null).Select(a => a.DisplayName).SingleAsync();
            return (other, w, o);
        });

        var own = TeamsOf(await head.GetStringAsync($"/units/{grid}"));
        foreach (var name in new[] { "李警官", "周辅警", "吴网格长", "郑网格员", "一警三员", "队长" })
            Assert.Contains(name, own, StringComparison.Ordinal);

        var paired = TeamsOf(await head.GetStringAsync($"/units/{otherGrid}"));
        foreach (var name in new[] { worker, officer, "结对" })
            Assert.Contains(name, paired, StringComparison.Ordinal);
        Assert.DoesNotContain("郑网格员", paired, StringComparison.Ordinal);

        var covered = TeamsOf(await head.GetStringAsync($"/units/{district}"));
        foreach (var name in new[] { "郑网格员", worker, officer })
            Assert.Contains(name, covered, StringComparison.Ordinal);
    }
}
