using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Events;

/// <summary>
/// Figures per unit, category and period, with the same period a year earlier:
/// events reported; closure rate 结案率 = closed / due (events whose closing deadline fell in the period);
/// on-time closure rate 按期结案率 = closed by the deadline / due; rework rate 返工率 = events returned at least once /
/// events handled; average and p90 hours from report to closure (events closed in the period); share diverted from
/// police to grid = events that came in by 110 or from an officer and were routed to the grid side / all such events.
/// Only events the viewer may see are counted.
/// </summary>
public sealed class EventFigures(PoliceGridDb db, AuditTrail audit, TimeProvider clock)
{
    public sealed record Query(int? UnitId, DateOnly? From, DateOnly? To, string? Category);

    public sealed record Figures(int Events, int Due, int Closed, int ClosedOnTime, double? ClosureRate, double? OnTimeRate,
        int Handled, int Reworked, double? ReworkRate, double? AverageHoursToClose, double? P90HoursToClose,
        int PoliceChannel, int Diverted, double? DivertedShare);

    public sealed record Line(int? UnitId, string Name, Figures Now, Figures YearBefore, string? NameEn = null)
    {
        /// <summary>A unit's name is one name; a category row has its English name too.</summary>
        public Text Label => Text.Data(Name, NameEn ?? Name);
    }

    public sealed record Report(int UnitId, string UnitName, DateOnly From, DateOnly To, string? Category, Line Total, IReadOnlyList<Line> Units,
        IReadOnlyList<Line> Categories);

    public async Task<Report?> RunAsync(Viewer viewer, Query query)
    {
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == (query.UnitId ?? viewer.Unit.Id));
        if (unit is null || !AccessPolicy.CanSee(unit, viewer))
            return null;
        if (!unit.Kind.IsAdministrative())
        {
            // A station, branch or fusion unit is counted over the area it serves.
            var areaPath = unit.AreaPath;
            unit = await db.Units.AsNoTracking().SingleAsync(u => u.Path == areaPath);
        }
        var today = DateOnly.FromDateTime(RouteEvent.Local(clock.GetUtcNow().UtcDateTime));
        var from = query.From ?? new DateOnly(today.Year, 1, 1);
        var to = query.To ?? today;
        if (to < from)
            (from, to) = (to, from);

        var events = AccessPolicy.Visible(db.Events.AsNoTracking(), viewer).Where(e => e.AreaPath.StartsWith(unit.Path));
        if (!string.IsNullOrWhiteSpace(query.Category))
        {
            var code = query.Category.Trim();
            var ids = await db.EventCategories.Where(c => c.Code == code || c.MajorCode == code).Select(c => c.Id).ToListAsync();
            events = events.Where(e => ids.Contains(e.CategoryId));
        }
        Expression<Func<Event, int?>> byUnit = unit.Kind switch
        {
            UnitKind.City => e => e.CountyId,
            UnitKind.County => e => e.TownshipId,
            UnitKind.Township => e => e.VillageId,
            _ => e => e.GridId,
        };
        Expression<Func<Event, int?>> byCategory = e => e.CategoryId;

        var now = await ComputeAsync(events, byUnit, from, to);
        var before = await ComputeAsync(events, byUnit, from.AddYears(-1), to.AddYears(-1));
        var nowByCategory = await ComputeAsync(events, byCategory, from, to);
        var beforeByCategory = await ComputeAsync(events, byCategory, from.AddYears(-1), to.AddYears(-1));

        var unitIds = now.Keys.Concat(before.Keys).Distinct().ToList();
        var names = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name);
        var categoryNames = await db.EventCategories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => (Zh: $"{c.Code} {c.Name}", En: $"{c.Code} {c.NameEn}"));
        static Figures Sum(IEnumerable<Tally> tallies) => Tally.Combine(tallies).Figures();
        var lines = unitIds.Select(id => names.TryGetValue(id, out var name) ? new Line(id, name, Get(now, id), Get(before, id))
            : new Line(id, Words.Zh("Events.NotPlaced"), Get(now, id), Get(before, id), Words.En("Events.NotPlaced")))
            // A grid is counted by its own id: its one line would repeat the total.
            .Where(l => l.UnitId != unit.Id)
            .OrderByDescending(l => l.Now.Events).ToList();
        var categoryIds = nowByCategory.Keys.Concat(beforeByCategory.Keys).Distinct();
        var categories = categoryIds.Select(id => new Line(id, categoryNames.GetValueOrDefault(id, ("?", "?")).Item1, Get(nowByCategory, id), Get(beforeByCategory, id), categoryNames.GetValueOrDefault(id, ("?", "?")).Item2))
            .OrderByDescending(l => l.Now.Events).ToList();
        var total = new Line(unit.Id, unit.Name, Sum(now.Values), Sum(before.Values));
        await audit.WriteAsync("event-figures", "unit", unit.Id.ToString(CultureInfo.InvariantCulture), detail: $"{from:O}..{to:O} category={query.Category}");
        return new Report(unit.Id, unit.Name, from, to, query.Category, total, lines, categories);
    }

    static Figures Get(Dictionary<int, Tally> tallies, int id) => (tallies.GetValueOrDefault(id) ?? new Tally()).Figures();

    sealed class Tally
    {
        public int Events, Due, Closed, OnTime, Handled, Reworked, PoliceChannel, Diverted;
        public List<double> Hours { get; } = [];

        public static Tally Combine(IEnumerable<Tally> parts)
        {
            var t = new Tally();
            foreach (var p in parts)
            {
                t.Events += p.Events; t.Due += p.Due; t.Closed += p.Closed; t.OnTime += p.OnTime; t.Handled += p.Handled;
                t.Reworked += p.Reworked; t.PoliceChannel += p.PoliceChannel; t.Diverted += p.Diverted;
                t.Hours.AddRange(p.Hours);
            }
            return t;
        }

        static double? Rate(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);

        public Figures Figures()
        {
            Hours.Sort();
            double? p90 = Hours.Count == 0 ? null : Math.Round(Hours[(int)Math.Ceiling(0.9 * Hours.Count) - 1], 1);
            return new Figures(Events, Due, Closed, OnTime, Rate(Closed, Due), Rate(OnTime, Due), Handled, Reworked, Rate(Reworked, Handled),
                Hours.Count == 0 ? null : Math.Round(Hours.Average(), 1), p90, PoliceChannel, Diverted, Rate(Diverted, PoliceChannel));
        }
    }

    async Task<Dictionary<int, Tally>> ComputeAsync(IQueryable<Event> events, Expression<Func<Event, int?>> key, DateOnly from, DateOnly to)
    {
        // Local (China) days: from 00:00 on the first day to 24:00 on the last.
        var start = new DateTime(from.Year, from.Month, from.Day, 0, 0, 0, DateTimeKind.Utc) - RouteEvent.ChinaOffset;
        var end = new DateTime(to.Year, to.Month, to.Day, 0, 0, 0, DateTimeKind.Utc).AddDays(1) - RouteEvent.ChinaOffset;
        var now = clock.GetUtcNow().UtcDateTime;
        var dueEnd = end < now ? end : now;
        var tallies = new Dictionary<int, Tally>();
        Tally Of(int? key) => tallies.TryGetValue(key ?? 0, out var t) ? t : tallies[key ?? 0] = new Tally();

        var reported = await events.Where(e => e.ReportedAt >= start && e.ReportedAt < end).GroupBy(key).Select(g => new
        {
            g.Key,
            Events = g.Count(),
            Handled = g.Count(e => e.HandledAt != null),
            Reworked = g.Count(e => e.ReworkCount > 0),
            PoliceChannel = g.Count(e => e.Source == EventSource.Call110 || e.Source == EventSource.Officer),
            Diverted = g.Count(e => e.DivertedToGrid),
        }).ToListAsync();
        foreach (var r in reported)
        {
            var t = Of(r.Key);
            (t.Events, t.Handled, t.Reworked, t.PoliceChannel, t.Diverted) = (r.Events, r.Handled, r.Reworked, r.PoliceChannel, r.Diverted);
        }

        var due = await events.Where(e => e.DueAt >= start && e.DueAt < dueEnd && e.Status != EventStatus.Merged && e.Status != EventStatus.Cancelled)
            .GroupBy(key).Select(g => new
            {
                g.Key,
                Due = g.Count(),
                Closed = g.Count(e => e.Status == EventStatus.Closed),
                OnTime = g.Count(e => e.Status == EventStatus.Closed && e.ClosedAt <= e.DueAt),
            }).ToListAsync();
        foreach (var d in due)
        {
            var t = Of(d.Key);
            (t.Due, t.Closed, t.OnTime) = (d.Due, d.Closed, d.OnTime);
        }

        var closed = events.Where(e => e.Status == EventStatus.Closed && e.ClosedAt >= start && e.ClosedAt < end);
        var durations = await closed.Select(Pair(key)).ToListAsync();
        foreach (var (k, reportedAt, closedAt) in durations)
            Of(k).Hours.Add((closedAt - reportedAt).TotalHours);
        return tallies;
    }

    /// <summary>(key, reported, closed) for each closed event, projected in SQL.</summary>
    static Expression<Func<Event, ValueTuple<int?, DateTime, DateTime>>> Pair(Expression<Func<Event, int?>> key)
    {
        var e = key.Parameters[0];
        var ctor = typeof(ValueTuple<int?, DateTime, DateTime>).GetConstructor([typeof(int?), typeof(DateTime), typeof(DateTime)])!;
        var body = Expression.New(ctor, key.Body, Expression.Property(e, nameof(Event.ReportedAt)),
            Expression.Convert(Expression.Property(e, nameof(Event.ClosedAt)), typeof(DateTime)));
        return Expression.Lambda<Func<Event, ValueTuple<int?, DateTime, DateTime>>>(body, e);
    }
}
