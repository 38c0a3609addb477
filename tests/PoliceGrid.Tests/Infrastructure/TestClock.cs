namespace PoliceGrid.Tests.Infrastructure;

/// <summary>
/// A clock the test sets: office hours, time limits and escalation are decided on it. The product's sign-in cookies
/// use it too, so whoever holds a client signs in again after the clock moves (<see cref="Changed"/>).
/// </summary>
public sealed class TestClock : TimeProvider
{
    public event Action? Changed;

    DateTimeOffset now = new(2026, 3, 11, 2, 0, 0, TimeSpan.Zero); // Wednesday 10:00 in China

    public override DateTimeOffset GetUtcNow() => now;

    /// <summary>Sets the clock to a local time in China (UTC+8).</summary>
    public void SetChinaTime(int year, int month, int day, int hour, int minute)
    {
        now = new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(8)).ToUniversalTime();
        Changed?.Invoke();
    }

    public void Advance(TimeSpan by)
    {
        now += by;
        Changed?.Invoke();
    }
}
