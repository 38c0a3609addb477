using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Events;

namespace PoliceGrid.Tests.Events;

/// <summary>
/// What Open311 lets out and lets in: only public categories, the reporter's words only as a moderator approved them,
/// the address cut to its road; refused keys in the URL, bad filters, control characters and reports with no place.
/// </summary>
[Collection(EventsData.Name)]
public class Open311PublicTests(SqliteEvents sqlite, PostgresEvents postgres) : EventTests(sqlite, postgres)
{
    const string Key = "test-12345-hotline";

    static async Task<HttpResponseMessage> PostAsync(EventsApp app, Dictionary<string, string> fields, string format = "json", string query = "")
    {
        using var content = new FormUrlEncodedContent(fields);
        return await app.App.CreateClient().PostAsync($"/open311/v2/requests.{format}{query}", content);
    }

    static async Task<Dictionary<string, string>> FieldsAsync(EventsApp app, string code = "05.01")
    {
        var (lon, lat) = await app.PointInGridOf("gridworker1");
        return new()
        {
            ["api_key"] = Key, ["service_code"] = code, ["lat"] = lat.ToString("R", CultureInfo.InvariantCulture), ["long"] = lon.ToString("R", CultureInfo.InvariantCulture),
            ["description"] = "张秀英家门口井盖缺失，电话13912345678", ["address_string"] = "新华区建设路中段56号3号楼2单元", ["first_name"] = "张", ["last_name"] = "秀英",
        };
    }

    static int IdOfPosted(JsonElement answer) => int.Parse(answer[0].GetProperty("service_request_id").GetString()!, CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ServicesOfferOnlyTheCategoriesTheAdministratorMadePublic(string provider)
    {
        var app = On(provider);
        var client = app.App.CreateClient();
        var admin = await app.As("admin");
        var police = await app.App.WithDbAsync(db => db.EventCategories.Where(c => c.IsPolice).Select(c => c.Code).ToListAsync());
        var trend = await app.App.WithDbAsync(db => db.EventCategories.Where(c => c.Code == "07.01").Select(c => c.Id).SingleAsync());
        var policeId = await app.App.WithDbAsync(db => db.EventCategories.Where(c => c.Code == "06.02").Select(c => c.Id).SingleAsync());

        var offered = Codes(await client.GetFromJsonAsync<JsonElement>("/open311/v2/services.json"));
        Assert.Contains("05.01", offered);
        Assert.Contains("07.01", offered);
        Assert.Empty(offered.Intersect(police));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync($"/api/event-settings/categories/{policeId}", new { isPublic = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/event-settings/categories/{trend}", new { isPublic = false })).StatusCode);
        try
        {
            Assert.DoesNotContain("07.01", Codes(await client.GetFromJsonAsync<JsonElement>("/open311/v2/services.json")));
            Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(app, await FieldsAsync(app, "07.01"))).StatusCode);
        }
        finally
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/event-settings/categories/{trend}", new { isPublic = true })).StatusCode);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(app, await FieldsAsync(app, "06.02"))).StatusCode);
    }

    static List<string> Codes(JsonElement services) => services.EnumerateArray().Select(s => s.GetProperty("service_code").GetString()!).ToList();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ThePublicReadsNeitherTheReportersWordsNorTheDoorNumberUntilAModeratorApprovesAText(string provider)
    {
        var app = On(provider);
        var posted = await PostAsync(app, await FieldsAsync(app));
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var id = IdOfPosted(await posted.Content.ReadFromJsonAsync<JsonElement>());

        var before = (await app.App.CreateClient().GetFromJsonAsync<JsonElement>($"/open311/v2/requests/{id}.json"))[0];
        var listed = await app.App.CreateClient().GetStringAsync($"/open311/v2/requests.json?service_request_id={id}");
        var refused = await (await app.As("gridworker1")).PostAsJsonAsync($"/api/events/{id}/public-text", new { text = "井盖缺失，已通知处理" });
        var approved = await (await app.As("dispatcher")).PostAsJsonAsync($"/api/events/{id}/public-text", new { text = "井盖缺失，已通知处理" });
        var after = (await app.App.CreateClient().GetFromJsonAsync<JsonElement>($"/open311/v2/requests/{id}.json"))[0];

        Assert.DoesNotContain("13912345678", before.GetRawText() + listed, StringComparison.Ordinal);
        Assert.DoesNotContain("秀英", before.GetRawText() + listed, StringComparison.Ordinal);
        Assert.StartsWith("消防安全隐患：已收到", before.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("新华区建设路", before.GetProperty("address").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, approved.StatusCode);
        Assert.Equal("井盖缺失，已通知处理", after.GetProperty("description").GetString());
        Assert.Equal("新华区建设路", after.GetProperty("address").GetString());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AModeratorApprovesThePublicTextOnTheEventPage(string provider)
    {
        var app = On(provider);
        var id = IdOfPosted(await (await PostAsync(app, await FieldsAsync(app))).Content.ReadFromJsonAsync<JsonElement>());
        var dispatcher = await app.As("dispatcher");
        var page = await dispatcher.GetStringAsync($"/events/{id}");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["_handler"] = "public-text", ["PublicText"] = "建设路井盖缺失" });

        var saved = await dispatcher.PostAsync($"/events/{id}", form);

        Assert.Contains("data-test=\"public-text\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-test=\"public-text\"", await (await (await app.As("gridworker1")).GetAsync($"/events/{id}")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("公开文本已保存", await dispatcher.GetStringAsync($"/events/{id}"), StringComparison.Ordinal);
        Assert.Equal("建设路井盖缺失", (await app.App.CreateClient().GetFromJsonAsync<JsonElement>($"/open311/v2/requests/{id}.json"))[0].GetProperty("description").GetString());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AnApiKeyInTheUrlIsRefusedAndNothingIsSaved(string provider)
    {
        var app = On(provider);
        var before = await app.App.WithDbAsync(db => db.Events.CountAsync());

        var response = await PostAsync(app, await FieldsAsync(app), query: "?api_key=" + Key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, (await response.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("code").GetInt32());
        Assert.Equal(before, await app.App.WithDbAsync(db => db.Events.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ABadDateStatusOrFormatIsRefusedWithAnOpen311Error(string provider)
    {
        var client = On(provider).App.CreateClient();

        foreach (var url in new[]
                 {
                     "/open311/v2/requests.json?start_date=yesterday", "/open311/v2/requests.json?end_date=2026-13-45",
                     "/open311/v2/requests.json?status=pending", "/open311/v2/requests.json?service_request_id=1,abc",
                     "/open311/v2/requests.csv", "/open311/v2/services.html",
                 })
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode}");
            var error = (await response.Content.ReadFromJsonAsync<JsonElement>())[0];
            Assert.Equal(400, error.GetProperty("code").GetInt32());
            Assert.False(string.IsNullOrEmpty(error.GetProperty("description").GetString()));
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/open311/v2/requests.json?start_date=2026-03-01T00:00:00%2B08:00&status=open,closed")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AControlCharacterIsRefusedAndOneAlreadyStoredCannotBreakTheXmlFeed(string provider)
    {
        var app = On(provider);
        var fields = await FieldsAsync(app);
        fields["description"] = "井盖\u0001缺失";
        var before = await app.App.WithDbAsync(db => db.Events.CountAsync());

        var refused = await PostAsync(app, fields, "xml");
        var ok = await PostAsync(app, await FieldsAsync(app));
        var id = IdOfPosted(await ok.Content.ReadFromJsonAsync<JsonElement>());
        await app.App.WithDbAsync(db => db.Events.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Address, "建设路\u0001\u001b56号")));
        var feed = await app.App.CreateClient().GetAsync("/open311/v2/requests.xml");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("400", XDocument.Parse(await refused.Content.ReadAsStringAsync()).Root!.Element("error")!.Element("code")!.Value);
        Assert.Equal(before + 1, await app.App.WithDbAsync(db => db.Events.CountAsync()));
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        var request = XDocument.Parse(await feed.Content.ReadAsStringAsync()).Root!.Elements("request")
            .Single(r => r.Element("service_request_id")!.Value == id.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("建设路", request.Element("address")!.Value);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AReportWithNoPlaceAtAllIsRefused(string provider)
    {
        var app = On(provider);
        var before = await app.App.WithDbAsync(db => db.Events.CountAsync());

        var none = await PostAsync(app, new() { ["api_key"] = Key, ["service_code"] = "05.01", ["description"] = "没有位置" });
        var blank = await PostAsync(app, new() { ["api_key"] = Key, ["service_code"] = "05.01", ["description"] = "没有位置", ["address_string"] = "   " });

        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.Equal(before, await app.App.WithDbAsync(db => db.Events.CountAsync()));
    }
}

/// <summary>Open311 posting is limited per API key and per client address, on an app of its own with low limits.</summary>
public class Open311RateLimitTests
{
    [Theory]
    [InlineData(DatabaseSetup.Sqlite)]
    [InlineData(DatabaseSetup.Postgres)]
    public async Task PostsBeyondTheLimitOfAnAddressGet429WithRetryAfterAndAreNotSaved(string provider)
    {
        await using var app = await ProductApp.StartAsync(provider, settings: new Dictionary<string, string>
        {
            ["Open311:ApiKeys:key-a"] = "Citizen", ["Open311:PostsPerMinutePerAddress"] = "2", ["Open311:PostsPerMinutePerKey"] = "100",
        }, seedKey: "");
        var (lon, lat) = await app.WithDbAsync(async db =>
        {
            var unit = await db.Users.Where(a => a.UserName == "gridworker1").Select(a => a.UnitId).SingleAsync();
            var point = PoliceGrid.Web.Units.Wkb.Read((await db.Units.Where(u => u.Id == unit).Select(u => u.Outline).SingleAsync())!).InteriorPoint;
            return (point.X, point.Y);
        });
        Dictionary<string, string> Fields() => new()
        {
            ["api_key"] = "key-a", ["service_code"] = "05.01", ["description"] = "井盖缺失",
            ["lat"] = lat.ToString("R", CultureInfo.InvariantCulture), ["long"] = lon.ToString("R", CultureInfo.InvariantCulture),
        };
        var statuses = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            using var content = new FormUrlEncodedContent(Fields());
            statuses.Add(await app.CreateClient().PostAsync("/open311/v2/requests.json", content));
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses.Select(s => s.StatusCode));
        Assert.True(statuses[2].Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 and <= 60 }, "Retry-After in seconds");
        Assert.Equal(429, (await statuses[2].Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("code").GetInt32());
        Assert.Equal(2, await app.WithDbAsync(db => db.Events.CountAsync(e => e.Source == EventSource.Citizen && e.Description == "井盖缺失")));
    }
}
