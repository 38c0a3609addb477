using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PoliceGrid.Tests.Events;

/// <summary>A police-confidential event shows a grid-side reporter its status and a neutral outcome, never its details.</summary>
[Collection(EventsData.Name)]
public class ConfidentialFeedbackTests(SqliteEvents sqlite, PostgresEvents postgres) : EventTests(sqlite, postgres)
{
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheGridSideReporterSeesOnlyStatusAndANeutralOutcome(string provider)
    {
        var app = On(provider);
        app.Clock.SetChinaTime(2026, 3, 11, 10, 0);
        var id = IdOf(await app.ReportAsync("gridworker1", "06.02", title: "出租屋可疑人员夜间出入"));
        foreach (var (action, note) in new[] { ("accept", ""), ("start", ""), ("handle", "嫌疑人张某已被传唤，涉嫌盗窃") })
            Assert.Equal(HttpStatusCode.OK, (await app.ActAsync("officer", id, action, new { note })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.ActAsync("stationhead", id, "verify")).StatusCode);

        var reporter = await (await app.As("gridworker1")).GetAsync($"/api/events/{id}");
        var officer = await (await app.As("officer")).GetFromJsonAsync<JsonElement>($"/api/events/{id}");

        var text = await reporter.Content.ReadAsStringAsync();
        var view = JsonDocument.Parse(text).RootElement;
        Assert.Equal(HttpStatusCode.OK, reporter.StatusCode);
        Assert.True(view.GetProperty("restricted").GetBoolean());
        Assert.Equal("Closed", view.GetProperty("status").GetString());
        Assert.Equal("已办结", view.GetProperty("statusZh").GetString());
        Assert.Contains("依法处理", view.GetProperty("outcomeZh").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("张某", text, StringComparison.Ordinal);
        Assert.DoesNotContain("出租屋", text, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, view.GetProperty("steps").ValueKind);
        Assert.Contains("张某", officer.GetProperty("resolution").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task OtherGridSidePeopleDoNotSeeAConfidentialEventAtAll(string provider)
    {
        var app = On(provider);
        var id = IdOf(await app.ReportAsync("officer", "06.01", extra: new { confidential = true }));

        foreach (var user in new[] { "gridchief", "gridworker1", "director" })
            Assert.Equal(HttpStatusCode.NotFound, (await (await app.As(user)).GetAsync($"/api/events/{id}")).StatusCode);
        var list = await (await app.As("gridchief")).GetFromJsonAsync<JsonElement>("/api/events?status=open");
        Assert.DoesNotContain(list.EnumerateArray(), r => r.GetProperty("id").GetInt32() == id);
        foreach (var user in new[] { "auxiliary", "stationhead", "dispatcher" })
            Assert.Equal(HttpStatusCode.OK, (await (await app.As(user)).GetAsync($"/api/events/{id}")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task OnlyPoliceStaffMarkAnEventConfidential(string provider)
    {
        var app = On(provider);
        var (lon, lat) = await app.PointInGridOf("gridworker1");
        var refused = await (await app.As("gridworker1")).PostAsJsonAsync("/api/events", new { categoryCode = "05.01", title = "x", lon, lat, confidential = true });
        var id = IdOf(await app.ReportAsync("gridworker1"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ActAsync("gridchief", id, "confidential")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.ActAsync("officer", id, "confidential")).StatusCode);
        var view = await (await app.As("gridworker1")).GetFromJsonAsync<JsonElement>($"/api/events/{id}");
        Assert.True(view.GetProperty("restricted").GetBoolean());
    }
}
