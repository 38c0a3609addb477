using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Delivery;

/// <summary>
/// Sends the outbox. Each round takes the oldest due row of each person and channel (so a person's messages go out in
/// order), claims them with a lease in one conditional update (so another instance cannot take them too), sends each
/// through its channel and marks it at once. A row whose lease ran out (its instance died) is taken again, with the same
/// key, which the channel's service uses to drop the repeat.
/// </summary>
public sealed class SendDeliveries(PoliceGridDb db, IEnumerable<IMessageChannel> channels, IOptions<DeliveryOptions> options, TimeProvider clock,
    ILogger<SendDeliveries> log)
{
    public async Task<int> RunAsync(int batch = 200, CancellationToken ct = default)
    {
        var byName = channels.ToDictionary(c => c.ChannelName);
        var settings = options.Value;
        var sent = 0;
        while (!ct.IsCancellationRequested)
        {
            var now = Now();
            var heads = await db.MessageDeliveries.AsNoTracking()
                .Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now && (d.LeaseUntil == null || d.LeaseUntil < now)
                    && !db.MessageDeliveries.Any(e => e.RecipientId == d.RecipientId && e.Channel == d.Channel && e.Status == DeliveryStatus.Pending && e.Id < d.Id))
                .OrderBy(d => d.Id).Select(d => d.Id).Take(batch).ToListAsync(ct);
            if (heads.Count == 0)
                break;
            var token = Guid.NewGuid().ToString("N");
            var leaseUntil = now.AddSeconds(settings.LeaseSeconds);
            await db.MessageDeliveries
                .Where(d => heads.Contains(d.Id) && d.Status == DeliveryStatus.Pending && (d.LeaseUntil == null || d.LeaseUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseOwner, token).SetProperty(d => d.LeaseUntil, leaseUntil)
                    .SetProperty(d => d.Attempts, d => d.Attempts + 1), ct);
            var claimed = await (from d in db.MessageDeliveries.AsNoTracking()
                                 join m in db.Messages.AsNoTracking() on d.MessageId equals m.Id
                                 join a in db.Users.AsNoTracking() on d.RecipientId equals a.Id
                                 where d.LeaseOwner == token
                                 orderby d.Id
                                 select new { d.Id, d.Channel, d.Attempts, MessageId = m.Id, m.RecipientId, m.Title, m.Link, a.PhoneNumber, a.DisplayName }).ToListAsync(ct);
            foreach (var row in claimed)
            {
                var message = new ChannelMessage(row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), row.MessageId, row.RecipientId, row.PhoneNumber,
                    row.DisplayName, Words.Stored(row.Title).Zh, (settings.PublicBaseUrl ?? "").TrimEnd('/') + row.Link);
                var result = byName.TryGetValue(row.Channel, out var channel) ? await TrySendAsync(channel, message, ct) : ChannelResult.Refused("channel is off");
                var at = Now();
                var query = db.MessageDeliveries.Where(d => d.Id == row.Id && d.LeaseOwner == token);
                if (result.Sent)
                {
                    sent++;
                    await query.ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Sent).SetProperty(d => d.SentAt, at)
                        .SetProperty(d => d.LeaseOwner, (string?)null).SetProperty(d => d.LeaseUntil, (DateTime?)null), ct);
                }
                else if (result.Permanent || row.Attempts >= settings.MaxAttempts)
                {
                    log.LogWarning("Delivery {Id} on {Channel} failed for good: {Error}", row.Id, row.Channel, result.Error);
                    // The person did not get it this way: the chase (the next channel, then the leaders) starts now.
                    await db.Messages.Where(m => m.Id == row.MessageId && m.AcknowledgedAt == null && m.ChaseLevel == 0 && m.AckDueAt > at)
                        .ExecuteUpdateAsync(s => s.SetProperty(m => m.AckDueAt, at), ct);
                    await query.ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Failed).SetProperty(d => d.LastError, Cut(result.Error))
                        .SetProperty(d => d.LeaseOwner, (string?)null).SetProperty(d => d.LeaseUntil, (DateTime?)null), ct);
                }
                else
                {
                    var next = at + (result.RetryAfter ?? Backoff(row.Attempts));
                    await query.ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, next).SetProperty(d => d.LastError, Cut(result.Error))
                        .SetProperty(d => d.LeaseOwner, (string?)null).SetProperty(d => d.LeaseUntil, (DateTime?)null), ct);
                }
            }
        }
        return sent;
    }

    static async Task<ChannelResult> TrySendAsync(IMessageChannel channel, ChannelMessage message, CancellationToken ct)
    {
        try
        {
            return await channel.SendAsync(message, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !ct.IsCancellationRequested)
        {
            return ChannelResult.Retry(e.Message);
        }
    }

    /// <summary>5 s, 10 s, 20 s, … at most 10 minutes.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(600, 5 * Math.Pow(2, Math.Max(0, attempts - 1))));

    static string? Cut(string? error) => error is { Length: > 400 } ? error[..400] : error;

    DateTime Now() => clock.GetUtcNow().UtcDateTime;
}
