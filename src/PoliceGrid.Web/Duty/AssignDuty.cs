using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Events;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Duty;

/// <summary>Puts a person in a seat of a shift (排班). The person must belong to the unit or a unit below it.</summary>
public sealed class AssignDuty(PoliceGridDb db, AuditTrail audit, TimeProvider clock)
{
    public sealed record Request(int? UnitId, DateOnly? Date, DutyPeriod? Period, DutySeat? Seat, int? AccountId);

    /// <summary>Done: the new entry's id.</summary>
    public async Task<Result<int>> RunAsync(Viewer viewer, Request request)
    {
        var unit = request.UnitId is { } id ? await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id) : null;
        if (unit is null || !DutyRota.MayRead(unit, viewer))
            return Result.NotFound().As<int>();
        if (!DutyRota.MayKeep(unit, viewer))
            return Result.Forbidden(new Text("Duty.OnlyTheHeadKeepsTheRota")).As<int>();
        if (request.Date is not { } date || request.Period is not { } period || !Enum.IsDefined(period)
            || request.Seat is not { } seat || !DutyRota.SeatsOf(unit.Kind).Contains(seat))
            return Result.Invalid(new Text("Duty.ChooseADayAShiftAndASeat")).As<int>();
        var person = request.AccountId is { } pid
            ? await (from a in db.Users.AsNoTracking() join u in db.Units on a.UnitId equals u.Id where a.Id == pid select new { a.Id, a.DisabledAt, u.Path }).SingleOrDefaultAsync()
            : null;
        if (person is null || person.DisabledAt is not null || !person.Path.StartsWith(unit.Path, StringComparison.Ordinal))
            return Result.Invalid(new Text("Duty.ThePersonMustBelongToTheUnit"), [new FieldProblem("accountId", new Text("Duty.ThePersonMustBelongToTheUnit"))]).As<int>();
        if (await db.DutyShifts.AnyAsync(s => s.AccountId == person.Id && s.Date == date && s.Period == period))
            return Result.Conflict(new Text("Duty.ThisPersonIsAlreadyOnThisShift")).As<int>();

        var shift = new DutyShift
        {
            UnitId = unit.Id, Date = date, Period = period, Seat = seat, AccountId = person.Id, CreatedById = viewer.AccountId,
            CreatedByName = viewer.DisplayName, CreatedAt = ReportEvent.Now(clock),
        };
        db.DutyShifts.Add(shift);
        await db.SaveChangesAsync();
        audit.Add("duty-assign", "duty-shift", shift.Id.ToString(CultureInfo.InvariantCulture),
            detail: $"unit {unit.Id} {date:yyyy-MM-dd} {period} {seat} account {person.Id}");
        await db.SaveChangesAsync();
        return shift.Id;
    }
}
