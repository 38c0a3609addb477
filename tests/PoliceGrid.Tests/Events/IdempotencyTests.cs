using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace PoliceGrid.Tests.Events;

[Collection(EventsData.Name)]
public class IdempotencyTests(SqliteEvents sqlite, PostgresEvents postgres) : EventTests(sqlite, postgres)
{
    static async Task<HttpResponseMessage> Post(EventsApp app, string key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await (await app.As("gridworker1")).SendAsync(request);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheSameKeyAndBodyAnswerTheFirstResultAndSaveOneEvent(string provider)
    {
        var app = On(provider);
        var (lon, lat) = await app.PointInGridOf("gridworker1");
        var key = Guid.NewGuid().ToString();
        var body = new { categoryCode = "05.01", title = "重复提交测试", lon, lat };

        var first = await Post(app, key, body);
        var firstBody = await first.Content.ReadAsStringAsync();
        var second = await Post(app, key, body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(firstBody, await second.Content.ReadAsStringAsync());
        Assert.Equal(1, await app.App.WithDbAsync(db => db.Events.CountAsync(e => e.Title == "重复提交测试" && e.Id == JsonDocument.Parse(firstBody).RootElement.GetProperty("id").GetInt32())));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheSameKeyWithAnotherBodyIsRefusedWith422(string provider)
    {
        var app = On(provider);
        var (lon, lat) = await app.PointInGridOf("gridworker1");
        var key = Guid.NewGuid().ToString();
        await Post(app, key, new { categoryCode = "05.01", title = "第一次", lon, lat });
        var before = await app.App.WithDbAsync(db => db.Events.CountAsync());

        var second = await Post(app, key, new { categoryCode = "05.01", title = "第二次", lon, lat });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        Assert.Equal(before, await app.App.WithDbAsync(db => db.Events.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ConcurrentRequestsWithOneKeySaveOneEvent(string provider)
    {
        var app = On(provider);
        var (lon, lat) = await app.PointInGridOf("gridworker1");
        var key = Guid.NewGuid().ToString();
        var title = "并发 " + key[..8];

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Post(app, key, new { categoryCode = "05.01", title, lon, lat })));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        var ids = await Task.WhenAll(answers.Select(async a => (await a.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32()));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, await app.App.WithDbAsync(db => db.Events.CountAsync(e => e.Title == title)));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task KeysBelongToTheAccountThatSentThem(string provider)
    {
        var app = On(provider);
        var (lon, lat) = await app.PointInGridOf("gridworker1");
        var key = Guid.NewGuid().ToString();
        var body = new { categoryCode = "05.01", title = "同键不同人", lon, lat };
        await Post(app, key, body);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        var other = await (await app.As("gridchief")).SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        Assert.Equal(2, await app.App.WithDbAsync(db => db.Events.CountAsync(e => e.Title == "同键不同人")));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AReportCapturedWithNoSignalKeepsItsCaptureTimeBesideTheTimeTheServerReceivedIt(string provider)
    {
        var app = On(provider);
        var (lon, lat) = await app.PointInGridOf("gridworker1");
        var title = "离线采集 " + Guid.NewGuid().ToString("N")[..8];
        var captured = app.Clock.GetUtcNow().AddHours(-3);

        var response = await Post(app, Guid.NewGuid().ToString(), new { categoryCode = "05.01", title, lon, lat, capturedAt = captured });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var saved = await app.App.WithDbAsync(db => db.Events.AsNoTracking().SingleAsync(e => e.Title == title));
        Assert.NotNull(saved.CapturedAt);
        Assert.Equal(captured.UtcDateTime, saved.CapturedAt.Value, TimeSpan.FromMilliseconds(1));
        Assert.True(saved.ReportedAt > saved.CapturedAt.Value.AddHours(2), "the receipt time is the server's own");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ACaptureTimeInTheFutureIsRefusedAndSavesNothing(string provider)
    {
        var app = On(provider);
        var (lon, lat) = await app.PointInGridOf("gridworker1");
        var title = "未来采集 " + Guid.NewGuid().ToString("N")[..8];

        var response = await Post(app, Guid.NewGuid().ToString(), new { categoryCode = "05.01", title, lon, lat, capturedAt = app.Clock.GetUtcNow().AddDays(1) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("capturedAt", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.App.WithDbAsync(db => db.Events.CountAsync(e => e.Title == title)));
    }
}
