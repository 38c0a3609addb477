using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Duty;

/// <summary>Takes a person off a shift; open swap requests on that entry go with it.</summary>
public sealed class RemoveDuty(PoliceGridDb db, AuditTrail audit)
{
    public async Task<Result> RunAsync(Viewer viewer, int shiftId)
    {
        var shift = await db.DutyShifts.SingleOrDefaultAsync(s => s.Id == shiftId);
        var unit = shift is null ? null : await db.Units.AsNoTracking().SingleAsync(u => u.Id == shift.UnitId);
        if (shift is null || unit is null || !DutyRota.MayRead(unit, viewer))
            return Result.NotFound();
        if (!DutyRota.MayKeep(unit, viewer))
            return Result.Forbidden(new Text("Duty.OnlyTheHeadKeepsTheRota"));
        db.DutySwaps.RemoveRange(await db.DutySwaps.Where(w => w.ShiftId == shiftId || w.WithShiftId == shiftId).ToListAsync());
        db.DutyShifts.Remove(shift);
        audit.Add("duty-remove", "duty-shift", shiftId.ToString(CultureInfo.InvariantCulture),
            detail: $"unit {unit.Id} {shift.Date:yyyy-MM-dd} {shift.Period} {shift.Seat} account {shift.AccountId}");
        await db.SaveChangesAsync();
        return Result.Done;
    }
}
