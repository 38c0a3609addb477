using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Register.Records;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Care;

/// <summary>Says once who sees a care case and how its clock runs; every query, use case and page asks here.</summary>
public static class CareRules
{
    /// <summary>The evidence radius: a location further from the address than this needs a reason.</summary>
    public const int NearMeters = 200;

    /// <summary>The cases a viewer may see: in her area, and police-only ones only for the police side.</summary>
    public static IQueryable<CareCase> Visible(IQueryable<CareCase> cases, Viewer viewer)
    {
        if (!viewer.Can(Capability.VisitCare))
            return cases.Where(c => false);
        if (!viewer.Can(Capability.SeePoliceDetail))
            cases = cases.Where(c => !c.Police);
        return AccessPolicy.InArea(cases, viewer, c => c.AreaPath);
    }

    public static bool CanSee(CareCase c, Viewer viewer) =>
        viewer.Can(Capability.VisitCare) && (!c.Police || viewer.Can(Capability.SeePoliceDetail)) && AccessPolicy.InArea(c.AreaPath, viewer);

    /// <summary>Contacts in the viewer's area, police-only ones for the police side only.</summary>
    public static IQueryable<CareVisit> Visible(IQueryable<CareVisit> visits, Viewer viewer)
    {
        if (!viewer.Can(Capability.VisitCare))
            return visits.Where(v => false);
        if (!viewer.Can(Capability.SeePoliceDetail))
            visits = visits.Where(v => !v.Police);
        return AccessPolicy.InArea(visits, viewer, v => v.AreaPath);
    }

    /// <summary>When a case is due: the last contact (or its opening) plus the plan's interval for its risk level; and the first escalation after that.</summary>
    public static void Schedule(CareCase c, CarePlan? plan)
    {
        if (plan is null)
        {
            c.DueAt = c.NextEscalationAt = null;
            return;
        }
        c.DueAt = (c.LastSeenAt ?? c.OpenedAt).AddHours(plan.IntervalFor(c.RiskLevel));
        c.NextEscalationAt = c.EscalationLevel < 3 ? c.DueAt.Value.AddHours(plan.AfterHours(c.EscalationLevel + 1)) : null;
    }

    /// <summary>A contact: the clock starts again and the escalation is over, if the plan counts this kind of contact.</summary>
    public static bool Seen(CareCase c, CarePlan? plan, DateTime at, SeenHow how)
    {
        if (plan is null || !plan.Counts(how) || c.LastSeenAt >= at)
            return false;
        c.LastSeenAt = at;
        c.LastSeenHow = how;
        c.EscalationLevel = 0;
        Schedule(c, plan);
        c.Version++;
        return true;
    }

    /// <summary>The plan for a group in a county: the county's own, else the default; inactive plans count as none.</summary>
    public static CarePlan? PlanFor(IReadOnlyList<CarePlan> plans, SpecialGroup group, int? countyId) =>
        plans.FirstOrDefault(p => p.Group == group && p.CountyId == countyId && countyId is not null)
            is { } own ? (own.Active ? own : null)
            : plans.FirstOrDefault(p => p.Group == group && p.CountyId is null && p.Active);

    public static Task<List<CarePlan>> PlansAsync(PoliceGridDb db, CancellationToken ct = default) => db.CarePlans.AsNoTracking().ToListAsync(ct);

    /// <summary>Distance in metres between two points (haversine; enough for "near the door").</summary>
    public static double Meters(double lon1, double lat1, double lon2, double lat2)
    {
        const double R = 6371000;
        static double Rad(double d) => d * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * R * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>A name as lists outside the case show it: the family name and a mask.</summary>
    public static string Masked(string name) => name.Length <= 1 ? name : name[0] + new string('*', Math.Min(2, name.Length - 1));

    /// <summary>Time as the database keeps it (microseconds), so a value read back equals the one written.</summary>
    public static DateTime Now(TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - now.Ticks % 10, DateTimeKind.Utc);
    }

    /// <summary>The end of today in China, UTC: who is due by then is on today's list.</summary>
    public static DateTime EndOfToday(TimeProvider clock)
    {
        var today = ChinaTime.Today(clock);
        return new DateTime(today.AddDays(1), TimeOnly.MinValue, DateTimeKind.Utc) - ChinaTime.Offset;
    }
}
