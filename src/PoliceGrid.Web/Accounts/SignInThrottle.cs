using System.Threading.RateLimiting;

namespace PoliceGrid.Web.Accounts;

/// <summary>
/// Sign-in attempts per client address and per account name, each in a one-minute window, for every sign-in path
/// (the page and the API). Kept per instance: the lockout in the database is what holds across instances.
/// </summary>
public sealed class SignInThrottle(AccountSettings settings) : IDisposable
{
    readonly PartitionedRateLimiter<string> byAddress = PerMinute(settings.AttemptsPerAddress);
    readonly PartitionedRateLimiter<string> byAccount = PerMinute(settings.AttemptsPerAccount);

    /// <summary>How long to wait when the attempt is refused; null when it may go ahead.</summary>
    public TimeSpan? Refuses(string address, string userName)
    {
        using var perAddress = byAddress.AttemptAcquire(address);
        if (!perAddress.IsAcquired)
            return RetryAfter(perAddress);
        using var perAccount = byAccount.AttemptAcquire(userName.ToUpperInvariant());
        return perAccount.IsAcquired ? null : RetryAfter(perAccount);
    }

    static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var after) && after > TimeSpan.Zero ? after : TimeSpan.FromMinutes(1);

    static PartitionedRateLimiter<string> PerMinute(int permits) => PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits), Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
        }));

    public void Dispose()
    {
        byAddress.Dispose();
        byAccount.Dispose();
    }
}
