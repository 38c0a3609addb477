using System.Net;
using System.Text.RegularExpressions;

namespace PoliceGrid.Tests.Events;

/// <summary>The pages people use: the event page with its action forms (Blazor forms; done redirects) and confidential feedback.</summary>
[Collection(EventsData.Name)]
public partial class EventPagesTests(SqliteEvents sqlite, PostgresEvents postgres) : EventTests(sqlite, postgres)
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("name=\"Version\" value=\"(\\d+)\"")]
    private static partial Regex Version();

    static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string page, int id, string action, int? version = null, string note = "好")
    {
        var html = await client.GetStringAsync(page);
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token().Match(html).Groups[1].Value, ["_handler"] = $"act-{action}", ["Note"] = note,
            ["Version"] = (version ?? int.Parse(Version().Match(html).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(page, content);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AnActionFormMovesTheEventAndAStaleFormSaysWhatChanged(string provider)
    {
        var app = On(provider);
        app.Clock.SetChinaTime(2026, 3, 11, 10, 0);
        var e = await app.ReportAsync("gridworker1");
        var id = IdOf(e);
        var dispatcher = await app.As("dispatcher");

        var done = await SubmitAsync(dispatcher, $"/events/{id}", id, "accept");
        var stale = await SubmitAsync(await app.As("gridchief"), $"/events/{id}", id, "cancel", version: VersionOf(e), note: "重复");

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal($"/events/{id}", done.Headers.Location!.AbsolutePath);
        var donePage = await dispatcher.GetStringAsync(done.Headers.Location!.ToString());
        Assert.Contains("class=\"ok\" role=\"status\" data-test=\"action-result\">已受理", donePage, StringComparison.Ordinal);
        // The stale form is answered on the spot, with the event as it now is.
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var page = await stale.Content.ReadAsStringAsync();
        Assert.Contains("class=\"error\" role=\"alert\" data-test=\"action-result\"", page, StringComparison.Ordinal);
        Assert.Contains("已被他人处理", page, StringComparison.Ordinal);
        Assert.Contains("data-test=\"event-status\">已受理", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-test=\"action-result\"", await dispatcher.GetStringAsync($"/events/{id}"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AFormWithoutAValidAntiforgeryTokenChangesNothing(string provider)
    {
        var app = On(provider);
        var id = IdOf(await app.ReportAsync("gridworker1"));
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = "forged", ["_handler"] = "act-accept" });

        // Without the antiforgery header the API clients of these tests send, as a forged cross-site form would be.
        var response = await (await app.App.SignInAsync("dispatcher", antiforgery: false)).PostAsync($"/events/{id}", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"Reported\"", await (await app.As("dispatcher")).GetStringAsync($"/api/events/{id}"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheEventPageShowsAGridSideReporterOnlyTheStatusOfAConfidentialEvent(string provider)
    {
        var app = On(provider);
        var id = IdOf(await app.ReportAsync("gridworker1", "06.02", title: "夜间可疑人员徘徊"));

        var reporterPage = await (await app.As("gridworker1")).GetStringAsync($"/events/{id}");
        var officerPage = await (await app.As("officer")).GetStringAsync($"/events/{id}");
        var otherPage = await (await app.As("gridworker2")).GetAsync($"/events/{id}");

        Assert.DoesNotContain("夜间可疑人员徘徊", reporterPage, StringComparison.Ordinal);
        Assert.Contains("data-test=\"event-status\"", reporterPage, StringComparison.Ordinal);
        Assert.Contains("夜间可疑人员徘徊", officerPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, otherPage.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheBoardIsForCommandersAndTheGridWorkerIsSentBackToHerWork(string provider)
    {
        var app = On(provider);

        var board = await (await app.As("dispatcher")).GetStringAsync("/command-room");
        var worker = await (await app.As("gridworker1")).GetAsync("/command-room");

        Assert.Contains("data-test=\"board-counts\"", board, StringComparison.Ordinal);
        // The page asks the same capability as the board's API: she is refused, and the refusal page leads back to her work.
        Assert.Equal(HttpStatusCode.Redirect, worker.StatusCode);
        Assert.Contains("/denied", worker.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As("gridworker1")).GetAsync("/api/command-room/board")).StatusCode);
        Assert.Contains("href=\"/\"", await (await app.As("gridworker1")).GetStringAsync("/denied"), StringComparison.Ordinal);
    }
}
