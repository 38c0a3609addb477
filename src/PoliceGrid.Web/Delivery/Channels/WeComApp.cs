using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace PoliceGrid.Web.Delivery;

/// <summary>
/// A WeCom (企业微信) application message, as its server API publishes it: an <c>access_token</c> from
/// <c>/cgi-bin/gettoken</c> (corp id and the application's secret), kept until shortly before it expires; the
/// recipient's WeCom user id found by mobile (<c>/cgi-bin/user/getuserid</c>), kept per mobile; then a <c>textcard</c>
/// to that user from <c>/cgi-bin/message/send</c> with the link that opens the item, and WeCom's duplicate check on, so
/// a retry within half an hour is not shown twice. A token WeCom calls invalid or expired (40014, 42001) is fetched
/// again and the message sent once more; "too often" (45009) waits a minute; an unknown user (46004, 60111) is refused
/// for good, which starts the chase.
/// </summary>
public sealed class WeComApp(HttpClient http, IOptions<DeliveryOptions> options, TimeProvider clock) : IMessageChannel, IDisposable
{
    public const string Name = "wecom";
    const int InvalidToken = 40014, ExpiredToken = 42001, TooOften = 45009, NoSuchUser = 60111, NoSuchMobile = 46004;
    readonly RateGate gate = new(options.Value.WeCom.PerSecond, clock);
    readonly SemaphoreSlim tokenLock = new(1, 1);
    readonly ConcurrentDictionary<string, string> userIds = new();
    (string Value, DateTimeOffset Until)? token;

    public string ChannelName => Name;

    public void Dispose() => tokenLock.Dispose();

    public async Task<ChannelResult> SendAsync(ChannelMessage message, CancellationToken ct)
    {
        if (message.Mobile is not { } mobile)
            return ChannelResult.Refused("no mobile on record");
        for (var attempt = 0; ; attempt++)
        {
            var answer = await TrySendAsync(mobile, message, ct);
            if (answer.Code is InvalidToken or ExpiredToken && attempt == 0)
            {
                token = null;
                continue;
            }
            return answer.Result;
        }
    }

    async Task<(int Code, ChannelResult Result)> TrySendAsync(string mobile, ChannelMessage message, CancellationToken ct)
    {
        var (accessToken, failure) = await TokenAsync(ct);
        if (accessToken is null)
            return (0, failure!);
        if (!userIds.TryGetValue(mobile, out var userId))
        {
            var (found, code, error) = await CallAsync("user/getuserid", accessToken, new { mobile }, ct);
            if (code != 0)
                return (code, ResultOf(code, error));
            userIds[mobile] = userId = found.GetProperty("userid").GetString()!;
        }
        var we = options.Value.WeCom;
        var body = new
        {
            touser = userId, msgtype = "textcard", agentid = we.AgentId,
            textcard = new { title = message.Text, description = message.Text, url = message.Url },
            enable_duplicate_check = 1, duplicate_check_interval = 1800,
        };
        var (_, sent, sendError) = await CallAsync("message/send", accessToken, body, ct);
        return (sent, sent == 0 ? ChannelResult.Ok : ResultOf(sent, sendError));
    }

    ChannelResult ResultOf(int code, string error)
    {
        if (code == TooOften)
        {
            gate.Back(TimeSpan.FromMinutes(1));
            return ChannelResult.Retry(error, TimeSpan.FromMinutes(1));
        }
        return code is NoSuchUser or NoSuchMobile ? ChannelResult.Refused(error) : ChannelResult.Retry(error);
    }

    async Task<(JsonElement Answer, int Code, string Error)> CallAsync(string path, string accessToken, object body, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        using var response = await http.PostAsJsonAsync(new Uri(options.Value.WeCom.BaseUrl, $"/cgi-bin/{path}?access_token={Uri.EscapeDataString(accessToken)}"), body, ct);
        return await AnswerOfAsync(response, ct);
    }

    static async Task<(JsonElement Answer, int Code, string Error)> AnswerOfAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
            return (default, -1, $"{(int)response.StatusCode}");
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        var code = answer.TryGetProperty("errcode", out var c) ? c.GetInt32() : -1;
        return (answer, code, $"errcode {code} {(answer.TryGetProperty("errmsg", out var e) ? e.GetString() : "")}");
    }

    /// <summary>The cached token, or a new one; one fetch at a time, since WeCom limits how often a token is asked for.</summary>
    async Task<(string? Token, ChannelResult? Failure)> TokenAsync(CancellationToken ct)
    {
        await tokenLock.WaitAsync(ct);
        try
        {
            if (token is { } held && held.Until > clock.GetUtcNow())
                return (held.Value, null);
            var we = options.Value.WeCom;
            using var response = await http.GetAsync(new Uri(we.BaseUrl,
                $"/cgi-bin/gettoken?corpid={Uri.EscapeDataString(we.CorpId!)}&corpsecret={Uri.EscapeDataString(we.Secret!)}"), ct);
            var (answer, code, error) = await AnswerOfAsync(response, ct);
            if (code != 0)
                return (null, ResultOf(code, error));
            var seconds = answer.TryGetProperty("expires_in", out var e) ? e.GetInt32() : 7200;
            token = (answer.GetProperty("access_token").GetString()!, clock.GetUtcNow().AddSeconds(Math.Max(60, seconds - 300)));
            return (token.Value.Value, null);
        }
        finally
        {
            tokenLock.Release();
        }
    }
}
