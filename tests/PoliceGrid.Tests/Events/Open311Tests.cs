using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Events;

namespace PoliceGrid.Tests.Events;

/// <summary>GeoReport v2 conformance: services, posting and following requests, errors, json and xml, open/closed.</summary>
[Collection(EventsData.Name)]
public class Open311Tests(SqliteEvents sqlite, PostgresEvents postgres) : EventTests(sqlite, postgres)
{
    const string Key = "test-12345-hotline";

    static async Task<HttpResponseMessage> PostAsync(EventsApp app, Dictionary<string, string> fields, string format = "json")
    {
        using var content = new FormUrlEncodedContent(fields);
        return await app.App.CreateClient().PostAsync($"/open311/v2/requests.{format}", content);
    }

    static async Task<Dictionary<string, string>> FieldsAsync(EventsApp app, string code = "05.01")
    {
        var (lon, lat) = await app.PointInGridOf("gridworker1");
        return new()
        {
            ["api_key"] = Key, ["service_code"] = code, ["lat"] = lat.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            ["long"] = lon.ToString("R", System.Globalization.CultureInfo.InvariantCulture), ["description"] = "小区门口井盖缺失，夜间危险",
            ["first_name"] = "陈", ["last_name"] = "先生", ["phone"] = "13800000000",
        };
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ServicesListTheCategoriesInJsonAndXml(string provider)
    {
        var client = On(provider).App.CreateClient();

        var json = await client.GetFromJsonAsync<JsonElement>("/open311/v2/services.json");
        var xml = XDocument.Parse(await client.GetStringAsync("/open311/v2/services.xml"));

        var fire = json.EnumerateArray().Single(s => s.GetProperty("service_code").GetString() == "05.01");
        Assert.Equal("消防安全隐患", fire.GetProperty("service_name").GetString());
        Assert.False(fire.GetProperty("metadata").GetBoolean());
        Assert.Equal("realtime", fire.GetProperty("type").GetString());
        Assert.Equal("风险隐患联排", fire.GetProperty("group").GetString());
        Assert.Equal("services", xml.Root!.Name.LocalName);
        Assert.Equal(json.GetArrayLength(), xml.Root.Elements("service").Count());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AHotlineReportIsPlacedRoutedAndFollowedUntilClosed(string provider)
    {
        var app = On(provider);
        app.Clock.SetChinaTime(2026, 3, 11, 10, 0);

        var posted = await PostAsync(app, await FieldsAsync(app));

        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var id = int.Parse((await posted.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("service_request_id").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var saved = await app.App.WithDbAsync(db => db.Events.AsNoTracking().SingleAsync(e => e.Id == id));
        Assert.Equal(EventSource.Hotline12345, saved.Source);
        Assert.Equal(await app.UnitOf("gridworker1"), saved.GridId);
        Assert.Equal(HandlerSide.Grid, saved.HandlerSide);
        var open = (await app.App.CreateClient().GetFromJsonAsync<JsonElement>($"/open311/v2/requests/{id}.json"))[0];
        Assert.Equal("open", open.GetProperty("status").GetString());
        Assert.Equal("05.01", open.GetProperty("service_code").GetString());
        Assert.Equal("2026-03-11T10:00:00+08:00", open.GetProperty("requested_datetime").GetString());
        Assert.DoesNotContain("13800000000", open.GetRawText(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await app.ActAsync("dispatcher", id, "cancel", new { note = "重复来电" })).StatusCode);
        var closed = XDocument.Parse(await app.App.CreateClient().GetStringAsync($"/open311/v2/requests/{id}.xml"));
        Assert.Equal("closed", closed.Root!.Element("request")!.Element("status")!.Value);
        var listed = await app.App.CreateClient().GetFromJsonAsync<JsonElement>("/open311/v2/requests.json?status=closed&service_code=05.01&start_date=2026-03-01T00:00:00Z&end_date=2026-03-31T00:00:00Z");
        Assert.Contains(listed.EnumerateArray(), r => r.GetProperty("service_request_id").GetString() == id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PostingWithoutAValidKeyOrWithABadServiceIsAnOpen311Error(string provider)
    {
        var app = On(provider);
        var fields = await FieldsAsync(app);
        var before = await app.App.WithDbAsync(db => db.Events.CountAsync());

        fields["api_key"] = "wrong";
        var forbidden = await PostAsync(app, fields);
        fields["api_key"] = Key;
        fields["service_code"] = "99.99";
        var bad = await PostAsync(app, fields, "xml");

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(403, (await forbidden.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("code").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("400", XDocument.Parse(await bad.Content.ReadAsStringAsync()).Root!.Element("error")!.Element("code")!.Value);
        Assert.Equal(before, await app.App.WithDbAsync(db => db.Events.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ThePublicSeesOnlyRequestsFromThePublic(string provider)
    {
        var app = On(provider);
        var internalEvent = IdOf(await app.ReportAsync("gridworker1"));

        var one = await app.App.CreateClient().GetAsync($"/open311/v2/requests/{internalEvent}.json");
        var list = await app.App.CreateClient().GetFromJsonAsync<JsonElement>($"/open311/v2/requests.json?service_request_id={internalEvent}");

        Assert.Equal(HttpStatusCode.NotFound, one.StatusCode);
        Assert.Equal(0, list.GetArrayLength());
    }
}
