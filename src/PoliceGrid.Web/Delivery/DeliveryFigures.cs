using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Data;

namespace PoliceGrid.Web.Delivery;

/// <summary>
/// How fast people acknowledge what is delivered to them, and what is stuck: for the board and the figures, over the
/// viewer's area. Minutes run from delivery (the message made) to acknowledgement (签收, or the work taken up).
/// </summary>
public sealed class DeliveryFigures(PoliceGridDb db, TimeProvider clock)
{
    public sealed record Speed(string Name, MessageKind? Kind, int Delivered, int Acknowledged, double? MedianMinutes, double? P90Minutes);

    public sealed record Summary(int WaitingLate, int Escalated, int Undelivered, IReadOnlyList<Speed> ByKind, IReadOnlyList<Speed> ByUnit);

    public async Task<Summary> ForAsync(Viewer viewer, int days = 7)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now.AddDays(-days);
        var messages = AccessPolicy.Visible(db.Messages.AsNoTracking(), viewer);
        var waitingLate = await messages.CountAsync(m => m.AcknowledgedAt == null && (m.ChaseLevel > 0 || m.AckDueAt <= now));
        var escalated = await messages.CountAsync(m => m.AcknowledgedAt == null && m.ChaseLevel == ChaseAcknowledgements.Escalated);
        var stale = now.AddMinutes(-5);
        var undelivered = await db.MessageDeliveries.AsNoTracking()
            .Where(d => d.Status == DeliveryStatus.Failed || (d.Status == DeliveryStatus.Pending && d.CreatedAt < stale))
            .Join(messages, d => d.MessageId, m => m.Id, (d, m) => d.Id).CountAsync();
        var recent = await (from m in messages
                            where m.CreatedAt >= since
                            join u in db.Units on m.RecipientUnitId equals u.Id
                            select new { m.Kind, u.Name, m.CreatedAt, m.AcknowledgedAt }).ToListAsync();
        var byKind = recent.GroupBy(m => m.Kind).OrderBy(g => g.Key)
            .Select(g => SpeedOf(g.Key.ToString(), g.Key, [.. g.Select(m => (m.CreatedAt, m.AcknowledgedAt))])).ToList();
        var byUnit = recent.GroupBy(m => m.Name).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => SpeedOf(g.Key, null, [.. g.Select(m => (m.CreatedAt, m.AcknowledgedAt))])).ToList();
        return new Summary(waitingLate, escalated, undelivered, byKind, byUnit);
    }

    static Speed SpeedOf(string name, MessageKind? kind, List<(DateTime Created, DateTime? Acknowledged)> rows)
    {
        var minutes = rows.Where(r => r.Acknowledged is not null).Select(r => (r.Acknowledged!.Value - r.Created).TotalMinutes).Order().ToList();
        return new Speed(name, kind, rows.Count, minutes.Count, Percentile(minutes, 0.5), Percentile(minutes, 0.9));
    }

    /// <summary>The nearest-rank percentile of sorted values; null for none.</summary>
    public static double? Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? null : Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)], 1);
}
