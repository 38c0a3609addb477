using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceGrid.Web.Events;

namespace PoliceGrid.Tests.Events;

/// <summary>Time limits per step, the overdue flag and escalation grid chief → fusion centre → command room.</summary>
[Collection(EventsData.Name)]
public class EscalationTests(SqliteEvents sqlite, PostgresEvents postgres) : EventTests(sqlite, postgres)
{
    static async Task<int> SweepAsync(EventsApp app)
    {
        using var scope = app.App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<EscalateOverdueEvents>().RunAsync();
    }

    /// <summary>Whether the dispatcher's overdue list (the board's filter) holds the event.</summary>
    static async Task<bool> Overdue(EventsApp app, int id)
    {
        var rows = await (await app.As("dispatcher")).GetFromJsonAsync<JsonElement>($"/api/events?overdue=true&q={EventLabels.Number(id)}");
        return rows.EnumerateArray().Any(r => r.GetProperty("id").GetInt32() == id && r.GetProperty("overdue").GetBoolean());
    }

    static Task<Event> Load(EventsApp app, int id) => app.App.WithDbAsync(db => db.Events.AsNoTracking().SingleAsync(e => e.Id == id));

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AnEventPastItsStepLimitIsFlaggedAndEscalatesOneLevelPerLimitUpToTheCommandRoom(string provider)
    {
        var app = On(provider);
        app.Clock.SetChinaTime(2026, 3, 11, 10, 0);
        await SweepAsync(app);
        var id = IdOf(await app.ReportAsync("gridworker1", "05.01")); // grid work: 60 minutes to accept

        app.Clock.Advance(TimeSpan.FromMinutes(59));
        await SweepAsync(app);
        Assert.Equal(0, (await Load(app, id)).EscalationLevel);
        Assert.False(await Overdue(app, id));

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await SweepAsync(app);
        Assert.Equal(1, (await Load(app, id)).EscalationLevel);
        Assert.True(await Overdue(app, id));

        static async Task<bool> InTasks(EventsApp app, string user, int id) =>
            (await (await app.As(user)).GetFromJsonAsync<JsonElement>("/api/events/tasks")).EnumerateArray().Any(r => r.GetProperty("id").GetInt32() == id);
        Assert.True(await InTasks(app, "gridchief", id));
        Assert.False(await InTasks(app, "director", id));

        for (var level = 2; level <= 3; level++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(61));
            await SweepAsync(app);
            Assert.Equal(level, (await Load(app, id)).EscalationLevel);
        }
        Assert.True(await InTasks(app, "director", id));
        app.Clock.Advance(TimeSpan.FromHours(5));
        await SweepAsync(app);
        Assert.Equal(3, (await Load(app, id)).EscalationLevel);
        var steps = await app.App.WithDbAsync(db => db.EventSteps.AsNoTracking().Where(s => s.EventId == id && s.Action == "overdue-escalate").OrderBy(s => s.Id).Select(s => s.Note).ToListAsync());
        Assert.Equal(3, steps.Count);
        Assert.Contains("网格长", PoliceGrid.Web.Shared.Words.Stored(steps[0]).Zh, StringComparison.Ordinal);
        Assert.Contains("工作中心", PoliceGrid.Web.Shared.Words.Stored(steps[1]).Zh, StringComparison.Ordinal);
        Assert.Contains("指挥室", PoliceGrid.Web.Shared.Words.Stored(steps[2]).Zh, StringComparison.Ordinal);
        Assert.Equal(3, await app.App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "event-escalate" && a.RecordId == id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TakingTheStepStartsTheNextLimitAndClearsTheFlag(string provider)
    {
        var app = On(provider);
        app.Clock.SetChinaTime(2026, 3, 11, 10, 0);
        var id = IdOf(await app.ReportAsync("gridworker1", "06.01")); // police work: 10 minutes to accept, 10 to dispatch
        app.Clock.Advance(TimeSpan.FromMinutes(11));
        var overdue = await (await app.As("officer")).GetFromJsonAsync<JsonElement>("/api/events/tasks");
        Assert.Contains(overdue.EnumerateArray(), r => r.GetProperty("id").GetInt32() == id && r.GetProperty("overdue").GetBoolean());

        Assert.Equal(HttpStatusCode.OK, (await app.ActAsync("officer", id, "accept")).StatusCode);

        var e = await Load(app, id);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime.AddMinutes(10), e.StepDueAt!.Value, TimeSpan.FromSeconds(1));
        var tasks = await (await app.As("officer")).GetFromJsonAsync<JsonElement>("/api/events/tasks");
        Assert.Contains(tasks.EnumerateArray(), r => r.GetProperty("id").GetInt32() == id && !r.GetProperty("overdue").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AClosedEventNeverEscalates(string provider)
    {
        var app = On(provider);
        app.Clock.SetChinaTime(2026, 3, 11, 10, 0);
        var id = IdOf(await app.ReportAsync("gridworker1"));
        Assert.Equal(HttpStatusCode.OK, (await app.ActAsync("gridworker1", id, "cancel", new { note = "误报" })).StatusCode);

        app.Clock.Advance(TimeSpan.FromDays(3));
        await SweepAsync(app);

        Assert.Equal(0, (await Load(app, id)).EscalationLevel);
    }
}
