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
    public const string WeComCorpId = "ww-test-corp", WeComSecret = "wecom-app-secret";
    public const int WeComAgentId = 1000002;

    readonly WebApplication app;
    readonly ConcurrentDictionary<string, bool> nonces = new();

    /// <summary>What the phones received by SMS, in order: (mobile, text, outId); a repeated outId is not delivered again.</summary>
    public ConcurrentQueue<(string To, string Content, string OutId)> Sms { get; } = new();
    public ConcurrentDictionary<string, int> SmsRequestsByOutId { get; } = new();
    public ConcurrentQueue<(string Text, string[] AtMobiles)> Robot { get; } = new();
    public ConcurrentQueue<string> Refusals { get; } = new();
    /// <summary>What WeCom showed: (user id, card title, card url); a card repeated within half an hour is dropped, as WeCom's duplicate check does.</summary>
    public ConcurrentQueue<(string User, string Title, string Url)> WeCom { get; } = new();
    public int WeComTokensIssued => weComTokens.Count;
    readonly ConcurrentDictionary<string, bool> weComTokens = new();
    /// <summary>The next N sends answer 45009 (too often).</summary>
    public int WeComTooOften { get => weComTooOften; set => weComTooOften = value; }
    int weComTooOften;

    /// <summary>The next N requests of the gateway answer 429 with Retry-After: 1 (or 503 with <see cref="SmsFailWith"/>).</summary>
    public int SmsTooMany { get => smsTooMany; set => smsTooMany = value; }
    int smsTooMany;
    public int SmsFailWith { get; set; } = 429;
    /// <summary>The robot refuses every message for good (as with a wrong keyword or a removed robot).</summary>
    public bool RobotRefuses { get; set; }
    /// <summary>Called after the gateway took a message: a test stops the sender here, as if its process died.</summary>
    public Action<string>? AfterSms { get; set; }
    /// <summary>
    /// Awaited when a message arrives, before the gateway takes it, and again after it took it, before it answers; given
    /// the outId, the sender's <c>instance</c> (a query value a test puts in each product's gateway address) and the
    /// request's abort. A test holds a request here while it kills the sending process. A request whose sender went away
    /// meanwhile counts in <see cref="SmsAbandoned"/> and, if it had not been taken, is not delivered.
    /// </summary>
    public Func<SmsStage, string, string, CancellationToken, Task>? HoldSms { get; set; }
    public int SmsAbandoned => smsAbandoned;
    int smsAbandoned;

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
        app.MapGet("/cgi-bin/gettoken", (Delegate)fake.WeComToken);
        app.MapPost("/cgi-bin/user/getuserid", (Delegate)fake.WeComUserAsync);
        app.MapPost("/cgi-bin/message/send", (Delegate)fake.WeComSendAsync);
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
        var instance = http.Request.Query["instance"].ToString();
        try
        {
            if (HoldSms is { } arrived)
                await arrived(SmsStage.Arrived, outId, instance, http.RequestAborted);
            if (SmsRequestsByOutId.AddOrUpdate(outId, 1, (_, n) => n + 1) == 1)
                Sms.Enqueue((to, content, outId));
            AfterSms?.Invoke(outId);
            if (HoldSms is { } taken)
                await taken(SmsStage.Taken, outId, instance, http.RequestAborted);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            Interlocked.Increment(ref smsAbandoned);
            return Results.Empty;
        }
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

    IResult WeComToken(HttpContext http)
    {
        var q = http.Request.Query;
        if (q["corpid"] != WeComCorpId || q["corpsecret"] != WeComSecret)
            return Refusal(40001, "invalid credential");
        var token = "wt-" + Guid.NewGuid().ToString("N");
        weComTokens[token] = true;
        return Results.Json(new { errcode = 0, errmsg = "ok", access_token = token, expires_in = 7200 });
    }

    /// <summary>Every token issued so far expires, as WeCom's do after two hours (or when another server fetched a new one).</summary>
    public void ExpireWeComTokens() => weComTokens.Clear();

    bool WeComTokenValid(HttpContext http) => weComTokens.ContainsKey(http.Request.Query["access_token"].ToString());

    async Task<IResult> WeComUserAsync(HttpContext http)
    {
        if (!WeComTokenValid(http))
            return Refusal(42001, "access_token expired");
        using var json = await JsonDocument.ParseAsync(http.Request.Body);
        var mobile = json.RootElement.GetProperty("mobile").GetString() ?? "";
        // Only the first demo mobiles are members of the test corp; any other is unknown, as a person WeCom does not have.
        return mobile.StartsWith("13800000", StringComparison.Ordinal)
            ? Results.Json(new { errcode = 0, errmsg = "ok", userid = "u" + mobile })
            : Refusal(46004, "mobile not found");
    }

    readonly ConcurrentDictionary<string, DateTimeOffset> weComCards = new();

    async Task<IResult> WeComSendAsync(HttpContext http)
    {
        if (!WeComTokenValid(http))
            return Refusal(42001, "access_token expired");
        using var json = await JsonDocument.ParseAsync(http.Request.Body);
        var root = json.RootElement;
        if (root.GetProperty("agentid").GetInt32() != WeComAgentId || root.GetProperty("msgtype").GetString() != "textcard")
            return Refusal(40056, "invalid agentid or msgtype");
        var card = root.GetProperty("textcard");
        var (user, title, url) = (root.GetProperty("touser").GetString()!, card.GetProperty("title").GetString()!, card.GetProperty("url").GetString()!);
        if (title.Length is 0 or > 128 || !url.StartsWith("https://", StringComparison.Ordinal))
            return Refusal(44004, "empty or too long content, or a bad url");
        if (Interlocked.Decrement(ref weComTooOften) >= 0)
            return Results.Json(new { errcode = 45009, errmsg = "api freq out of limit" });
        var key = $"{user}\n{title}\n{url}";
        if (root.GetProperty("enable_duplicate_check").GetInt32() == 1 && weComCards.TryGetValue(key, out var shown) && Now() - shown < TimeSpan.FromMinutes(30))
            return Results.Json(new { errcode = 0, errmsg = "ok" });
        weComCards[key] = Now();
        WeCom.Enqueue((user, title, url));
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

/// <summary>Where the SMS gateway holds a request: when it arrived (not taken yet), or taken and not answered.</summary>
public enum SmsStage { Arrived, Taken }
