using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Data;

namespace PoliceGrid.Web.Events;

/// <summary>
/// Categories, routing rules, office hours and holidays, read once and kept: every report needs them and they change
/// seldom. An edit clears the copy here and, through NOTIFY, on the other instances (<see cref="Shared.Live.LiveListener"/>);
/// a copy older than a minute is read again in any case, in case a notice was lost.
/// </summary>
public sealed class EventSettingsCache(IServiceScopeFactory scopes)
{
    public sealed record Snapshot(long LoadedAt, IReadOnlyDictionary<int, EventCategory> Categories, IReadOnlyList<RoutingRule> Rules,
        IReadOnlyList<OfficeHours> Hours, IReadOnlyList<Holiday> Holidays)
    {
        public EventCategory? ByCode(string code) => Categories.Values.FirstOrDefault(c => c.Code == code);
    }

    const long MaxAgeMs = 60_000;
    volatile Snapshot? current;

    public async Task<Snapshot> GetAsync(CancellationToken ct = default)
    {
        var snapshot = current;
        if (snapshot is not null && Environment.TickCount64 - snapshot.LoadedAt < MaxAgeMs)
            return snapshot;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceGridDb>();
        snapshot = new Snapshot(Environment.TickCount64,
            await db.EventCategories.AsNoTracking().ToDictionaryAsync(c => c.Id, ct),
            await db.RoutingRules.AsNoTracking().Where(r => r.Active).ToListAsync(ct),
            await db.OfficeHours.AsNoTracking().ToListAsync(ct),
            await db.Holidays.AsNoTracking().ToListAsync(ct));
        current = snapshot;
        return snapshot;
    }

    public void Invalidate() => current = null;
}
