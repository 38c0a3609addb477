using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Tests.Events;

namespace PoliceGrid.Tests.Shell;

/// <summary>Input the product must refuse or neutralise: unknown fields, photos that are not images, a crafted way back, a message in the URL.</summary>
[Collection(EventsData.Name)]
public partial class BadInputTests(SqliteEvents sqlite, PostgresEvents postgres) : EventTests(sqlite, postgres)
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    static async Task<Dictionary<string, object?>> ReportBodyAsync(EventsApp app)
    {
        var (lon, lat) = await app.PointInGridOf("gridworker1");
        return new() { ["categoryCode"] = "05.01", ["title"] = "输入测试 " + Guid.NewGuid().ToString("N")[..6], ["description"] = "测试", ["lon"] = lon, ["lat"] = lat };
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AnUnknownJsonFieldIsRefusedByNameAndNothingIsSaved(string provider)
    {
        var app = On(provider);
        var body = await ReportBodyAsync(app);
        body["handlerUnitId"] = 1;
        var before = await app.App.WithDbAsync(db => db.Events.CountAsync());

        var response = await (await app.As("gridworker1")).PostAsJsonAsync("/api/events", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("handlerUnitId", problem.GetProperty("zh").GetString(), StringComparison.Ordinal);
        Assert.Contains("handlerUnitId", problem.GetProperty("en").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await app.App.WithDbAsync(db => db.Events.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task APhotoIsJudgedByItsBytesNotByItsDeclaredType(string provider)
    {
        var app = On(provider);
        var client = await app.As("gridworker1");
        var html = await ReportBodyAsync(app);
        html["photos"] = new[] { new { fileName = "p.png", contentType = "image/png", dataBase64 = Convert.ToBase64String(Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>")) } };
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
        var real = await ReportBodyAsync(app);
        real["photos"] = new[] { new { fileName = "p.png", contentType = "text/html", dataBase64 = Convert.ToBase64String(png) } };
        var before = await app.App.WithDbAsync(db => db.EventPhotos.CountAsync());

        var refused = await client.PostAsJsonAsync("/api/events", html);
        var accepted = await client.PostAsJsonAsync("/api/events", real);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("JPEG", (await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Equal(before + 1, await app.App.WithDbAsync(db => db.EventPhotos.CountAsync()));
        var eventId = IdOf(await accepted.Content.ReadFromJsonAsync<JsonElement>());
        var photoId = await app.App.WithDbAsync(db => db.EventPhotos.Where(p => p.EventId == eventId).Select(p => p.Id).SingleAsync());
        var served = await client.GetAsync($"/api/events/photos/{photoId}");
        Assert.Equal("image/png", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AnOfficialPageShowsNoMessageWrittenIntoItsUrl(string provider)
    {
        var app = On(provider);
        var id = IdOf(await app.ReportAsync("gridworker1"));
        var forged = Uri.EscapeDataString("公安局通知：请将罚款转账至 6222 0000");

        var eventPage = await (await app.As("dispatcher")).GetStringAsync($"/events/{id}?ok=1&msg={forged}&msgEn={forged}");
        var board = await (await app.As("dispatcher")).GetStringAsync($"/command-room?ok=1&msg={forged}&msgEn={forged}");

        Assert.DoesNotContain("罚款", eventPage, StringComparison.Ordinal);
        Assert.DoesNotContain("罚款", board, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ACraftedWayBackLeadsHomeInsteadOfFailing(string provider)
    {
        var app = On(provider);
        var issued = await (await app.As("dispatcher")).PostAsJsonAsync("/api/directives", new { title = "回访测试", body = "", targetUnitId = await app.UnitOf("gridworker1"), dueMinutes = 30 });
        var id = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var worker = await app.As("gridworker1");
        var token = Token().Match(await worker.GetStringAsync("/")).Groups[1].Value;

        // A page form goes back to the page it was on, whatever a crafted field says.
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["_handler"] = $"respond-{id}", ["Step"] = "acknowledge", ["Back"] = "//evil.example",
        });
        var acknowledged = await worker.PostAsync("/", form);
        var languages = new List<HttpResponseMessage>();
        foreach (var back in new[] { "/\\evil.example", "//evil.example", "https://evil.example", "/\r\nSet-Cookie: x=1" })
            languages.Add(await worker.GetAsync("/language/en?back=" + Uri.EscapeDataString(back)));

        Assert.Equal(HttpStatusCode.Redirect, acknowledged.StatusCode);
        Assert.Equal("http://localhost/", acknowledged.Headers.Location!.ToString());
        Assert.All(languages, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.All(languages, r => Assert.Equal("/", r.Headers.Location!.ToString()));
        await worker.GetAsync("/language/zh");
    }
}
