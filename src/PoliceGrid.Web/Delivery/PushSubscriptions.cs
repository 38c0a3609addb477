using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Delivery;

/// <summary>Turning Web Push on and off in a browser: the browser's subscription, checked, kept under the signed-in person.</summary>
public sealed class PushSubscriptions(PoliceGridDb db, IOptions<DeliveryOptions> options, TimeProvider clock)
{
    public sealed record Key(string PublicKey);

    /// <summary>A browser's <c>PushSubscription.toJSON()</c>.</summary>
    /// <remarks><c>expirationTime</c> is what the browser says; the push service's 404 or 410 is what ends a subscription here.</remarks>
    public sealed record Browser(string? Endpoint, BrowserKeys? Keys, double? ExpirationTime = null);

    public sealed record BrowserKeys(string? P256dh, string? Auth);

    static readonly Text NotAPushService = new("Delivery.NotAPushService");
    static readonly Text BadBrowserKeys = new("Delivery.BadBrowserKeys");
    static readonly Text PushIsOff = new("Delivery.PushIsOff");

    /// <summary>The key browsers subscribe with, when the deployment has Web Push on.</summary>
    public Key? PublicKey => options.Value.ExternalChannels.Contains(WebPush.Name) ? new(options.Value.WebPush.PublicKey!) : null;

    public async Task<Result> SubscribeAsync(int accountId, Browser browser, CancellationToken ct = default)
    {
        if (PublicKey is null)
            return Result.Conflict(PushIsOff);
        if (browser.Endpoint is not { Length: > 0 and <= PushSubscription.EndpointLength } text || !Uri.TryCreate(text, UriKind.Absolute, out var endpoint)
            || !options.Value.WebPush.Allows(endpoint))
            return Result.Invalid([new FieldProblem("endpoint", NotAPushService)]);
        if (!WebPushProtocol.ValidBrowserKeys(browser.Keys?.P256dh, browser.Keys?.Auth))
            return Result.Invalid([new FieldProblem("keys", BadBrowserKeys)]);
        var held = await db.PushSubscriptions.SingleOrDefaultAsync(s => s.Endpoint == text, ct);
        if (held is null)
            db.PushSubscriptions.Add(held = new PushSubscription { Endpoint = text });
        // The same browser signed in as someone else now: its pushes are hers, no longer the last person's.
        held.AccountId = accountId;
        held.P256dh = browser.Keys!.P256dh!.Trim();
        held.Auth = browser.Keys.Auth!.Trim();
        held.SecurityStamp = await db.Users.Where(a => a.Id == accountId).Select(a => a.SecurityStamp).SingleAsync(ct) ?? "";
        held.CreatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return Result.Done;
    }

    public Task<int> UnsubscribeAsync(int accountId, string? endpoint, CancellationToken ct = default) =>
        db.PushSubscriptions.Where(s => s.AccountId == accountId && s.Endpoint == endpoint).ExecuteDeleteAsync(ct);
}
