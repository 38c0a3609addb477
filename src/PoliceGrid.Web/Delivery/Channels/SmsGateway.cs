using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace PoliceGrid.Web.Delivery;

/// <summary>
/// SMS through the county's HTTP SMS gateway (docs/delivery.md gives the protocol): a JSON POST signed with
/// HMAC-SHA256 over the app id, timestamp, nonce and the body's SHA-256, carrying the delivery's key as <c>outId</c>
/// so the gateway drops a repeat. 429 and 5xx are retried (honouring Retry-After); other 4xx are refused for good.
/// </summary>
public sealed class SmsGateway(HttpClient http, IOptions<DeliveryOptions> options, TimeProvider clock) : IMessageChannel
{
    public const string Name = "sms";
    readonly RateGate gate = new(options.Value.Sms.PerSecond, clock);

    public string ChannelName => Name;

    public async Task<ChannelResult> SendAsync(ChannelMessage message, CancellationToken ct)
    {
        if (message.Mobile is not { Length: > 0 } mobile)
            return ChannelResult.Refused("no mobile number");
        var sms = options.Value.Sms;
        var body = JsonSerializer.SerializeToUtf8Bytes(new { appId = sms.AppId, to = mobile, content = $"{message.Text} {message.Url}", outId = message.Key });
        var timestamp = clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        using var request = new HttpRequestMessage(HttpMethod.Post, sms.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        request.Headers.Add("X-App-Id", sms.AppId);
        request.Headers.Add("X-Timestamp", timestamp);
        request.Headers.Add("X-Nonce", nonce);
        request.Headers.Add("X-Signature", Sign(sms.Secret!, sms.AppId!, timestamp, nonce, body));
        await gate.WaitAsync(ct);
        using var response = await http.SendAsync(request, ct);
        return await ResultOfAsync(response, gate, ct);
    }

    /// <summary>hex(HMAC-SHA256(secret, appId \n timestamp \n nonce \n hex(SHA-256(body)))).</summary>
    public static string Sign(string secret, string appId, string timestamp, string nonce, byte[] body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret),
            Encoding.UTF8.GetBytes($"{appId}\n{timestamp}\n{nonce}\n{Convert.ToHexStringLower(SHA256.HashData(body))}")));

    /// <summary>What an HTTP answer means for a delivery, for every channel that speaks HTTP.</summary>
    public static async Task<ChannelResult> ResultOfAsync(HttpResponseMessage response, RateGate gate, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
            return ChannelResult.Ok;
        var text = await response.Content.ReadAsStringAsync(ct);
        var error = $"{(int)response.StatusCode} {text[..Math.Min(text.Length, 200)]}";
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var after = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(5);
            gate.Back(after);
            return ChannelResult.Retry(error, after);
        }
        return (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout
            ? ChannelResult.Retry(error)
            : ChannelResult.Refused(error);
    }
}
