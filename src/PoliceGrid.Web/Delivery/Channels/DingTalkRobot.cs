using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace PoliceGrid.Web.Delivery;

/// <summary>
/// A DingTalk (政务钉钉) custom group robot with signing on: POST to the webhook with <c>timestamp</c> (ms) and
/// <c>sign</c> = URL-encoded Base64(HMAC-SHA256(secret, timestamp + "\n" + secret)), a <c>link</c> message that opens
/// the item, and the recipient @-mentioned by mobile. DingTalk answers 200 with <c>errcode</c>; 130101 means too fast
/// (a robot may send 20 a minute), which is retried after a minute.
/// </summary>
public sealed class DingTalkRobot(HttpClient http, IOptions<DeliveryOptions> options, TimeProvider clock) : IMessageChannel
{
    public const string Name = "dingtalk";
    const int TooFast = 130101;
    readonly RateGate gate = new(options.Value.DingTalk.PerSecond, clock);

    public string ChannelName => Name;

    public async Task<ChannelResult> SendAsync(ChannelMessage message, CancellationToken ct)
    {
        var robot = options.Value.DingTalk;
        var timestamp = clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var url = $"{robot.Webhook}{(robot.Webhook!.Query.Length > 0 ? "&" : "?")}timestamp={timestamp}&sign={Uri.EscapeDataString(Sign(robot.Secret!, timestamp))}";
        var body = new
        {
            msgtype = "markdown",
            markdown = new { title = message.Text, text = $"{message.Text}\n\n[{message.Url}]({message.Url})" + (message.Mobile is { } m ? $" @{m}" : "") },
            at = new { atMobiles = message.Mobile is { } mobile ? new[] { mobile } : [], isAtAll = false },
        };
        await gate.WaitAsync(ct);
        using var response = await http.PostAsJsonAsync(url, body, ct);
        if (!response.IsSuccessStatusCode)
            return await SmsGateway.ResultOfAsync(response, gate, ct);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        var code = answer.TryGetProperty("errcode", out var c) ? c.GetInt32() : -1;
        if (code == 0)
            return ChannelResult.Ok;
        var error = $"errcode {code} {(answer.TryGetProperty("errmsg", out var e) ? e.GetString() : "")}";
        if (code == TooFast)
        {
            gate.Back(TimeSpan.FromMinutes(1));
            return ChannelResult.Retry(error, TimeSpan.FromMinutes(1));
        }
        return code == -1 ? ChannelResult.Retry(error) : ChannelResult.Refused(error);
    }

    public static string Sign(string secret, string timestamp) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}\n{secret}")));
}
