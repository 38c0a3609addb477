using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Events;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Duty;

/// <summary>
/// Copies the week before onto a week (复制上周): only into slots (day, shift, seat) that are still empty, so nothing a
/// head already planned is overwritten, and never a person twice on one shift. Answers how many entries it copied.
/// </summary>
public sealed class CopyLastWeek(PoliceGridDb db, AuditTrail audit, TimeProvider clock)
{
    public sealed record Request(int? UnitId, DateOnly? Week);

    public async Task<Result<int>> RunAsync(Viewer viewer, Request request)
    {
        var unit = request.UnitId is { } id ? await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id) : null;
        if (unit is null || !DutyRota.MayRead(unit, viewer))
            return Result.NotFound().As<int>();
        if (!DutyRota.MayKeep(unit, viewer))
            return Result.Forbidden(new Text("Duty.OnlyTheHeadKeepsTheRota")).As<int>();
        if (request.Week is not { } week)
            return Result.Invalid(new Text("Duty.ChooseAWeek")).As<int>();
        var monday = DutyRota.MondayOf(week);
        var (from, to) = (monday.AddDays(-7), monday.AddDays(6));
        var rows = await db.DutyShifts.AsNoTracking().Where(s => s.UnitId == unit.Id && s.Date >= from && s.Date <= to).ToListAsync();
        var target = rows.Where(s => s.Date >= monday).ToList();
        var filled = target.Select(s => (s.Date, s.Period, s.Seat)).ToHashSet();
        var busy = await db.DutyShifts.AsNoTracking().Where(s => s.Date >= monday && s.Date <= to).Select(s => new { s.AccountId, s.Date, s.Period }).ToListAsync();
        var onShift = busy.Select(b => (b.AccountId, b.Date, b.Period)).ToHashSet();
        var now = ReportEvent.Now(clock);
        var copied = new List<DutyShift>();
        foreach (var s in rows.Where(s => s.Date < monday).OrderBy(s => s.Date).ThenBy(s => s.Period).ThenBy(s => s.Seat).ThenBy(s => s.Id))
        {
            var date = s.Date.AddDays(7);
            if (filled.Contains((date, s.Period, s.Seat)) || !onShift.Add((s.AccountId, date, s.Period)))
                continue;
            copied.Add(new DutyShift
            {
                UnitId = unit.Id, Date = date, Period = s.Period, Seat = s.Seat, AccountId = s.AccountId, CreatedById = viewer.AccountId,
                CreatedByName = viewer.DisplayName, CreatedAt = now,
            });
        }
        db.DutyShifts.AddRange(copied);
        audit.Add("duty-copy", "unit", unit.Id.ToString(CultureInfo.InvariantCulture), detail: $"week {monday:yyyy-MM-dd} copied {copied.Count}");
        await db.SaveChangesAsync();
        return copied.Count;
    }
}
