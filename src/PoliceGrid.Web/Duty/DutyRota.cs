using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Events;
using PoliceGrid.Web.Shared;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Duty;

/// <summary>
/// Reads the duty rota: a unit's week, who is on duty now, the staff who may be put on it; answers routing's question
/// (<see cref="IOnDutyLookup"/>). Also says once who may read and who may keep a unit's rota.
/// </summary>
public sealed class DutyRota(PoliceGridDb db, IOptions<DutyOptions> options, TimeProvider clock) : IOnDutyLookup
{
    public sealed record Entry(int Id, DateOnly Date, DutyPeriod Period, DutySeat Seat, int AccountId, string Name, bool Mine);

    public sealed record Handover(DateOnly Date, DutyPeriod Period, string Note, string WrittenByName, DateTime WrittenAt);

    public sealed record Swap(int Id, int ShiftId, int WithShiftId, string Name, string WithName, DateOnly Date, DutyPeriod Period,
        DateOnly WithDate, DutyPeriod WithPeriod, string Reason, DutySwapStatus Status, DateTime RequestedAt);

    public sealed record Person(int Id, string Name, string UnitName);

    public sealed record Week(int UnitId, string UnitName, UnitKind UnitKind, DateOnly Monday, IReadOnlyList<DutySeat> Seats, IReadOnlyList<Entry> Entries,
        IReadOnlyList<Handover> Handovers, IReadOnlyList<Swap> Swaps, bool CanKeep);

    public sealed record Now(int UnitId, string UnitName, DateOnly Date, DutyPeriod Period, IReadOnlyList<Entry> Entries, Handover? LastHandover);

    /// <summary>The seats a unit's rota has: a station's officer and leader; the command room's four.</summary>
    public static IReadOnlyList<DutySeat> SeatsOf(UnitKind kind) => kind == UnitKind.PoliceBranch
        ? [DutySeat.LeaderOnDuty, DutySeat.CommandSeat, DutySeat.GridDispatchSeat, DutySeat.OfficerOnDuty]
        : [DutySeat.OfficerOnDuty, DutySeat.LeaderOnDuty];

    public static bool KeepsARota(Unit unit) => unit.Kind is UnitKind.PoliceStation or UnitKind.PoliceBranch;

    /// <summary>Read: one's own unit, the station or branch above it in the police tree, or a unit inside one's scope.</summary>
    public static bool MayRead(Unit unit, Viewer viewer) =>
        viewer.Can(Capability.ReadDutyRota) && KeepsARota(unit)
        && (unit.Id == viewer.Unit.Id || viewer.Unit.Path.StartsWith(unit.Path, StringComparison.Ordinal) || AccessPolicy.Covers(unit, viewer));

    /// <summary>Keep (assign, remove, copy, decide swaps): one's own unit or one inside one's scope.</summary>
    public static bool MayKeep(Unit unit, Viewer viewer) =>
        viewer.Can(Capability.KeepDutyRota) && KeepsARota(unit) && (unit.Id == viewer.Unit.Id || AccessPolicy.Covers(unit, viewer));

    /// <summary>The Monday of the week a date falls in.</summary>
    public static DateOnly MondayOf(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    /// <summary>The shift covering a moment: before the day shift begins, it is still the night shift of the day before.</summary>
    public (DateOnly Date, DutyPeriod Period) ShiftAt(DateTime utc)
    {
        var local = utc + ChinaTime.Offset;
        var date = DateOnly.FromDateTime(local);
        var time = TimeOnly.FromDateTime(local);
        var o = options.Value;
        return time < o.DayStarts ? (date.AddDays(-1), DutyPeriod.Night) : time < o.NightStarts ? (date, DutyPeriod.Day) : (date, DutyPeriod.Night);
    }

    public DateOnly Today => ChinaTime.Today(clock);

    public async Task<Unit?> UnitAsync(int unitId, CancellationToken ct = default) =>
        await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId, ct);

    /// <summary>The rota a viewer opens first: her own station or command room, the station above her district, or her township's station.</summary>
    public async Task<Unit?> DefaultUnitAsync(Viewer viewer)
    {
        if (KeepsARota(viewer.Unit))
            return viewer.Unit;
        var path = viewer.Unit.Path;
        var prefixes = AccessPolicy.AncestorsOf(path).Append(path).ToList();
        var above = await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.PoliceStation && prefixes.Contains(u.Path)).FirstOrDefaultAsync();
        return above ?? await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.PoliceStation && u.AreaPath == viewer.Unit.AreaPath).OrderBy(u => u.Code).FirstOrDefaultAsync();
    }

    /// <summary>The rota units a viewer may open, for the page's unit picker (at most 50).</summary>
    public async Task<IReadOnlyList<Unit>> UnitsFor(Viewer viewer)
    {
        var candidates = await AccessPolicy.Visible(db.Units.AsNoTracking(), viewer)
            .Where(u => u.Kind == UnitKind.PoliceStation || u.Kind == UnitKind.PoliceBranch).OrderBy(u => u.Path).Take(200).ToListAsync();
        return candidates.Where(u => MayRead(u, viewer)).Take(50).ToList();
    }

    /// <summary>The week of a unit's rota; null when the viewer may not read it (the caller answers not found).</summary>
    public async Task<Week?> WeekAsync(Viewer viewer, Unit unit, DateOnly anyDay)
    {
        if (!MayRead(unit, viewer))
            return null;
        var monday = MondayOf(anyDay);
        var sunday = monday.AddDays(6);
        var me = viewer.AccountId;
        var entries = await (from s in db.DutyShifts.AsNoTracking()
                             join a in db.Users on s.AccountId equals a.Id
                             where s.UnitId == unit.Id && s.Date >= monday && s.Date <= sunday
                             orderby s.Date, s.Period, s.Seat, a.DisplayName
                             select new Entry(s.Id, s.Date, s.Period, s.Seat, s.AccountId, a.DisplayName, s.AccountId == me)).ToListAsync();
        var handovers = await db.DutyHandovers.AsNoTracking().Where(h => h.UnitId == unit.Id && h.Date >= monday && h.Date <= sunday)
            .OrderBy(h => h.Date).ThenBy(h => h.Period).Select(h => new Handover(h.Date, h.Period, h.Note, h.WrittenByName, h.WrittenAt)).ToListAsync();
        var swaps = await SwapsAsync(unit.Id, monday, sunday);
        return new Week(unit.Id, unit.Name, unit.Kind, monday, SeatsOf(unit.Kind), entries, handovers, swaps, MayKeep(unit, viewer));
    }

    async Task<List<Swap>> SwapsAsync(int unitId, DateOnly monday, DateOnly sunday) =>
        await (from w in db.DutySwaps.AsNoTracking()
               join s in db.DutyShifts on w.ShiftId equals s.Id
               join t in db.DutyShifts on w.WithShiftId equals t.Id
               join a in db.Users on w.AccountId equals a.Id
               join b in db.Users on w.WithAccountId equals b.Id
               where w.UnitId == unitId && w.Status == DutySwapStatus.Pending
                     && ((s.Date >= monday && s.Date <= sunday) || (t.Date >= monday && t.Date <= sunday))
               orderby w.RequestedAt
               select new Swap(w.Id, w.ShiftId, w.WithShiftId, a.DisplayName, b.DisplayName, s.Date, s.Period, t.Date, t.Period, w.Reason, w.Status, w.RequestedAt))
            .ToListAsync();

    /// <summary>Who is on duty now at the rota units the viewer keeps or serves (her own, and the stations in her scope), with the last hand-over note.</summary>
    public async Task<IReadOnlyList<Now>> NowAsync(Viewer viewer, int take = 12)
    {
        var units = (await UnitsFor(viewer)).OrderBy(u => u.Id == viewer.Unit.Id ? 0 : 1).ThenBy(u => u.Path).Take(take).ToList();
        if (units.Count == 0)
            return [];
        var (date, period) = ShiftAt(ReportEvent.Now(clock));
        var ids = units.Select(u => u.Id).ToList();
        var me = viewer.AccountId;
        var entries = await (from s in db.DutyShifts.AsNoTracking()
                             join a in db.Users on s.AccountId equals a.Id
                             where ids.Contains(s.UnitId) && s.Date == date && s.Period == period
                             orderby s.Seat, a.DisplayName
                             select new { s.UnitId, Entry = new Entry(s.Id, s.Date, s.Period, s.Seat, s.AccountId, a.DisplayName, s.AccountId == me) }).ToListAsync();
        var since = date.AddDays(-14);
        var notes = (await db.DutyHandovers.AsNoTracking().Where(h => ids.Contains(h.UnitId) && h.Date >= since && h.Date <= date).ToListAsync())
            .OrderByDescending(h => h.Date).ThenByDescending(h => h.Period).ToList();
        return units.Select(u => new Now(u.Id, u.Name, date, period, entries.Where(e => e.UnitId == u.Id).Select(e => e.Entry).ToList(),
            notes.Where(h => h.UnitId == u.Id).Select(h => new Handover(h.Date, h.Period, h.Note, h.WrittenByName, h.WrittenAt)).FirstOrDefault())).ToList();
    }

    /// <summary>The staff who may be put on a unit's rota: the people of the unit and of the units below it, signed in or not.</summary>
    public async Task<IReadOnlyList<Person>> StaffOfAsync(Unit unit, int take = 500) =>
        await (from a in db.Users.AsNoTracking()
               join u in db.Units on a.UnitId equals u.Id
               where u.Path.StartsWith(unit.Path) && a.DisabledAt == null
               orderby u.Path, a.DisplayName
               select new Person(a.Id, a.DisplayName, u.Name)).Take(take).ToListAsync();

    public async Task<OnDutyOfficer?> OfficerOnDutyAsync(int stationId, DateTime utc, CancellationToken ct = default)
    {
        var (date, period) = ShiftAt(utc);
        return await (from s in db.DutyShifts.AsNoTracking()
                      join a in db.Users on s.AccountId equals a.Id
                      where s.UnitId == stationId && s.Date == date && s.Period == period && s.Seat == DutySeat.OfficerOnDuty && a.DisabledAt == null
                      orderby s.Id
                      select new OnDutyOfficer(a.Id, a.DisplayName)).FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<int>> PartnersOnDutyAsync(int accountId, DateTime utc, CancellationToken ct = default)
    {
        var (date, period) = ShiftAt(utc);
        var mine = db.DutyShifts.Where(s => s.AccountId == accountId && s.Date == date && s.Period == period && s.Seat == DutySeat.OfficerOnDuty).Select(s => s.UnitId);
        return await (from s in db.DutyShifts.AsNoTracking()
                      join a in db.Users on s.AccountId equals a.Id
                      where mine.Contains(s.UnitId) && s.Date == date && s.Period == period && s.Seat == DutySeat.OfficerOnDuty && s.AccountId != accountId && a.DisabledAt == null
                      select s.AccountId).Distinct().ToListAsync(ct);
    }
}
