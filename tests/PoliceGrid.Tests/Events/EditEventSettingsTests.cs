using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Data;

namespace PoliceGrid.Tests.Events;

/// <summary>Administrators edit categories, routing rules, office hours and holidays; the next report follows them.</summary>
[Collection(EventsData.Name)]
public class EditEventSettingsTests(SqliteEvents sqlite, PostgresEvents postgres) : EventTests(sqlite, postgres)
{
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task OnlyTheSystemAdministratorEditsTheSettings(string provider)
    {
        var app = On(provider);
        foreach (var user in new[] { "dispatcher", "stationhead", "gridworker1", "auditor" })
            Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As(user)).GetAsync("/api/event-settings")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.As("admin")).GetAsync("/api/event-settings")).StatusCode);
        Assert.Contains("Category.AcceptMinutes", await (await app.As("admin")).GetStringAsync("/admin/events"), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, (await (await app.As("dispatcher")).GetAsync("/admin/events")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ANewCategoryAndATownshipRuleRouteTheNextReport(string provider)
    {
        var app = On(provider);
        app.Clock.SetChinaTime(2026, 3, 11, 10, 0);
        var admin = await app.As("admin");
        var code = "09." + Random.Shared.Next(10, 99).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var created = await admin.PostAsJsonAsync("/api/event-settings/categories", new
        {
            code, majorName = "测试大类", majorNameEn = "Test", name = "测试小类", nameEn = "Test minor", isPolice = false, defaultHandler = "Grid",
            acceptMinutes = 15, dispatchMinutes = 15, startMinutes = 60, handleMinutes = 600, verifyMinutes = 600, closeMinutes = 1440,
        });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var categoryId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var township = await app.App.WithDbAsync(db => db.Units.Where(u => u.Code == DemoSeed.DemoTownship).Select(u => u.Id).SingleAsync());
        var rule = await admin.PostAsJsonAsync("/api/event-settings/rules", new { priority = 1, townshipId = township, categoryId, target = "Police", name = "本镇测试类→民警 / test → officer" });
        Assert.Equal(HttpStatusCode.OK, rule.StatusCode);

        var e = await app.ReportAsync("gridworker1", code);

        Assert.Equal("Police", e.GetProperty("handlerSide").GetString());
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime.AddMinutes(15), e.GetProperty("stepDueAt").GetDateTime().ToUniversalTime(), TimeSpan.FromSeconds(1));
        var ruleId = (await rule.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/event-settings/rules/{ruleId}", new { priority = 1, townshipId = township, categoryId, target = "Police", name = "停用 / off", active = false })).StatusCode);
        Assert.Equal("Grid", (await app.ReportAsync("gridworker1", code)).GetProperty("handlerSide").GetString());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AnAddedHolidaySendsWorkToTheOfficerAndBadSettingsAreRefused(string provider)
    {
        var app = On(provider);
        app.Clock.SetChinaTime(2026, 3, 18, 10, 0);
        var admin = await app.As("admin");
        Assert.Equal("Grid", (await app.ReportAsync("gridworker1")).GetProperty("handlerSide").GetString());

        var added = await admin.PostAsJsonAsync("/api/event-settings/holidays", new { date = "2026-03-18", isWorkday = false, name = "测试假日" });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal("Police", (await app.ReportAsync("gridworker1")).GetProperty("handlerSide").GetString());
        var id = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/event-settings/holidays/{id}")).StatusCode);

        var bad = await admin.PutAsJsonAsync("/api/event-settings/office-hours", new { weekdays = 62, morningStart = 720, morningEnd = 500, afternoonStart = 870, afternoonEnd = 1080 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("zh", out _));
        Assert.Equal(1, await app.App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "holiday-remove" && a.RecordId == id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }
}
