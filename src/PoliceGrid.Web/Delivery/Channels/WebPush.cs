using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PoliceGrid.Web.Data;

namespace PoliceGrid.Web.Delivery;

/// <summary>
/// Web Push (RFC 8030) to every browser the person turned it on in: the message encrypted for that browser (RFC 8291),
/// signed for the push service with the deployment's VAPID key (RFC 8292), with a TTL, high urgency and the message as
/// its Topic, so a retry replaces a copy the service still holds. The page's service worker shows it with the message
/// as its tag, so a phone shows one notification however often it arrives. A browser the service no longer knows
/// (404, 410) is forgotten; a person with no browser left is refused, which starts the chase.
/// </summary>
public sealed class WebPush(HttpClient http, IServiceScopeFactory scopes, IOptions<DeliveryOptions> options, TimeProvider clock, ILogger<WebPush> log)
    : IMessageChannel, IDisposable
{
    public const string Name = "webpush";
    readonly RateGate gate = new(options.Value.WebPush.PerSecond, clock);
    readonly Lazy<ECDsa> vapid = new(() => WebPushProtocol.VapidKey(options.Value.WebPush.PublicKey, options.Value.WebPush.PrivateKey)
        ?? throw new InvalidOperationException("Delivery:WebPush keys are not a P-256 pair"));

    public string ChannelName => Name;

    public void Dispose()
    {
        if (vapid.IsValueCreated)
            vapid.Value.Dispose();
    }

    public async Task<ChannelResult> SendAsync(ChannelMessage message, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceGridDb>();
        // A browser subscribed before her sessions last ended is not hers to reach any more (someone else may hold it).
        var stamp = await db.Users.Where(a => a.Id == message.RecipientId).Select(a => a.SecurityStamp).SingleOrDefaultAsync(ct) ?? "";
        await db.PushSubscriptions.Where(s => s.AccountId == message.RecipientId && s.SecurityStamp != stamp).ExecuteDeleteAsync(ct);
        var browsers = await db.PushSubscriptions.AsNoTracking().Where(s => s.AccountId == message.RecipientId).OrderBy(s => s.Id).ToListAsync(ct);
        if (browsers.Count == 0)
            return ChannelResult.Refused("no browser with push on");
        var tag = $"m{message.MessageId}";
        var payload = JsonSerializer.SerializeToUtf8Bytes(new { title = message.Text, url = message.Url, tag });
        ChannelResult? retry = null;
        string? refused = null;
        foreach (var browser in browsers)
        {
            var (result, gone) = await SendToAsync(browser, payload, tag, ct);
            if (result.Sent)
                return ChannelResult.Ok; // one of her browsers has it; the others would only repeat it
            if (gone)
            {
                await db.PushSubscriptions.Where(s => s.Id == browser.Id).ExecuteDeleteAsync(ct);
                log.LogInformation("Push subscription {Id} of account {Account} is gone; forgotten", browser.Id, browser.AccountId);
            }
            if (result.Permanent)
                refused = result.Error;
            else
                retry = result;
        }
        return retry ?? ChannelResult.Refused(refused ?? "every browser is gone");
    }

    async Task<(ChannelResult Result, bool Gone)> SendToAsync(PushSubscription browser, byte[] payload, string topic, CancellationToken ct)
    {
        if (!Uri.TryCreate(browser.Endpoint, UriKind.Absolute, out var endpoint)
            || !WebPushProtocol.TryBase64Url(browser.P256dh, out var key) || !WebPushProtocol.TryBase64Url(browser.Auth, out var secret))
            return (ChannelResult.Refused("a subscription that cannot be read"), true);
        var push = options.Value.WebPush;
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(WebPushProtocol.Encrypt(payload, key, secret)) };
        request.Content.Headers.ContentType = new("application/octet-stream");
        request.Content.Headers.ContentEncoding.Add("aes128gcm");
        request.Headers.Add("TTL", push.TtlSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("Urgency", "high");
        request.Headers.Add("Topic", topic);
        request.Headers.TryAddWithoutValidation("Authorization", WebPushProtocol.VapidAuthorization(endpoint, push.Subject!, vapid.Value, clock.GetUtcNow()));
        await gate.WaitAsync(ct);
        using var response = await http.SendAsync(request, ct);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
            return (ChannelResult.Refused($"{(int)response.StatusCode} subscription gone"), true);
        return (await SmsGateway.ResultOfAsync(response, gate, ct), false);
    }
}
