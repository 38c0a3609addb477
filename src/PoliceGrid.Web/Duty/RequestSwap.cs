using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Events;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Duty;

/// <summary>The person on duty asks to swap his entry with another of the same rota (换班申请); nothing changes until the head approves.</summary>
public sealed class RequestSwap(PoliceGridDb db, AuditTrail audit, TimeProvider clock)
{
    public sealed record Request(int? ShiftId, int? WithShiftId, string? Reason);

    /// <summary>Done: the request's id.</summary>
    public async Task<Result<int>> RunAsync(Viewer viewer, Request request)
    {
        var shift = request.ShiftId is { } a ? await db.DutyShifts.AsNoTracking().SingleOrDefaultAsync(s => s.Id == a) : null;
        var unit = shift is null ? null : await db.Units.AsNoTracking().SingleAsync(u => u.Id == shift.UnitId);
        if (shift is null || unit is null || !DutyRota.MayRead(unit, viewer))
            return Result.NotFound().As<int>();
        if (shift.AccountId != viewer.AccountId)
            return Result.Forbidden(new Text("Duty.OnlyThePersonOnDutyAsksToSwap")).As<int>();
        var with = request.WithShiftId is { } b ? await db.DutyShifts.AsNoTracking().SingleOrDefaultAsync(s => s.Id == b) : null;
        var reason = request.Reason?.Trim() ?? "";
        if (with is null || with.UnitId != shift.UnitId || with.Id == shift.Id || with.AccountId == shift.AccountId || reason.Length > 500
            || (with.Date == shift.Date && with.Period == shift.Period && with.Seat == shift.Seat))
            return Result.Invalid(new Text("Duty.ChooseAnotherEntryOfThisRota")).As<int>();
        if (await db.DutySwaps.AnyAsync(w => w.Status == DutySwapStatus.Pending && (w.ShiftId == shift.Id || w.WithShiftId == shift.Id)))
            return Result.Conflict(new Text("Duty.ASwapOfThisEntryIsAlreadyWaiting")).As<int>();
        var swap = new DutySwap
        {
            UnitId = unit.Id, ShiftId = shift.Id, WithShiftId = with.Id, AccountId = shift.AccountId, WithAccountId = with.AccountId,
            Status = DutySwapStatus.Pending, Reason = reason, RequestedById = viewer.AccountId, RequestedAt = ReportEvent.Now(clock),
        };
        db.DutySwaps.Add(swap);
        await db.SaveChangesAsync();
        audit.Add("duty-swap-request", "duty-swap", swap.Id.ToString(CultureInfo.InvariantCulture), detail: $"shift {shift.Id} with {with.Id}");
        await db.SaveChangesAsync();
        return swap.Id;
    }
}
