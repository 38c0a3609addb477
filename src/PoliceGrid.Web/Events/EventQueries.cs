using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Events;

/// <summary>What the event pages, the task list and the board read; everything goes through <see cref="AccessPolicy"/>.</summary>
public sealed class EventQueries(PoliceGridDb db, AuditTrail audit, TimeProvider clock)
{
    public sealed record EventRow(int Id, string Number, EventStatus Status, string StatusZh, string StatusEn, bool Restricted,
        string? CategoryZh, string? CategoryEn, string? Title, DateTime ReportedAt, DateTime? StepDueAt, bool Overdue,
        int EscalationLevel, HandlerSide HandlerSide, string? HandlerUnitName, string? GridName, double? Lon, double? Lat, bool IsPolice, int Version);

    public sealed record Details(Event Event, EventView View, IReadOnlyList<EventAction> Actions, string? GridName, string? HandlerUnitName,
        string? HandlerAccountName, IReadOnlyList<(int Id, Text Name)> DispatchUnits, IReadOnlyList<(int Id, string Name, int UnitId)> DispatchPeople);

    sealed record RawRow(int Id, EventStatus Status, bool Confidential, int? ReporterAccountId, string? CategoryZh, string? CategoryEn,
        string Title, DateTime ReportedAt, DateTime? StepDueAt, int EscalationLevel, HandlerSide HandlerSide, string? HandlerUnitName,
        string? GridName, double? Lon, double? Lat, bool IsPolice, int Version);

    public DateTime Now => ReportEvent.Now(clock);

    IQueryable<RawRow> Raw(IQueryable<Event> events) =>
        from e in events
        join c in db.EventCategories on e.CategoryId equals c.Id
        select new RawRow(e.Id, e.Status, e.IsConfidential, e.ReporterAccountId, c.Name, c.NameEn, e.Title, e.ReportedAt, e.StepDueAt,
            e.EscalationLevel, e.HandlerSide, db.Units.Where(u => u.Id == e.HandlerUnitId).Select(u => u.Name).FirstOrDefault(),
            db.Units.Where(u => u.Id == e.GridId).Select(u => u.Name).FirstOrDefault(), e.Lon, e.Lat, c.IsPolice, e.Version);

    IReadOnlyList<EventRow> Rows(IEnumerable<RawRow> raw, Viewer viewer)
    {
        var now = Now;
        var police = viewer.Can(Capability.SeePoliceDetail);
        return raw.Select(r =>
        {
            var restricted = r.Confidential && !police;
            var (zh, en) = restricted ? r.Status.Neutral() : r.Status.Label();
            return restricted
                ? new EventRow(r.Id, EventLabels.Number(r.Id), r.Status, zh, en, true, null, null, null, r.ReportedAt, null, false, 0, HandlerSide.None, null, null, null, null, false, r.Version)
                : new EventRow(r.Id, EventLabels.Number(r.Id), r.Status, zh, en, false, r.CategoryZh, r.CategoryEn, r.Title, r.ReportedAt, r.StepDueAt,
                    r.Status.IsOpen() && r.StepDueAt < now, r.EscalationLevel, r.HandlerSide, r.HandlerUnitName, r.GridName, r.Lon, r.Lat, r.IsPolice, r.Version);
        }).ToList();
    }

    /// <summary>Events the viewer should act on now: assigned to her, or to her unit while no one took them; for
    /// supervisors also handled events waiting to be verified and events escalated to their level.</summary>
    public async Task<IReadOnlyList<EventRow>> TasksAsync(Viewer viewer, int take = 100)
    {
        var me = viewer.AccountId;
        var unit = viewer.Unit.Id;
        var side = viewer.Role switch
        {
            Role.GridWorker or Role.GridChief or Role.MicroGridWorker => HandlerSide.Grid,
            Role.CommunityOfficer or Role.AuxiliaryOfficer or Role.PoliceAssistant => HandlerSide.Police,
            Role.DepartmentOfficer => HandlerSide.Department,
            _ => HandlerSide.None,
        };
        var verifies = EventRules.Supervises(viewer);
        // Escalation reaches the grid chief at level 1, the fusion centre and station at 2, the command room at 3.
        var escalatedFrom = viewer.Role switch
        {
            Role.GridChief => 1,
            Role.CentreDirector or Role.StationHead => 2,
            Role.Dispatcher => 3,
            _ => int.MaxValue,
        };
        var events = AccessPolicy.Visible(db.Events.AsNoTracking(), viewer).Where(e => e.Status < EventStatus.Closed)
            .Where(e => e.HandlerAccountId == me
                || (e.HandlerAccountId == null && e.HandlerUnitId == unit && e.HandlerSide == side && side != HandlerSide.None)
                || (verifies && e.Status == EventStatus.Handled)
                || e.EscalationLevel >= escalatedFrom);
        var raw = await Raw(events.OrderBy(e => e.StepDueAt).Take(take)).ToListAsync();
        return Rows(raw, viewer);
    }

    /// <summary>What the viewer reported, newest first: she always learns what became of it.</summary>
    public async Task<IReadOnlyList<EventRow>> MineAsync(Viewer viewer, int take = 50)
    {
        var me = viewer.AccountId;
        var raw = await Raw(db.Events.AsNoTracking().Where(e => e.ReporterAccountId == me).OrderByDescending(e => e.ReportedAt).Take(take)).ToListAsync();
        return Rows(raw, viewer);
    }

    public sealed record Filter(string? Status = null, bool Overdue = false, string? Q = null, int Page = 1);

    public async Task<(IReadOnlyList<EventRow> Rows, bool HasMore)> ListAsync(Viewer viewer, Filter filter, int pageSize = 50)
    {
        var events = AccessPolicy.Visible(db.Events.AsNoTracking(), viewer);
        if (filter.Status == "open")
            events = events.Where(e => e.Status < EventStatus.Closed);
        else if (Enum.TryParse<EventStatus>(filter.Status, true, out var status))
            events = events.Where(e => e.Status == status);
        if (filter.Overdue)
        {
            var now = Now;
            events = events.Where(e => e.Status < EventStatus.Closed && e.StepDueAt < now);
        }
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            var asId = q.StartsWith("SJ", StringComparison.OrdinalIgnoreCase) && int.TryParse(q[2..], CultureInfo.InvariantCulture, out var n) ? n : -1;
            var police = viewer.Can(Capability.SeePoliceDetail);
            events = events.Where(e => e.Id == asId || ((police || !e.IsConfidential) && e.Title.Contains(q)));
        }
        var page = Math.Max(1, filter.Page);
        var raw = await Raw(events.OrderByDescending(e => e.ReportedAt).Skip((page - 1) * pageSize).Take(pageSize + 1)).ToListAsync();
        return (Rows(raw.Take(pageSize), viewer), raw.Count > pageSize);
    }

    static EventView.StepView StepOf(EventStep step, IReadOnlyList<long> photoIds)
    {
        var (actor, action) = (EventLabels.Actor(step.ActorName), EventRules.StepLabel(step.Action));
        var note = step.Note is null ? null : EventLabels.Note(step.Action, step.Note);
        return new EventView.StepView(step.Id, step.At, actor.Zh, actor.En, step.Action, action.Zh, action.En, step.FromStatus, step.ToStatus,
            note?.Zh, note?.En, photoIds);
    }

    /// <summary>One event as the viewer may see it, with its steps; a full view is audited.</summary>
    public async Task<Details?> DetailsAsync(Viewer viewer, int id)
    {
        var e = await db.Events.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id);
        if (e is null || !AccessPolicy.CanSee(e, viewer))
            return null;
        var category = await db.EventCategories.AsNoTracking().SingleAsync(c => c.Id == e.CategoryId);
        if (!AccessPolicy.SeesDetails(e, viewer))
            return new Details(e, EventView.Of(e, category, false, [], []), EventRules.Available(e, viewer).Where(a => a == EventAction.Cancel).ToList(), null, null, null, [], []);

        var photos = await db.EventPhotos.AsNoTracking().Where(p => p.EventId == id).Select(p => new { p.Id, p.StepId }).ToListAsync();
        var steps = (await db.EventSteps.AsNoTracking().Where(s => s.EventId == id).OrderBy(s => s.Id).ToListAsync())
            .Select(s => StepOf(s, photos.Where(p => p.StepId == s.Id).Select(p => p.Id).ToList())).ToList();
        var names = await db.Units.AsNoTracking().Where(u => u.Id == e.GridId || u.Id == e.HandlerUnitId).ToDictionaryAsync(u => u.Id, u => u.Name);
        var person = e.HandlerAccountId is { } pid ? await db.Users.AsNoTracking().Where(a => a.Id == pid).Select(a => a.DisplayName).SingleOrDefaultAsync() : null;
        var actions = EventRules.Available(e, viewer);
        IReadOnlyList<(int, Text)> units = [];
        IReadOnlyList<(int, string, int)> people = [];
        if (actions.Contains(EventAction.Dispatch))
        {
            var candidates = new[] { e.GridId, e.PoliceDistrictId, e.CountyId }.OfType<int>().ToList();
            units = (await db.Units.AsNoTracking().Where(u => candidates.Contains(u.Id)).Select(u => new { u.Id, u.Name, u.Kind }).ToListAsync())
                .OrderBy(u => candidates.IndexOf(u.Id)).Select(u => (u.Id, new Text("Shell.NameAndKind", Text.Literal(u.Name), u.Kind))).ToList();
            people = (await db.Users.AsNoTracking().Where(a => candidates.Contains(a.UnitId) && a.Role != Role.StationHead && a.Role != Role.CentreDirector)
                .OrderBy(a => a.DisplayName).Select(a => new { a.Id, a.DisplayName, a.UnitId }).Take(50).ToListAsync())
                .Select(a => (a.Id, a.DisplayName, a.UnitId)).ToList();
        }
        await audit.WriteAsync("event-view", "event", id.ToString(CultureInfo.InvariantCulture));
        return new Details(e, EventView.Of(e, category, true, steps, photos.Select(p => p.Id).ToList()), actions,
            e.GridId is { } g ? names.GetValueOrDefault(g) : null, e.HandlerUnitId is { } h ? names.GetValueOrDefault(h) : null, person, units, people);
    }

    public sealed record Board(IReadOnlyList<EventRow> New, IReadOnlyList<EventRow> Unassigned, IReadOnlyList<EventRow> Overdue,
        IReadOnlyList<EventRow> Escalated, int OpenCount, int NewCount, int UnassignedCount, int OverdueCount, int EscalatedCount,
        IReadOnlyList<EventRow> MapPoints);

    /// <summary>The command room's board: what is new, unassigned, overdue or escalated in the viewer's area.</summary>
    public async Task<Board> BoardAsync(Viewer viewer, int take = 30)
    {
        var now = Now;
        var open = AccessPolicy.Visible(db.Events.AsNoTracking(), viewer).Where(e => e.Status < EventStatus.Closed);
        var fresh = open.Where(e => e.Status == EventStatus.Reported);
        var unassigned = open.Where(e => e.HandlerUnitId == null);
        var overdue = open.Where(e => e.StepDueAt < now);
        var escalated = open.Where(e => e.EscalationLevel > 0);
        var counts = await open.GroupBy(e => 1).Select(g => new
        {
            Open = g.Count(),
            New = g.Count(e => e.Status == EventStatus.Reported),
            Unassigned = g.Count(e => e.HandlerUnitId == null),
            Overdue = g.Count(e => e.StepDueAt < now),
            Escalated = g.Count(e => e.EscalationLevel > 0),
        }).FirstOrDefaultAsync();
        return new Board(
            Rows(await Raw(fresh.OrderByDescending(e => e.ReportedAt).Take(take)).ToListAsync(), viewer),
            Rows(await Raw(unassigned.OrderBy(e => e.ReportedAt).Take(take)).ToListAsync(), viewer),
            Rows(await Raw(overdue.OrderBy(e => e.StepDueAt).Take(take)).ToListAsync(), viewer),
            Rows(await Raw(escalated.OrderByDescending(e => e.EscalationLevel).ThenBy(e => e.StepDueAt).Take(take)).ToListAsync(), viewer),
            counts?.Open ?? 0, counts?.New ?? 0, counts?.Unassigned ?? 0, counts?.Overdue ?? 0, counts?.Escalated ?? 0,
            Rows(await Raw(open.Where(e => e.Lon != null).OrderByDescending(e => e.ReportedAt).Take(300)).ToListAsync(), viewer));
    }

    public sealed record CategoryRow(int Id, string Code, string MajorCode, string MajorName, string MajorNameEn, string Name, string NameEn,
        bool IsPolice, HandlerSide DefaultHandler, string? Department, bool Confidential);

    /// <summary>The categories a report may name, by code.</summary>
    public async Task<IReadOnlyList<CategoryRow>> ActiveCategoriesAsync() =>
        await db.EventCategories.AsNoTracking().Where(c => c.Active).OrderBy(c => c.Code)
            .Select(c => new CategoryRow(c.Id, c.Code, c.MajorCode, c.MajorName, c.MajorNameEn, c.Name, c.NameEn, c.IsPolice, c.DefaultHandler, c.Department, c.Confidential))
            .ToListAsync();

    /// <summary>The major categories (code and names), for the figures page's filter.</summary>
    public async Task<IReadOnlyList<(string Code, string Name, string NameEn)>> MajorCategoriesAsync() =>
        (await db.EventCategories.AsNoTracking().Select(c => new { c.MajorCode, c.MajorName, c.MajorNameEn }).Distinct().ToListAsync())
            .OrderBy(m => m.MajorCode).Select(m => (m.MajorCode, m.MajorName, m.MajorNameEn)).ToList();

    public async Task<EventPhoto?> PhotoAsync(Viewer viewer, long photoId)
    {
        var photo = await db.EventPhotos.AsNoTracking().SingleOrDefaultAsync(p => p.Id == photoId);
        if (photo is null)
            return null;
        var e = await db.Events.AsNoTracking().SingleAsync(x => x.Id == photo.EventId);
        return AccessPolicy.SeesDetails(e, viewer) ? photo : null;
    }
}
