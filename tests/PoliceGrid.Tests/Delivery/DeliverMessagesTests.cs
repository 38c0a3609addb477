using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceGrid.Web.Delivery;

namespace PoliceGrid.Tests.Delivery;

/// <summary>
/// Every task reaches a person: the inbox with its badge, the DingTalk robot, SMS when it is not acknowledged in time,
/// then the leaders; acknowledging or taking up the work stops the chase.
/// </summary>
[Collection(DeliveryData.Name)]
public class DeliverMessagesTests(SqliteDelivery sqlite, PostgresDelivery postgres) : DeliveryTests(sqlite, postgres)
{
    static async Task<JsonElement> WaitingAsync(HttpClient client) => await client.GetFromJsonAsync<JsonElement>("/api/inbox/waiting");

    static string TokenOf(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ADivertedCallReachesTheGridWorkersInboxBadgeAndRobotAndSheAcknowledgesIt(string provider)
    {
        var app = On(provider);
        app.NextWorkdayMorning();
        var worker = await app.As("gridworker1");
        var before = (await WaitingAsync(worker)).GetProperty("count").GetInt32();

        var id = await app.DivertedCallAsync("gridworker1", "小区停水 " + Guid.NewGuid().ToString("N")[..6]);

        var waiting = await WaitingAsync(worker);
        Assert.Equal(before + 1, waiting.GetProperty("count").GetInt32());
        Assert.Equal($"110 分流：事件 SJ{id:D7}", waiting.GetProperty("newestTitle").GetString());
        var home = await worker.GetStringAsync("/");
        Assert.Contains($"data-inbox-count=\"{before + 1}\"", home, StringComparison.Ordinal);

        await app.SendAsync();
        var mobile = await app.MobileOf("gridworker1");
        var robot = app.Services.Robot.Where(r => r.AtMobiles.Contains(mobile)).Last();
        Assert.Contains($"SJ{id:D7}", robot.Text, StringComparison.Ordinal);
        Assert.Contains($"https://policegrid.test/events/{id}", robot.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("小区停水", robot.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("居民来电", robot.Text, StringComparison.Ordinal);

        var messageId = waiting.GetProperty("newestId").GetInt32();
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("gridworker2")).PostAsync($"/api/inbox/{messageId}/acknowledge", null)).StatusCode);

        var page = await worker.GetStringAsync("/inbox");
        Assert.Contains($"data-message=\"{messageId}\"", page, StringComparison.Ordinal);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TokenOf(page), ["_handler"] = $"acknowledge-{messageId}",
        });
        var acknowledged = await worker.PostAsync("/inbox", form);
        Assert.Equal(HttpStatusCode.Redirect, acknowledged.StatusCode);
        Assert.Equal($"/events/{id}", acknowledged.Headers.Location!.AbsolutePath);
        Assert.Equal(before, (await WaitingAsync(worker)).GetProperty("count").GetInt32());
        var record = messageId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var audited = await app.App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "message-acknowledge" && a.RecordId == record));
        Assert.Equal(1, audited);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TakingUpTheWorkSettlesTheMessagesOfEveryoneWaitingOnIt(string provider)
    {
        var app = On(provider);
        app.NextWorkdayMorning();
        var id = await app.DivertedCallAsync("gridworker1", "占道经营");
        var before = await app.MessagesAboutAsync(id);
        Assert.Contains(before, m => m.UserName == "gridworker1" && m.Kind == MessageKind.DivertedCall && !m.Acknowledged);
        Assert.Contains(before, m => m.UserName == "gridchief" && !m.Acknowledged);
        Assert.DoesNotContain(before, m => m.UserName == "gridworker2");

        Assert.Equal(HttpStatusCode.OK, (await (await app.As("gridworker1")).PostAsJsonAsync($"/api/events/{id}/accept", new { })).StatusCode);

        Assert.All(await app.MessagesAboutAsync(id), m => Assert.True(m.Acknowledged, m.UserName));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AMessageNotAcknowledgedInTimeGoesBySmsAndThenToTheLeaders(string provider)
    {
        var app = On(provider);
        app.NextWorkdayMorning();
        var id = await app.DivertedCallAsync("gridworker2", "垃圾清运");
        await app.SendAsync();

        app.Clock.Advance(TimeSpan.FromMinutes(59));
        await app.ChaseAsync();
        Assert.All((await app.MessagesAboutAsync(id)).Where(m => m.UserName == "gridworker2"), m => Assert.Equal(0, m.ChaseLevel));

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await app.ChaseAsync();
        await app.SendAsync();
        var mobile = await app.MobileOf("gridworker2");
        var sms = app.Services.Sms.Where(s => s.To == mobile).Last();
        Assert.Contains($"SJ{id:D7}", sms.Content, StringComparison.Ordinal);
        Assert.Contains($"https://policegrid.test/events/{id}", sms.Content, StringComparison.Ordinal);
        Assert.DoesNotContain(await app.MessagesAboutAsync(id), m => m.Kind == MessageKind.Unacknowledged);

        app.Clock.Advance(TimeSpan.FromMinutes(61));
        await app.ChaseAsync();

        var after = await app.MessagesAboutAsync(id);
        Assert.Contains(after, m => m.UserName == "gridworker2" && m.ChaseLevel == ChaseAcknowledgements.Escalated);
        // gridworker2's grid has no grid chief: her township's fusion centre director is the nearest leader.
        Assert.Contains(after, m => m.Kind == MessageKind.Unacknowledged && m.UserName == "director" && !m.Acknowledged);
        var director = await app.AccountOf("director");
        var titles = await app.App.WithDbAsync(db => db.Messages.Where(m => m.RecipientId == director && m.SubjectId == id && m.Kind == MessageKind.Unacknowledged)
            .Select(m => m.Title).ToListAsync());
        Assert.Contains(titles, t => PoliceGrid.Web.Shared.Words.Stored(t).Zh.StartsWith("王网格员 未按时签收", StringComparison.Ordinal));

        var board = await (await app.As("dispatcher")).GetStringAsync("/command-room");
        var late = System.Text.RegularExpressions.Regex.Match(board, "data-test=\"count-unacknowledged\">([0-9]+)<");
        Assert.True(late.Success && int.Parse(late.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 1, "the board counts messages not acknowledged in time");
        Assert.Contains("data-test=\"acknowledgement-speed\"", board, StringComparison.Ordinal);
    }

    static async Task<HttpResponseMessage> SetDeadlinesAsync(HttpClient admin, Dictionary<string, string> fields)
    {
        var page = await admin.GetStringAsync("/admin/ack-deadlines");
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = TokenOf(page), ["_handler"] = "ack-deadlines" };
        foreach (var (field, minutes) in fields)
            form[$"Form[{field}]"] = minutes;
        using var content = new FormUrlEncodedContent(form);
        return await admin.PostAsync("/admin/ack-deadlines", content);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheAdministratorSetsTheDeadlineOfAKindAndTheChaseKeepsIt(string provider)
    {
        var app = On(provider);
        app.NextWorkdayMorning();
        var admin = await app.As("admin");
        try
        {
            var refused = await SetDeadlinesAsync(admin, new() { ["DivertedCall-grid"] = "15", ["Task-police"] = "0" });
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("aria-invalid=\"true\" data-test=\"ack-Task-police\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(0, await app.App.WithDbAsync(db => db.Set<AckDeadline>().CountAsync()));

            Assert.Equal(HttpStatusCode.Redirect, (await SetDeadlinesAsync(admin, new() { ["DivertedCall-grid"] = "15" })).StatusCode);
            var id = await app.DivertedCallAsync("gridworker2", "井盖缺失");
            var due = await app.App.WithDbAsync(db => db.Messages.Where(m => m.SubjectType == "event" && m.SubjectId == id && m.Kind == MessageKind.DivertedCall)
                .Select(m => new { m.CreatedAt, m.AckDueAt }).FirstAsync());
            Assert.Equal(TimeSpan.FromMinutes(15), due.AckDueAt - due.CreatedAt);

            await app.SendAsync();
            app.Clock.Advance(TimeSpan.FromMinutes(16));
            await app.ChaseAsync();
            await app.SendAsync();
            var mobile = await app.MobileOf("gridworker2");
            Assert.Contains(app.Services.Sms, s => s.To == mobile && s.Content.Contains($"SJ{id:D7}", StringComparison.Ordinal));
        }
        finally
        {
            await SetDeadlinesAsync(admin, []);
        }
        Assert.Equal(0, await app.App.WithDbAsync(db => db.Set<AckDeadline>().CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AnOverdueDepartmentEventEscalatesToTheCommandRoom(string provider)
    {
        var app = On(provider);
        app.NextWorkdayMorning();
        var id = (await app.ReportAsync("gridworker1", "gridworker1", new { categoryCode = "05.02", title = "路灯杆倒伏", description = "路口" })).GetProperty("id").GetInt32();

        app.Clock.Advance(TimeSpan.FromHours(30));
        using (var scope = app.App.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<PoliceGrid.Web.Events.EscalateOverdueEvents>().RunAsync();

        // Department work sits at the county: nobody of the grid side is above it, the county's command room is.
        Assert.Contains(await app.MessagesAboutAsync(id), m => m.Kind == MessageKind.Escalation && m.UserName == "dispatcher");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AMessageTheRobotRefusesGoesBySmsAtOnce(string provider)
    {
        var app = On(provider);
        app.NextWorkdayMorning();
        app.Services.RobotRefuses = true;
        try
        {
            var id = await app.DivertedCallAsync("gridworker2", "井盖缺失");
            await app.SendAsync();
            var failed = await app.App.WithDbAsync(db => db.MessageDeliveries.CountAsync(d => d.Channel == DingTalkRobot.Name && d.Status == DeliveryStatus.Failed
                && db.Messages.Any(m => m.Id == d.MessageId && m.SubjectId == id)));
            Assert.True(failed > 0);

            await app.ChaseAsync();
            await app.SendAsync();

            var mobile = await app.MobileOf("gridworker2");
            Assert.Contains(app.Services.Sms, s => s.To == mobile && s.Content.Contains($"SJ{id:D7}", StringComparison.Ordinal));
        }
        finally
        {
            app.Services.RobotRefuses = false;
        }
    }
}
