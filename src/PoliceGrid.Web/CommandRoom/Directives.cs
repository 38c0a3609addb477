using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Events;
using PoliceGrid.Web.Shared;
using PoliceGrid.Web.Shared.Live;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.CommandRoom;

/// <summary>Issues directives (指令) and takes their acknowledgement (签收) and answer (反馈); each step audited and sent live.</summary>
public sealed class Directives(PoliceGridDb db, AuditTrail audit, LiveFeed live, Delivery.Notify notify, TimeProvider clock)
{
    /// <summary>How the recipient responds: acknowledge (签收) or answer (反馈, which also acknowledges).</summary>
    public enum Step { Acknowledge, Answer }

    /// <summary>The step's name in forms and audit actions (<c>directive-acknowledge</c>, <c>directive-answer</c>).</summary>
    public static string CodeOf(Step step) => step == Step.Answer ? "answer" : "acknowledge";

    public sealed record Order(string? Title, string? Body, int? TargetUnitId, int? TargetAccountId, int? DueMinutes, int? EventId, int? TargetTeamId = null);

    public sealed record Answer(int? Version, string? Text);

    public sealed record Row(int Id, string Title, string Body, string IssuedByName, DateTime IssuedAt, int TargetUnitId, string TargetUnitName,
        int? TargetAccountId, int? EventId, DateTime DueAt, DateTime? AcknowledgedAt, string? AcknowledgedByName, DateTime? AnsweredAt,
        string? AnsweredByName, string? Answer, bool Overdue, bool ForMe, int Version);

    static readonly Result<Row> Stale = Result.Conflict(new Text("CommandRoom.SomeoneElseAlreadyAcknowledgedOrAnswered")).As<Row>();

    /// <summary>The id of the unit with this code, for the board's form, which names the receiving unit by code.</summary>
    public async Task<int?> UnitIdOfAsync(string code) =>
        await db.Units.AsNoTracking().Where(u => u.Code == code).Select(u => (int?)u.Id).FirstOrDefaultAsync();

    static bool IsFor(Directive d, Viewer viewer, IReadOnlySet<int> myTeams) =>
        d.TargetTeamId is { } team ? myTeams.Contains(team)
        : d.TargetAccountId is { } person ? person == viewer.AccountId : d.TargetUnitId == viewer.Unit.Id;

    /// <summary>The teams the viewer is on now: a directive to one of them is hers to acknowledge, wherever the team serves.</summary>
    async Task<HashSet<int>> TeamsOfAsync(Viewer viewer) =>
        (await (from m in db.TeamMembers.AsNoTracking()
                join t in db.Teams on m.TeamId equals t.Id
                where m.AccountId == viewer.AccountId && m.EndedAt == null && t.DissolvedAt == null
                select m.TeamId).ToListAsync()).ToHashSet();

    public async Task<IReadOnlyList<Row>> ListAsync(Viewer viewer, bool onlyMine = false, int take = 50)
    {
        var myTeams = await TeamsOfAsync(viewer);
        var teamIds = myTeams.ToList();
        var query = AccessPolicy.Visible(db.Directives.AsNoTracking(), viewer);
        if (onlyMine)
        {
            var (me, unit) = (viewer.AccountId, viewer.Unit.Id);
            query = query.Where(d => d.TargetAccountId == me || (d.TargetAccountId == null && d.TargetTeamId == null && d.TargetUnitId == unit));
        }
        var rows = await (from d in query
                          join u in db.Units on d.TargetUnitId equals u.Id
                          orderby d.AnsweredAt != null, d.DueAt
                          select new { d, u.Name }).Take(take).ToListAsync();
        if (teamIds.Count > 0)
        {
            // Directives to one's teams, also where the team serves a place outside one's own area.
            var toTeams = await (from d in db.Directives.AsNoTracking()
                                 join u in db.Units on d.TargetUnitId equals u.Id
                                 where d.TargetTeamId != null && teamIds.Contains(d.TargetTeamId.Value)
                                 orderby d.AnsweredAt != null, d.DueAt
                                 select new { d, u.Name }).Take(take).ToListAsync();
            rows = [.. rows.Concat(toTeams).DistinctBy(r => r.d.Id).OrderBy(r => r.d.AnsweredAt != null).ThenBy(r => r.d.DueAt).Take(take)];
        }
        return rows.Select(r => RowOf(r.d, r.Name, viewer, myTeams)).ToList();
    }

    Row RowOf(Directive d, string unitName, Viewer viewer, IReadOnlySet<int> myTeams) =>
        new(d.Id, d.Title, d.Body, d.IssuedByName, d.IssuedAt, d.TargetUnitId, unitName, d.TargetAccountId, d.EventId, d.DueAt,
            d.AcknowledgedAt, d.AcknowledgedByName, d.AnsweredAt, d.AnsweredByName, d.Answer, d.IsOverdue(ReportEvent.Now(clock)), IsFor(d, viewer, myTeams), d.Version);

    /// <summary>Done: the directive as issued.</summary>
    public async Task<Result<Row>> IssueAsync(Viewer viewer, Order order)
    {
        if (!viewer.Can(Capability.IssueDirectives))
            return Result.Forbidden(new Text("CommandRoom.OnlyTheCommandRoomStationHeads")).As<Row>();
        var title = order.Title?.Trim() ?? "";
        var team = order.TargetTeamId is { } tid ? await db.Teams.AsNoTracking().SingleOrDefaultAsync(t => t.Id == tid && t.DissolvedAt == null) : null;
        if (order.TargetTeamId is not null && (team is null || order.TargetAccountId is not null))
            return Result.Invalid(new Text("CommandRoom.ADirectiveNeedsATitle1")).As<Row>();
        // A directive to a team is placed at the village or grid the team serves.
        var unitId = team?.UnitId ?? order.TargetUnitId;
        var unit = unitId is { } uid ? await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == uid) : null;
        if (title.Length is 0 or > 200 || (order.Body?.Length ?? 0) > 4000 || unit is null || !AccessPolicy.Covers(unit, viewer)
            || order.DueMinutes is not (>= 5 and <= 43200))
            return Result.Invalid(new Text("CommandRoom.ADirectiveNeedsATitle1")).As<Row>();
        if (order.TargetAccountId is { } person && !await db.Users.AnyAsync(a => a.Id == person && a.UnitId == unit.Id))
            return Result.Invalid(new Text("CommandRoom.TheRecipientMustBelongToThe")).As<Row>();
        var now = ReportEvent.Now(clock);
        var d = new Directive
        {
            Title = title, Body = order.Body?.Trim() ?? "", IssuedById = viewer.AccountId, IssuedByName = viewer.DisplayName, IssuedAt = now,
            TargetUnitId = unit.Id, TargetAccountId = order.TargetAccountId, TargetTeamId = team?.Id, AreaPath = unit.AreaPath, TargetIsPolice = unit.Kind.IsPolice(), EventId = order.EventId,
            DueAt = now.AddMinutes(order.DueMinutes.Value),
        };
        db.Directives.Add(d);
        await db.SaveChangesAsync();
        audit.Add("directive-issue", "directive", d.Id.ToString(CultureInfo.InvariantCulture),
            detail: d.TargetTeamId is { } toTeam ? $"to unit {unit.Id} team {toTeam}" : $"to unit {unit.Id} account {d.TargetAccountId}");
        IEnumerable<int> recipients = d.TargetTeamId is { } teamId ? await notify.MembersOfTeamAsync(teamId)
            : d.TargetAccountId is { } to ? [to] : await db.Users.AsNoTracking().Where(a => a.UnitId == unit.Id).Select(a => a.Id).ToListAsync();
        await notify.ToPeopleAsync(recipients, Delivery.MessageKind.Directive, new Delivery.Notify.Subject("directive", d.Id, "/"),
            new Text("Delivery.Title.Directive", d.Id), d.TargetIsPolice);
        await db.SaveChangesAsync();
        await live.PublishAsync(new LiveMessage(LiveMessageKind.Directive, d.Id, d.AreaPath, d.TargetUnitId, d.TargetAccountId, viewer.AccountId, d.TargetIsPolice));
        return RowOf(d, unit.Name, viewer, await TeamsOfAsync(viewer));
    }

    /// <summary>Done: the directive as it now is.</summary>
    public async Task<Result<Row>> RespondAsync(Viewer viewer, int id, Step step, Answer answer)
    {
        var d = await db.Directives.SingleOrDefaultAsync(x => x.Id == id);
        var myTeams = await TeamsOfAsync(viewer);
        if (d is null || !(AccessPolicy.CanSee(d, viewer) || d.TargetTeamId is { } team && myTeams.Contains(team)))
            return Result.NotFound().As<Row>();
        if (!IsFor(d, viewer, myTeams))
            return Result.Forbidden(new Text("CommandRoom.ThisDirectiveIsNotAddressedTo")).As<Row>();
        if (answer.Version is { } seen && seen != d.Version)
            return Stale;
        var now = ReportEvent.Now(clock);
        var text = answer.Text?.Trim() ?? "";
        if (step == Step.Answer)
        {
            if (d.AnsweredAt is not null)
                return Result.Conflict(new Text("CommandRoom.ThisDirectiveHasBeenAnswered")).As<Row>();
            if (text.Length is 0 or > 2000)
                return Result.Invalid(new Text("CommandRoom.WriteAnAnswerOf1To")).As<Row>();
            d.AcknowledgedAt ??= now;
            d.AcknowledgedByName ??= viewer.DisplayName;
            (d.AnsweredAt, d.AnsweredByName, d.Answer) = (now, viewer.DisplayName, text);
        }
        else
        {
            if (d.AcknowledgedAt is not null)
                return Result.Conflict(new Text("CommandRoom.ThisDirectiveHasBeenAcknowledged")).As<Row>();
            (d.AcknowledgedAt, d.AcknowledgedByName) = (now, viewer.DisplayName);
        }
        d.Version++;
        audit.Add("directive-" + CodeOf(step), "directive", id.ToString(CultureInfo.InvariantCulture));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            return Stale;
        }
        await live.PublishAsync(new LiveMessage(LiveMessageKind.Directive, d.Id, d.AreaPath, d.TargetUnitId, d.IssuedById, Confidential: d.TargetIsPolice));
        var unitName = await db.Units.AsNoTracking().Where(u => u.Id == d.TargetUnitId).Select(u => u.Name).SingleAsync();
        return RowOf(d, unitName, viewer, myTeams);
    }
}
