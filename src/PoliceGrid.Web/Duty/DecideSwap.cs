using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Events;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Duty;

/// <summary>The head of the unit approves a swap (the two entries exchange their people) or refuses it.</summary>
public sealed class DecideSwap(PoliceGridDb db, AuditTrail audit, TimeProvider clock)
{
    public async Task<Result> RunAsync(Viewer viewer, int swapId, bool approve)
    {
        var swap = await db.DutySwaps.SingleOrDefaultAsync(w => w.Id == swapId);
        var unit = swap is null ? null : await db.Units.AsNoTracking().SingleAsync(u => u.Id == swap.UnitId);
        if (swap is null || unit is null || !DutyRota.MayRead(unit, viewer))
            return Result.NotFound();
        if (!DutyRota.MayKeep(unit, viewer))
            return Result.Forbidden(new Text("Duty.OnlyTheHeadDecidesASwap"));
        if (swap.Status != DutySwapStatus.Pending)
            return Result.Conflict(new Text("Duty.ThisSwapHasBeenDecided"));
        if (approve)
        {
            var shift = await db.DutyShifts.SingleAsync(s => s.Id == swap.ShiftId);
            var with = await db.DutyShifts.SingleAsync(s => s.Id == swap.WithShiftId);
            if (shift.AccountId != swap.AccountId || with.AccountId != swap.WithAccountId)
                return Result.Conflict(new Text("Duty.TheRotaChangedSinceTheRequest"));
            var clash = await db.DutyShifts.AnyAsync(s =>
                (s.Id != shift.Id && s.Id != with.Id)
                && ((s.AccountId == with.AccountId && s.Date == shift.Date && s.Period == shift.Period)
                    || (s.AccountId == shift.AccountId && s.Date == with.Date && s.Period == with.Period)));
            if (clash)
                return Result.Conflict(new Text("Duty.ThisPersonIsAlreadyOnThisShift"));
            (shift.AccountId, with.AccountId) = (with.AccountId, shift.AccountId);
        }
        (swap.Status, swap.DecidedById, swap.DecidedByName, swap.DecidedAt) =
            (approve ? DutySwapStatus.Approved : DutySwapStatus.Refused, viewer.AccountId, viewer.DisplayName, ReportEvent.Now(clock));
        audit.Add(approve ? "duty-swap-approve" : "duty-swap-refuse", "duty-swap", swapId.ToString(CultureInfo.InvariantCulture));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Exchanging the people of two entries of the same slot and seat collides on the unique index for a moment.
            return Result.Conflict(new Text("Duty.TheRotaChangedSinceTheRequest"));
        }
        return Result.Done;
    }
}
