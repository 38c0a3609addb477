using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Events;
using PoliceGrid.Web.Shared;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Duty;

/// <summary>
/// Demo mode only: the demo township's station and the county's command room get a rota for this week and the next,
/// from the named demo accounts and the generated staff, so after-hours police work has an officer on duty to go to.
/// </summary>
public sealed class DutyDemo(PoliceGridDb db, TimeProvider clock)
{
    public async Task RunAsync()
    {
        var station = await db.Units.AsNoTracking().SingleAsync(u => u.Code == "S" + DemoSeed.DemoTownship);
        var branch = await db.Units.AsNoTracking().SingleAsync(u => u.Id == station.ParentId);
        var named = await db.Users.AsNoTracking().Where(a => a.IsDemo).Select(a => new { a.Id, a.UserName, a.Role, a.UnitId }).ToListAsync();
        int Named(string userName) => named.Single(a => a.UserName == userName).Id;
        var stationPath = station.Path;
        // The officers and auxiliaries of the station's districts, generated ones after the named ones.
        var officers = await (from a in db.Users.AsNoTracking()
                              join u in db.Units on a.UnitId equals u.Id
                              where u.Path.StartsWith(stationPath) && (a.Role == Role.CommunityOfficer || a.Role == Role.AuxiliaryOfficer)
                              orderby a.PasswordHash == null, a.Id
                              select a.Id).Take(8).ToListAsync();
        var monday = DutyRota.MondayOf(ChinaTime.Today(clock));
        var now = ReportEvent.Now(clock);
        var dispatcher = Named("dispatcher");
        var head = Named("stationhead");
        var rows = new List<DutyShift>();
        void Add(Unit unit, DateOnly date, DutyPeriod period, DutySeat seat, int account) => rows.Add(new DutyShift
        {
            UnitId = unit.Id, Date = date, Period = period, Seat = seat, AccountId = account, CreatedById = head, CreatedByName = "demo", CreatedAt = now,
        });
        for (var day = 0; day < 14; day++)
        {
            var date = monday.AddDays(day);
            // 李警官 (officer) and 周辅警 (auxiliary) take turns at night with the generated officers; the head leads by day.
            Add(station, date, DutyPeriod.Day, DutySeat.OfficerOnDuty, officers[(day * 2) % officers.Count]);
            Add(station, date, DutyPeriod.Night, DutySeat.OfficerOnDuty, officers[(day * 2 + 1) % officers.Count]);
            Add(station, date, DutyPeriod.Day, DutySeat.LeaderOnDuty, head);
            Add(station, date, DutyPeriod.Night, DutySeat.LeaderOnDuty, head);
            Add(branch, date, DutyPeriod.Day, DutySeat.CommandSeat, dispatcher);
            Add(branch, date, DutyPeriod.Night, DutySeat.GridDispatchSeat, dispatcher);
        }
        db.DutyShifts.AddRange(rows);
        await db.SaveChangesAsync();
    }
}
