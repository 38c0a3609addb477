using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PoliceGrid.Tests.Events;

namespace PoliceGrid.Tests.CommandRoom;

/// <summary>Directives (指令) must be acknowledged and answered; overdue ones are flagged; only their recipients answer.</summary>
[Collection(EventsData.Name)]
public class DirectiveTests(SqliteEvents sqlite, PostgresEvents postgres) : EventTests(sqlite, postgres)
{
    static async Task<JsonElement> IssueAsync(EventsApp app, int unitId, int minutes = 30)
    {
        var response = await (await app.As("dispatcher")).PostAsJsonAsync("/api/directives", new { title = "排查辖区消防通道", body = "今日18时前反馈", targetUnitId = unitId, dueMinutes = minutes });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    static async Task<JsonElement?> Find(EventsApp app, string user, int id) =>
        (await (await app.As(user)).GetFromJsonAsync<JsonElement>("/api/directives")).EnumerateArray().Cast<JsonElement?>()
            .FirstOrDefault(d => d!.Value.GetProperty("id").GetInt32() == id);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheRecipientAcknowledgesAndAnswersAndTheIssuerSeesIt(string provider)
    {
        var app = On(provider);
        var id = IdOf(await IssueAsync(app, await app.UnitOf("gridworker1")));
        Assert.True((await Find(app, "gridworker1", id))!.Value.GetProperty("forMe").GetBoolean());

        Assert.Equal(HttpStatusCode.OK, (await (await app.As("gridworker1")).PostAsJsonAsync($"/api/directives/{id}/acknowledge", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await (await app.As("gridchief")).PostAsJsonAsync($"/api/directives/{id}/acknowledge", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.As("gridworker1")).PostAsJsonAsync($"/api/directives/{id}/answer", new { text = "已排查3处，均已清理" })).StatusCode);

        var seen = (await Find(app, "dispatcher", id))!.Value;
        Assert.Equal("郑网格员", seen.GetProperty("acknowledgedByName").GetString());
        Assert.Equal("已排查3处，均已清理", seen.GetProperty("answer").GetString());
    }

    static string TokenOf(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheBoardsFormIssuesADirectiveAndTheRecipientAnswersItFromHerHomePage(string provider)
    {
        var app = On(provider);
        var dispatcher = await app.As("dispatcher");
        var gridCode = await app.App.WithDbAsync(async db =>
        {
            var unit = await app.UnitOf("gridworker1");
            return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Units.Where(u => u.Id == unit).Select(u => u.Code));
        });
        var title = "表单指令 " + Guid.NewGuid().ToString("N")[..6];
        using (var issue = new FormUrlEncodedContent(new Dictionary<string, string>
               {
                   ["__RequestVerificationToken"] = TokenOf(await dispatcher.GetStringAsync("/command-room")), ["_handler"] = "issue-directive", ["Title"] = title, ["UnitCode"] = gridCode, ["DueMinutes"] = "60",
               }))
        {
            var issued = await dispatcher.PostAsync("/command-room", issue);
            Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
            Assert.Equal("/command-room", issued.Headers.Location!.AbsolutePath);
            Assert.Contains("data-test=\"board-result\">指令已下达", await dispatcher.GetStringAsync("/command-room"), StringComparison.Ordinal);
        }
        var worker = await app.As("gridworker1");
        var homePage = await worker.GetAsync("/");
        Assert.True(homePage.StatusCode == HttpStatusCode.OK, $"home page: {(int)homePage.StatusCode} {homePage.Headers.Location}");
        var home = await homePage.Content.ReadAsStringAsync();
        Assert.Contains(title, home, StringComparison.Ordinal);
        var id = (await (await app.As("dispatcher")).GetFromJsonAsync<JsonElement>("/api/directives"))
            .EnumerateArray().First(d => d.GetProperty("title").GetString() == title).GetProperty("id").GetInt32();

        using var answer = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TokenOf(home), ["_handler"] = $"respond-{id}", ["Step"] = "answer", ["Text"] = "已落实",
        });
        var answered = await worker.PostAsync("/", answer);

        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        Assert.Equal("/", answered.Headers.Location!.AbsolutePath);
        Assert.Equal("已落实", (await Find(app, "dispatcher", id))!.Value.GetProperty("answer").GetString());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ARefusedDirectiveFormSaysWhyAndKeepsWhatWasTyped(string provider)
    {
        var app = On(provider);
        var dispatcher = await app.As("dispatcher");
        var title = "未知单位指令 " + Guid.NewGuid().ToString("N")[..6];
        using var issue = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TokenOf(await dispatcher.GetStringAsync("/command-room")), ["_handler"] = "issue-directive",
            ["Title"] = title, ["UnitCode"] = "999999999999", ["DueMinutes"] = "60",
        });

        var refused = await dispatcher.PostAsync("/command-room", issue);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("class=\"error\" role=\"alert\" data-test=\"board-result\"", page, StringComparison.Ordinal);
        Assert.Contains($"value=\"{title}\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain((await dispatcher.GetFromJsonAsync<JsonElement>("/api/directives")).EnumerateArray(), d => d.GetProperty("title").GetString() == title);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task OnlyRecipientsAnswerAndOnlyCommandersIssue(string provider)
    {
        var app = On(provider);
        var id = IdOf(await IssueAsync(app, await app.UnitOf("gridworker1")));

        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As("officer")).PostAsJsonAsync($"/api/directives/{id}/answer", new { text = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("gridworker2")).PostAsJsonAsync($"/api/directives/{id}/answer", new { text = "x" })).StatusCode);
        Assert.Null(await Find(app, "gridworker2", id));
        var refused = await (await app.As("gridworker1")).PostAsJsonAsync("/api/directives", new { title = "x", targetUnitId = await app.UnitOf("gridworker2"), dueMinutes = 30 });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AnUnansweredDirectivePastItsLimitIsFlaggedOverdue(string provider)
    {
        var app = On(provider);
        app.Clock.SetChinaTime(2026, 3, 12, 9, 0);
        var late = IdOf(await IssueAsync(app, await app.UnitOf("gridworker1"), 5));
        var answered = IdOf(await IssueAsync(app, await app.UnitOf("gridworker1"), 5));
        await (await app.As("gridworker1")).PostAsJsonAsync($"/api/directives/{answered}/answer", new { text = "已完成" });

        app.Clock.Advance(TimeSpan.FromMinutes(6));

        Assert.True((await Find(app, "dispatcher", late))!.Value.GetProperty("overdue").GetBoolean());
        Assert.False((await Find(app, "dispatcher", answered))!.Value.GetProperty("overdue").GetBoolean());
    }
}
