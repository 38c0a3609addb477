using System.Net;
using System.Threading.RateLimiting;

namespace PoliceGrid.Web.Events.Open311;

/// <summary>
/// How often Open311 may post: per API key (<c>Open311:PostsPerMinutePerKey</c>, 60) and per client address
/// (<c>Open311:PostsPerMinutePerAddress</c>, 10), so neither a leaked key nor one busy address can flood the queue.
/// </summary>
public sealed class Open311Limits(Microsoft.Extensions.Options.IOptions<Open311Options> options) : IDisposable
{
    readonly PartitionedRateLimiter<string> byKey = PerMinute(options.Value.PostsPerMinutePerKey);
    readonly PartitionedRateLimiter<string> byAddress = PerMinute(options.Value.PostsPerMinutePerAddress);

    static PartitionedRateLimiter<string> PerMinute(int permits) => PartitionedRateLimiter.Create<string, string>(partition =>
        RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits), Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
        }));

    /// <summary>Null when the post may go ahead; else the seconds to wait (for Retry-After).</summary>
    public int? TryAcquire(string apiKey, IPAddress? address)
    {
        using var key = byKey.AttemptAcquire(apiKey);
        if (!key.IsAcquired)
            return RetryAfter(key);
        using var client = byAddress.AttemptAcquire(address?.ToString() ?? "unknown");
        return client.IsAcquired ? null : RetryAfter(client);
    }

    static int RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 60;

    public void Dispose()
    {
        byKey.Dispose();
        byAddress.Dispose();
    }
}
