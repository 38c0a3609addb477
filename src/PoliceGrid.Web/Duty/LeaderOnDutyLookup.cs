using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Delivery;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Duty;

/// <summary>
/// The leader on duty (带班领导) to tell when a message is left unacknowledged: of the police station over the
/// recipient's unit (its police tree, or the station of the township the unit lies in), else of the command room
/// above; nobody when no rota names one for that shift.
/// </summary>
public sealed class LeaderOnDutyLookup(PoliceGridDb db, DutyRota rota) : IEscalationLeaders
{
    public async Task<IReadOnlyList<int>> LeadersForAsync(int recipientId, int recipientUnitId, DateTime utc, CancellationToken ct = default)
    {
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == recipientUnitId, ct);
        if (unit is null)
            return [];
        var paths = AccessPolicy.AncestorsOf(unit.Path).Append(unit.Path).ToList();
        var areas = AccessPolicy.AncestorsOf(unit.AreaPath).Append(unit.AreaPath).ToList();
        var rotas = await db.Units.AsNoTracking()
            .Where(u => (u.Kind == UnitKind.PoliceStation || u.Kind == UnitKind.PoliceBranch) && (paths.Contains(u.Path) || areas.Contains(u.AreaPath)))
            .Select(u => new { u.Id, u.Kind, u.AreaPath }).ToListAsync(ct);
        var (date, period) = rota.ShiftAt(utc);
        // The nearest rota first: a station before the command room, a deeper area before a wider one.
        foreach (var candidate in rotas.OrderBy(u => u.Kind == UnitKind.PoliceStation ? 0 : 1).ThenByDescending(u => u.AreaPath.Length))
        {
            var leaders = await (from s in db.DutyShifts.AsNoTracking()
                                 join a in db.Users on s.AccountId equals a.Id
                                 where s.UnitId == candidate.Id && s.Date == date && s.Period == period && s.Seat == DutySeat.LeaderOnDuty && a.DisabledAt == null
                                 select a.Id).ToListAsync(ct);
            if (leaders.Count > 0)
                return leaders;
        }
        return [];
    }
}
