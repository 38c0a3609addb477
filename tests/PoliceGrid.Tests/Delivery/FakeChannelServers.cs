using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PoliceGrid.Tests.Delivery;

/// <summary>
/// Local stand-ins for the SMS gateway and a DingTalk robot, checking what the real services check: the signature
/// (computed here from the protocol, not with the product's code), the timestamp's age, a nonce used once, the payload's
/// fields; the gateway drops a repeated <c>outId</c> as carriers do. Each can be told to answer "too many" or fail.
/// </summary>
public sealed class FakeChannelServers : IAsyncDisposable
{
    public const string SmsAppId = "policegrid-test", SmsSecret = "sms-secret-0123456789", RobotSecret = "SECtest-robot-secret", RobotToken = "robot-token-1";

    readonly WebApplication app;
    readonly ConcurrentDictionary<string, bool> nonces = new();

    /// <summary>What the phones received by SMS, in order: (mobile, text, outId); a repeated outId is not delivered again.</summary>
    public ConcurrentQueue<(string To, string Content, string OutId)> Sms { get; } = new();
    public ConcurrentDictionary<string, int> SmsRequestsByOutId { get; } = new();
    public ConcurrentQueue<(string Text, string[] AtMobiles)> Robot { get; } = new();
    public ConcurrentQueue<string> Refusals { get; } = new();

    /// <summary>The next N requests of the gateway answer 429 with Retry-After: 1 (or 503 with <see cref="SmsFailWith"/>).</summary>
    public int SmsTooMany { get => smsTooMany; set => smsTooMany = value; }
    int smsTooMany;
    public int SmsFailWith { get; set; } = 429;
    /// <summary>The robot refuses every message for good (as with a wrong keyword or a removed robot).</summary>
    public bool RobotRefuses { get; set; }
    /// <summary>Called after the gateway took a message: a test stops the sender here, as if its process died.</summary>
    public Action<string>? AfterSms { get; set; }

    /// <summary>The clock the services judge timestamps by (the product's test clock).</summary>
    public required Func<DateTimeOffset> Now { get; init; }

    public string BaseUrl { get; private set; } = "";

    FakeChannelServers(WebApplication app) => this.app = app;

    public static async Task<FakeChannelServers> StartAsync(Func<DateTimeOffset> now)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeChannelServers(app) { Now = now };
        app.MapPost("/sms/send", (Delegate)fake.SmsAsync);
        app.MapPost("/robot/send", (Delegate)fake.RobotAsync);
        await app.StartAsync();
        fake.BaseUrl = app.Urls.First();
        return fake;
    }

    async Task<IResult> SmsAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var h = http.Request.Headers;
        string appId = h["X-App-Id"].ToString(), timestamp = h["X-Timestamp"].ToString(), nonce = h["X-Nonce"].ToString(), signature = h["X-Signature"].ToString();
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(SmsSecret),
            Encoding.UTF8.GetBytes(appId + "\n" + timestamp + "\n" + nonce + "\n" + Convert.ToHexStringLower(SHA256.HashData(body)))));
        if (appId != SmsAppId || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)))
            return Refuse(401, "bad signature");
        if (!long.TryParse(timestamp, CultureInfo.InvariantCulture, out var ms) || Math.Abs((Now() - DateTimeOffset.FromUnixTimeMilliseconds(ms)).TotalMinutes) > 5)
            return Refuse(401, "stale timestamp");
        if (!nonces.TryAdd(nonce, true))
            return Refuse(401, "nonce used twice");
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var to = root.GetProperty("to").GetString() ?? "";
        var content = root.GetProperty("content").GetString() ?? "";
        var outId = root.GetProperty("outId").GetString() ?? "";
        if (to.Length != 11 || content.Length is 0 or > 500 || outId.Length == 0)
            return Refuse(400, "bad payload");
        if (Interlocked.Decrement(ref smsTooMany) >= 0)
        {
            http.Response.Headers.RetryAfter = "1";
            return Results.StatusCode(SmsFailWith);
        }
        if (SmsRequestsByOutId.AddOrUpdate(outId, 1, (_, n) => n + 1) == 1)
            Sms.Enqueue((to, content, outId));
        AfterSms?.Invoke(outId);
        return Results.Json(new { code = "OK" });
    }

    async Task<IResult> RobotAsync(HttpContext http)
    {
        var q = http.Request.Query;
        if (q["access_token"] != RobotToken)
            return Results.Json(new { errcode = 300001, errmsg = "token is not exist" });
        var timestamp = q["timestamp"].ToString();
        var sign = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(RobotSecret), Encoding.UTF8.GetBytes(timestamp + "\n" + RobotSecret)));
        if (q["sign"] != sign)
            return Refusal(310000, "sign not match");
        if (!long.TryParse(timestamp, CultureInfo.InvariantCulture, out var ms) || Math.Abs((Now() - DateTimeOffset.FromUnixTimeMilliseconds(ms)).TotalHours) > 1)
            return Refusal(310000, "timestamp invalid");
        using var json = await JsonDocument.ParseAsync(http.Request.Body);
        var root = json.RootElement;
        if (root.GetProperty("msgtype").GetString() != "markdown")
            return Refusal(40035, "msgtype missing");
        if (RobotRefuses)
            return Refusal(310000, "keywords not in content");
        var at = root.GetProperty("at").GetProperty("atMobiles").EnumerateArray().Select(m => m.GetString()!).ToArray();
        Robot.Enqueue((root.GetProperty("markdown").GetProperty("text").GetString()!, at));
        return Results.Json(new { errcode = 0, errmsg = "ok" });
    }

    IResult Refuse(int status, string why)
    {
        Refusals.Enqueue(why);
        return Results.Text(why, statusCode: status);
    }

    IResult Refusal(int code, string why)
    {
        Refusals.Enqueue(why);
        return Results.Json(new { errcode = code, errmsg = why });
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
