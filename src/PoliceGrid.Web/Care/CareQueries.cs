using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Register.Records;
using PoliceGrid.Web.Shared;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Care;

/// <summary>What the care pages and API read: the day's list, one person's case, the plans.</summary>
public sealed class CareQueries(PoliceGridDb db, TimeProvider clock)
{
    public sealed record Due(int CaseId, int ResidentId, string Name, SpecialGroup Group, int RiskLevel, string Address, double Lon, double Lat, DateTime DueAt,
        bool Overdue, int EscalationLevel, string? LastNote, DateTime? LastSeenAt, int? Meters, bool AsksLocation, bool AsksPhoto);

    public sealed record Visit(int Id, DateTime At, string? ByName, SeenHow How, CareOutcome Outcome, string Source, string? Condition, string? Needs, string? RiskSigns,
        int? DistanceMeters, string? Reason, int? EventId, bool HasPhoto);

    public sealed record Risk(int FromLevel, int ToLevel, string Reason, string ByName, DateTime At);

    public sealed record Details(CareCase Case, string Name, string Address, string GridName, string? TeamName, CarePlan? Plan, IReadOnlyList<Visit> Visits,
        IReadOnlyList<Risk> RiskHistory);

    /// <summary>
    /// Who is due or overdue today in the viewer's grids (police-only people for the police side only): nearest first
    /// from where she stands when the phone gives its location, else most overdue first. At most 300.
    /// </summary>
    public async Task<IReadOnlyList<Due>> TodayAsync(Viewer viewer, double? lon = null, double? lat = null, CancellationToken ct = default)
    {
        var now = CareRules.Now(clock);
        var end = CareRules.EndOfToday(clock);
        var plans = await CareRules.PlansAsync(db, ct);
        var rows = await (from c in CareRules.Visible(db.CareCases.AsNoTracking(), viewer)
                          join r in db.Set<Resident>() on c.ResidentId equals r.Id
                          join a in db.Set<StandardAddress>() on r.AddressId equals a.Id
                          where c.ClosedAt == null && c.DueAt != null && c.DueAt < end
                          orderby c.DueAt
                          select new { c.Id, c.ResidentId, r.Name, c.Group, c.CountyId, c.RiskLevel, a.Canonical, a.Longitude, a.Latitude, c.DueAt, c.EscalationLevel, c.LastNote, c.LastSeenAt })
            .Take(300).ToListAsync(ct);
        var due = rows.Select(x =>
        {
            var plan = CareRules.PlanFor(plans, x.Group, x.CountyId);
            int? meters = lon is { } o && lat is { } a ? (int)Math.Round(CareRules.Meters(o, a, x.Longitude, x.Latitude)) : null;
            return new Due(x.Id, x.ResidentId, x.Name, x.Group, x.RiskLevel, x.Canonical, x.Longitude, x.Latitude, x.DueAt!.Value, x.DueAt < now, x.EscalationLevel, x.LastNote,
                x.LastSeenAt, meters, plan?.AsksLocation ?? false, plan?.AsksPhoto ?? false);
        });
        return (lon is null ? due : due.OrderBy(d => d.Meters)).ToList();
    }

    /// <summary>How many people are due or overdue today in the viewer's grids (the home page's count).</summary>
    public async Task<int> CountTodayAsync(Viewer viewer, CancellationToken ct = default)
    {
        var end = CareRules.EndOfToday(clock);
        return await CareRules.Visible(db.CareCases.AsNoTracking(), viewer).CountAsync(c => c.ClosedAt == null && c.DueAt != null && c.DueAt < end, ct);
    }

    /// <summary>How many people are overdue now in the viewer's area, and how many of them were escalated (the board's count).</summary>
    public async Task<(int Overdue, int Escalated)> OverdueAsync(Viewer viewer, CancellationToken ct = default)
    {
        var now = CareRules.Now(clock);
        var overdue = CareRules.Visible(db.CareCases.AsNoTracking(), viewer).Where(c => c.ClosedAt == null && c.DueAt != null && c.DueAt < now);
        return (await overdue.CountAsync(ct), await overdue.CountAsync(c => c.EscalationLevel > 0, ct));
    }

    /// <summary>One case with its person, plan, visits and risk history; null when the viewer may not see it.</summary>
    public async Task<Details?> DetailsAsync(Viewer viewer, int caseId, CancellationToken ct = default)
    {
        var c = await db.CareCases.AsNoTracking().SingleOrDefaultAsync(x => x.Id == caseId, ct);
        if (c is null || !CareRules.CanSee(c, viewer))
            return null;
        var person = await (from r in db.Set<Resident>().AsNoTracking()
                            join a in db.Set<StandardAddress>() on r.AddressId equals a.Id
                            join g in db.Units on r.GridId equals g.Id
                            where r.Id == c.ResidentId
                            select new { r.Name, a.Canonical, Grid = g.Name }).SingleAsync(ct);
        var team = await (from g in db.GridResponsibilities.AsNoTracking()
                          join t in db.Teams on g.TeamId equals t.Id
                          where g.GridId == c.GridId && g.EndedAt == null
                          select t.Name).FirstOrDefaultAsync(ct);
        var visits = await (from v in CareRules.Visible(db.CareVisits.AsNoTracking(), viewer)
                            join a in db.Users on v.ById equals (int?)a.Id into authors
                            from a in authors.DefaultIfEmpty()
                            where v.ResidentId == c.ResidentId
                            orderby v.At descending
                            select new Visit(v.Id, v.At, a == null ? null : a.DisplayName, v.How, v.Outcome, v.Source, v.Condition, v.Needs, v.RiskSigns, v.DistanceMeters,
                                v.LocationReason, v.EventId, v.Photo != null)).Take(50).ToListAsync(ct);
        var risks = await (from r in db.CareRiskChanges.AsNoTracking()
                           join a in db.Users on r.ById equals a.Id
                           where r.CaseId == c.Id
                           orderby r.At descending
                           select new Risk(r.FromLevel, r.ToLevel, r.Reason, a.DisplayName, r.At)).ToListAsync(ct);
        return new Details(c, person.Name, person.Canonical, person.Grid, team, CareRules.PlanFor(await CareRules.PlansAsync(db, ct), c.Group, c.CountyId), visits, risks);
    }

    /// <summary>The plans a viewer may read: the defaults and the own plans of counties she sees; police-only groups for the police side and administrators.</summary>
    public async Task<IReadOnlyList<CarePlan>> PlansAsync(Viewer viewer, CancellationToken ct = default)
    {
        var plans = await db.CarePlans.AsNoTracking().OrderBy(p => p.Group).ThenBy(p => p.CountyId).ToListAsync(ct);
        var police = viewer.Can(Capability.SeePoliceDetail) || viewer.Role.IsAdministrator();
        return plans.Where(p => police || !p.PoliceOnly).ToList();
    }

    /// <summary>The counties a viewer may give their own plans.</summary>
    public async Task<IReadOnlyList<Unit>> CountiesAsync(Viewer viewer, CancellationToken ct = default) =>
        (await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.County).OrderBy(u => u.Code).ToListAsync(ct)).Where(u => AccessPolicy.Covers(u, viewer)).ToList();
}
