using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Care;

/// <summary>
/// Answers <see cref="IPersonSeen"/>: a contact another feature saw (an event naming the person, a register change
/// checked at her door, a mediation session) is kept once as a visit from that source and resets the clock of every
/// open case whose plan counts that kind of contact. Nothing is entered twice: the same source is kept once.
/// </summary>
public sealed class CareClock(PoliceGridDb db) : IPersonSeen
{
    public async Task SeenAsync(int residentId, DateTime seenAt, SeenHow how, string source, int? byAccountId = null, CancellationToken ct = default)
    {
        var cases = await db.CareCases.Where(c => c.ResidentId == residentId && c.ClosedAt == null).ToListAsync(ct);
        if (cases.Count == 0 || await db.CareVisits.AnyAsync(v => v.ResidentId == residentId && v.Source == source, ct))
            return;
        var plans = await CareRules.PlansAsync(db, ct);
        var counted = false;
        foreach (var c in cases)
            counted |= CareRules.Seen(c, CareRules.PlanFor(plans, c.Group, c.CountyId), seenAt, how);
        if (!counted)
            return;
        db.CareVisits.Add(new CareVisit
        {
            ResidentId = residentId, AreaPath = cases[0].AreaPath, Police = cases.All(c => c.Police), At = seenAt, ById = byAccountId, How = how,
            Outcome = CareOutcome.Good, Source = source.Length > 60 ? source[..60] : source,
        });
    }
}
