using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Disputes;

/// <summary>
/// The dispute figures of an area for a period and the same period a year before, per village, township, mediator or
/// type: found (排查), resolved (an agreement), 化解率, resolved within the limit, agreements carried out, referred,
/// repeated, 民转刑. Each figure is a filter of the list too (<see cref="OfFigure"/>), so every number opens its cases.
/// </summary>
public sealed class DisputeFigures(PoliceGridDb db)
{
    public static readonly string[] Names = ["found", "resolved", "within-limit", "carried-out", "referred", "repeated", "crime"];

    public sealed record Query(int? UnitId, string? By, DateOnly? From, DateOnly? To);

    public sealed record Counts(int Found, int Resolved, int WithinLimit, int CarriedOut, int Referred, int Repeated, int Crime)
    {
        /// <summary>化解率: resolved of found, in percent; null when nothing was found.</summary>
        public double? Rate => Found == 0 ? null : Math.Round(100.0 * Resolved / Found, 1);
    }

    public sealed record Row(int? Key, Shared.Text Name, Counts Now, Counts YearBefore);

    public sealed record Report(int UnitId, string UnitName, string By, DateOnly From, DateOnly To, DateTime FromUtc, DateTime ToUtc, Row Total, IReadOnlyList<Row> Rows);

    /// <summary>The report, or null when the unit lies outside the viewer's scope.</summary>
    public async Task<Report?> RunAsync(Viewer viewer, Query query, DateOnly today, CancellationToken ct = default)
    {
        var unit = query.UnitId is { } uid ? await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == uid, ct) : viewer.Unit;
        if (unit is null || !(AccessPolicy.Covers(unit, viewer) || unit.Id == viewer.Unit.Id))
            return null;
        var by = query.By is "township" or "mediator" or "type" ? query.By : "village";
        var to = query.To ?? today;
        var from = query.From ?? new DateOnly(to.Year, 1, 1);
        if (from > to)
            (from, to) = (to, from);
        var (fromUtc, toUtc) = Utc(from, to);
        var (beforeFrom, beforeTo) = Utc(from.AddYears(-1), to.AddYears(-1));
        var area = AccessPolicy.Visible(db.Disputes.AsNoTracking(), viewer).Where(d => d.AreaPath.StartsWith(unit.AreaPath));
        var now = await CountAsync(area, by, fromUtc, toUtc, ct);
        var before = await CountAsync(area, by, beforeFrom, beforeTo, ct);
        var keys = now.Keys.Union(before.Keys).ToList();
        var names = await NamesAsync(by, keys, ct);
        var empty = new Counts(0, 0, 0, 0, 0, 0, 0);
        var rows = keys.Select(k => new Row(k < 0 ? null : k, names.GetValueOrDefault(k) ?? new Shared.Text("Disputes.None"), now.GetValueOrDefault(k) ?? empty,
                before.GetValueOrDefault(k) ?? empty))
            .OrderBy(r => r.Name.Zh, StringComparer.Ordinal).ToList();
        var total = new Row(null, Shared.Text.Literal(unit.Name), Sum(rows.Select(r => r.Now)), Sum(rows.Select(r => r.YearBefore)));
        return new Report(unit.Id, unit.Name, by, from, to, fromUtc, toUtc, total, rows);
    }

    static (DateTime, DateTime) Utc(DateOnly from, DateOnly to) => (Start(from), Start(to.AddDays(1)));

    /// <summary>The start of a China day, in UTC.</summary>
    static DateTime Start(DateOnly day) => DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue) - Shared.ChinaTime.Offset, DateTimeKind.Utc);

    static Counts Sum(IEnumerable<Counts> all)
    {
        var list = all.ToList();
        return new Counts(list.Sum(c => c.Found), list.Sum(c => c.Resolved), list.Sum(c => c.WithinLimit), list.Sum(c => c.CarriedOut), list.Sum(c => c.Referred),
            list.Sum(c => c.Repeated), list.Sum(c => c.Crime));
    }

    static Expression<Func<Dispute, int?>> KeyOf(string by) => by switch
    {
        "township" => d => d.TownshipId,
        "mediator" => d => d.MediatorId,
        "type" => d => (int?)d.Type,
        _ => d => d.VillageId,
    };

    /// <summary>The cases behind one figure of a period (the drill-down of the figures page).</summary>
    public static IQueryable<Dispute> OfFigure(IQueryable<Dispute> q, string? figure, DateTime? from, DateTime? to)
    {
        var f = from ?? DateTime.MinValue;
        var t = to ?? DateTime.MaxValue;
        return figure switch
        {
            "found" => q.Where(d => d.RegisteredAt >= f && d.RegisteredAt < t),
            "resolved" => q.Where(d => d.AgreedAt >= f && d.AgreedAt < t),
            "within-limit" => q.Where(d => d.AgreedAt >= f && d.AgreedAt < t && d.AgreedAt <= d.DueAt),
            "carried-out" => q.Where(d => d.CarriedOutAt >= f && d.CarriedOutAt < t),
            "referred" => q.Where(d => d.ReferredAt >= f && d.ReferredAt < t),
            "repeated" => q.Where(d => d.RegisteredAt >= f && d.RegisteredAt < t && d.IsRepeated),
            "crime" => q.Where(d => d.RegisteredAt >= f && d.RegisteredAt < t && d.MayTurnCriminal),
            _ => from is null && to is null ? q : q.Where(d => d.RegisteredAt >= f && d.RegisteredAt < t),
        };
    }

    static async Task<Dictionary<int, Counts>> CountAsync(IQueryable<Dispute> area, string by, DateTime from, DateTime to, CancellationToken ct)
    {
        var key = KeyOf(by);
        var figures = new Dictionary<string, Dictionary<int, int>>();
        foreach (var name in Names)
            figures[name] = (await OfFigure(area, name, from, to).Select(key).GroupBy(k => k).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
                .ToDictionary(g => g.Key ?? -1, g => g.Count);
        var keys = figures.Values.SelectMany(f => f.Keys).Distinct();
        return keys.ToDictionary(k => k, k => new Counts(Get("found", k), Get("resolved", k), Get("within-limit", k), Get("carried-out", k), Get("referred", k),
            Get("repeated", k), Get("crime", k)));

        int Get(string name, int k) => figures[name].GetValueOrDefault(k);
    }

    async Task<Dictionary<int, Shared.Text>> NamesAsync(string by, IReadOnlyList<int> keys, CancellationToken ct)
    {
        var ids = keys.Where(k => k >= 0).ToList();
        return by switch
        {
            "mediator" => await db.Mediators.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => Shared.Text.Literal(m.Name), ct),
            "type" => ids.ToDictionary(i => i, i => Shared.Words.Label((DisputeType)i)),
            _ => await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => Shared.Text.Literal(u.Name), ct),
        };
    }
}
