namespace PoliceGrid.Web.Delivery;

/// <summary>Spaces calls to a service that allows so many per second; each caller takes the next free slot and waits for it.</summary>
public sealed class RateGate(double perSecond, TimeProvider clock)
{
    readonly TimeSpan gap = TimeSpan.FromSeconds(1 / Math.Max(perSecond, 0.001));
    readonly Lock gate = new();
    DateTimeOffset next = DateTimeOffset.MinValue;

    public Task WaitAsync(CancellationToken ct)
    {
        var wait = Reserve();
        return wait > TimeSpan.Zero ? Task.Delay(wait, clock, ct) : Task.CompletedTask;
    }

    /// <summary>Takes the next free slot; returns how long until it comes.</summary>
    public TimeSpan Reserve()
    {
        lock (gate)
        {
            var now = clock.GetUtcNow();
            var slot = next > now ? next : now;
            next = slot + gap;
            return slot - now;
        }
    }

    /// <summary>The service said "too many": nobody calls it before <paramref name="after"/> has passed.</summary>
    public void Back(TimeSpan after)
    {
        lock (gate)
        {
            var until = clock.GetUtcNow() + after;
            if (until > next)
                next = until;
        }
    }
}
