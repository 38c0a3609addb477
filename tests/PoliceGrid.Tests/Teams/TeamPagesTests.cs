using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace PoliceGrid.Tests.Teams;

/// <summary>The home pages show one's team and one's grid workers with tap-to-call; the /teams page forms a team.</summary>
[Collection(TeamsData.Name)]
public partial class TeamPagesTests(SqliteTeams sqlite, PostgresTeams postgres) : TeamTests(sqlite, postgres)
{
    static string TokenOf(string html) => Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AGridWorkersHomeShowsHerTeamWithTapToCall(string provider)
    {
        var app = On(provider);

        var home = Regex.Replace(await (await app.As("gridworker1")).GetStringAsync("/"), @"\s+", " ");

        Assert.Contains("data-test=\"my-team\"", home, StringComparison.Ordinal);
        Assert.Contains("一警三员", home, StringComparison.Ordinal);
        Assert.Matches($"李警官.*?民警 · 队长.*?href=\"tel:{await app.MobileOf("officer")}\"", home);
        Assert.Matches($"周辅警.*?治安辅助人员.*?href=\"tel:{await app.MobileOf("auxiliary")}\"", home);
        Assert.Contains("吴网格长", home, StringComparison.Ordinal);
        // gridworker2 is on no team of the named accounts: she sees her pairing, not theirs.
        Assert.DoesNotContain("周辅警", await (await app.As("gridworker2")).GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AnOfficersHomeShowsHisGridsAndTheirGridWorkers(string provider)
    {
        var app = On(provider);

        var home = Regex.Replace(await (await app.As("officer")).GetStringAsync("/"), @"\s+", " ");

        var grids = Regex.Match(home, "data-test=\"my-grids\".*?</section>").Value;
        Assert.NotEmpty(grids);
        Assert.Matches($"郑网格员.*?href=\"tel:{await app.MobileOf("gridworker1")}\"", grids);
        Assert.Contains("吴网格长", grids, StringComparison.Ordinal);
        // Another district's grid worker is not his (even when a team puts them together).
        Assert.DoesNotContain("王网格员", grids, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AStationHeadFormsATeamOnThePage(string provider)
    {
        var app = On(provider);
        var grid = await SpareGridAsync(app, 3);
        var worker = await WorkerOfGridAsync(app, grid);
        var head = await app.As("stationhead");
        var page = await head.GetStringAsync("/teams");
        Assert.Contains("data-test=\"form-team\"", page, StringComparison.Ordinal);
        Dictionary<string, string> Form(params (string, string)[] members)
        {
            var form = new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = TokenOf(page), ["_handler"] = "form-team", ["UnitId"] = grid.ToString(CultureInfo.InvariantCulture), ["Kind"] = "Pairing",
            };
            for (var i = 0; i < members.Length; i++)
                (form[$"Member{i}"], form[$"Duty{i}"]) = members[i];
            return form;
        }
        var officer = (await app.AccountOf("officer")).ToString(CultureInfo.InvariantCulture);

        using var alone = new FormUrlEncodedContent(Form((officer, "PoliceOfficer")));
        var refused = await head.PostAsync("/teams", alone);
        using var pair = new FormUrlEncodedContent(Form((officer, "PoliceOfficer"), (worker.ToString(CultureInfo.InvariantCulture), "GridWorker")));
        var posted = await head.PostAsync("/teams", pair);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("data-test=\"teams-result\">结对须恰好由一名民警", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var after = await head.GetStringAsync(posted.Headers.Location!.OriginalString);
        Assert.Contains("data-test=\"teams-result\">已组建队伍", after, StringComparison.Ordinal);
        var id = await app.App.WithDbAsync(db => db.Teams.Where(t => t.UnitId == grid).OrderByDescending(t => t.Id).Select(t => t.Id).FirstAsync());
        Assert.Contains($"data-team=\"{id}\"", after, StringComparison.Ordinal);
        Assert.Equal(2, await app.App.WithDbAsync(db => db.TeamMembers.CountAsync(m => m.TeamId == id && m.EndedAt == null)));

        // A grid worker reads teams but gets no form.
        var hers = await (await app.As("gridworker1")).GetStringAsync("/teams");
        Assert.DoesNotContain("data-test=\"form-team\"", hers, StringComparison.Ordinal);
    }
}
