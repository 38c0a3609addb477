using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Events;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Duty;

/// <summary>Writes the hand-over note (交接班记录) of a shift: someone on that shift, or the head of the unit.</summary>
public sealed class WriteHandover(PoliceGridDb db, AuditTrail audit, TimeProvider clock)
{
    public sealed record Request(int? UnitId, DateOnly? Date, DutyPeriod? Period, string? Note);

    public async Task<Result> RunAsync(Viewer viewer, Request request)
    {
        var unit = request.UnitId is { } id ? await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id) : null;
        if (unit is null || !DutyRota.MayRead(unit, viewer))
            return Result.NotFound();
        var note = request.Note?.Trim() ?? "";
        if (request.Date is not { } date || request.Period is not { } period || !Enum.IsDefined(period) || note.Length is 0 or > 2000)
            return Result.Invalid(new Text("Duty.WriteAHandoverNoteOf1To2000"));
        var onShift = await db.DutyShifts.AnyAsync(s => s.UnitId == unit.Id && s.Date == date && s.Period == period && s.AccountId == viewer.AccountId);
        if (!onShift && !DutyRota.MayKeep(unit, viewer))
            return Result.Forbidden(new Text("Duty.OnlyThePeopleOnTheShiftWriteItsNote"));
        var handover = await db.DutyHandovers.SingleOrDefaultAsync(h => h.UnitId == unit.Id && h.Date == date && h.Period == period);
        if (handover is null)
            db.DutyHandovers.Add(handover = new DutyHandover { UnitId = unit.Id, Date = date, Period = period, Note = note, WrittenByName = viewer.DisplayName });
        (handover.Note, handover.WrittenById, handover.WrittenByName, handover.WrittenAt) = (note, viewer.AccountId, viewer.DisplayName, ReportEvent.Now(clock));
        audit.Add("duty-handover", "unit", unit.Id.ToString(CultureInfo.InvariantCulture), detail: $"{date:yyyy-MM-dd} {period}");
        await db.SaveChangesAsync();
        return Result.Done;
    }
}
