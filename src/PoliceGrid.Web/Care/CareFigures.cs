using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Register.Records;
using PoliceGrid.Web.Shared;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Care;

/// <summary>
/// Care figures of the viewer's area (police-only people for the police side only), by grid, village, township or
/// group: under care, seen on time (见面率: not overdue now), overdue now and the longest overdue, contacts of the last
/// 30 days by how, people with no responsible team or no plan. Counts of facts, never of logins or taps.
/// </summary>
public sealed class CareFigures(PoliceGridDb db, UnitLocator locator, TimeProvider clock)
{
    public enum By { Grid, Village, Township, Group }

    public sealed record Row(string Key, string Name, int UnderCare, int OnTime, double OnTimeRate, int Overdue, double LongestOverdueHours,
        IReadOnlyDictionary<SeenHow, int> VisitsByHow, int NoTeam, int NoPlan);

    public sealed record Person(int CaseId, string MaskedName, SpecialGroup Group, DateTime? DueAt, bool Overdue);

    public async Task<IReadOnlyList<Row>> ByAsync(Viewer viewer, By by, CancellationToken ct = default)
    {
        var now = CareRules.Now(clock);
        var cases = await CareRules.Visible(db.CareCases.AsNoTracking(), viewer).Where(c => c.ClosedAt == null)
            .Select(c => new { c.GridId, c.Group, c.DueAt }).ToListAsync(ct);
        var since = now.AddDays(-30);
        var visits = await (from v in CareRules.Visible(db.CareVisits.AsNoTracking(), viewer)
                            join r in db.Set<Resident>() on v.ResidentId equals r.Id
                            where v.At >= since && v.Outcome != CareOutcome.NoAnswer
                            group v by new { r.GridId, v.How } into g
                            select new { g.Key.GridId, g.Key.How, Count = g.Count() }).ToListAsync(ct);
        var grids = cases.Select(c => c.GridId).Distinct().ToList();
        var withTeam = (await db.GridResponsibilities.AsNoTracking().Where(r => r.EndedAt == null && grids.Contains(r.GridId)).Select(r => r.GridId).ToListAsync(ct)).ToHashSet();
        (string Key, string Name) KeyOf(int gridId, SpecialGroup group)
        {
            if (by == By.Group)
                return (group.ToString(), Words.Label(group).In(System.Globalization.CultureInfo.CurrentUICulture));
            var chain = locator.ChainOf(gridId);
            var link = by switch { By.Village => chain?.Village, By.Township => chain?.Township, _ => chain?.Grid };
            return link is null ? ("-", "-") : (link.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), link.Name);
        }
        var rows = cases.GroupBy(c => KeyOf(c.GridId, c.Group)).Select(g =>
        {
            var overdue = g.Where(c => c.DueAt < now).ToList();
            var onTime = g.Count(c => c.DueAt >= now);
            HashSet<int> ofGroup = by == By.Group ? [] : g.Select(c => c.GridId).ToHashSet();
            var byHow = visits.Where(v => by == By.Group || ofGroup.Contains(v.GridId)).GroupBy(v => v.How).ToDictionary(x => x.Key, x => x.Sum(v => v.Count));
            return new Row(g.Key.Key, g.Key.Name, g.Count(), onTime, Math.Round(100.0 * onTime / g.Count(), 1), overdue.Count,
                overdue.Count == 0 ? 0 : Math.Round((now - overdue.Min(c => c.DueAt!.Value)).TotalHours, 1), byHow,
                g.Count(c => !withTeam.Contains(c.GridId)), g.Count(c => c.DueAt is null));
        });
        return rows.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>The people behind one row (masked names), most overdue first, at most 200.</summary>
    public async Task<IReadOnlyList<Person>> PeopleAsync(Viewer viewer, By by, string key, CancellationToken ct = default)
    {
        var now = CareRules.Now(clock);
        var cases = CareRules.Visible(db.CareCases.AsNoTracking(), viewer).Where(c => c.ClosedAt == null);
        if (by == By.Group)
            cases = Enum.TryParse<SpecialGroup>(key, out var group) ? cases.Where(c => c.Group == group) : cases.Where(c => false);
        else if (int.TryParse(key, System.Globalization.CultureInfo.InvariantCulture, out var unitId))
        {
            var path = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Path).SingleOrDefaultAsync(ct) ?? "\u0001";
            cases = cases.Where(c => c.AreaPath.StartsWith(path));
        }
        var rows = await (from c in cases
                          join r in db.Set<Resident>() on c.ResidentId equals r.Id
                          orderby c.DueAt
                          select new { c.Id, r.Name, c.Group, c.DueAt }).Take(200).ToListAsync(ct);
        return rows.Select(r => new Person(r.Id, CareRules.Masked(r.Name), r.Group, r.DueAt, r.DueAt < now)).ToList();
    }
}
