using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Delivery;

/// <summary>
/// Turns a change into messages to people, in the caller's unit of work: the messages and their outbox rows are saved
/// with the change that made them (the caller's <c>SaveChangesAsync</c>), so none is lost and none is sent for a change
/// that did not happen. Every feature that gives someone work calls this.
/// </summary>
public sealed class Notify(PoliceGridDb db, TimeProvider clock, IOptions<DeliveryOptions> options, IEnumerable<ITeamLookup> teams, AckDeadlines deadlines)
{
    /// <summary>What a message is about and where it opens.</summary>
    public sealed record Subject(string Type, int Id, string Link);

    /// <summary>Messages to these accounts (disabled ones left out). Returns how many.</summary>
    public async Task<int> ToPeopleAsync(IEnumerable<int> accountIds, MessageKind kind, Subject subject, Text title, bool police, CancellationToken ct = default)
    {
        var ids = accountIds.Distinct().ToList();
        if (ids.Count == 0)
            return 0;
        var people = await (from a in db.Users.AsNoTracking()
                            join u in db.Units.AsNoTracking() on a.UnitId equals u.Id
                            where ids.Contains(a.Id) && a.DisabledAt == null
                            select new { a.Id, a.UnitId, u.AreaPath }).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var stored = Words.Store(title);
        var minutes = await deadlines.MinutesAsync(kind, police, ct);
        foreach (var person in people)
        {
            var message = new Message
            {
                RecipientId = person.Id, RecipientUnitId = person.UnitId, AreaPath = person.AreaPath, Kind = kind, Police = police,
                SubjectType = subject.Type, SubjectId = subject.Id, Link = subject.Link, Title = stored, CreatedAt = now, AckDueAt = now.AddMinutes(minutes),
            };
            foreach (var channel in options.Value.Channels.Prepend(InboxChannel.Name))
                message.Deliveries.Add(Outbox(person.Id, channel, now));
            db.Messages.Add(message);
        }
        return people.Count;
    }

    /// <summary>Messages to the people of a unit who do its work on that side (and department), not to its leaders' superiors.</summary>
    public async Task<int> ToUnitAsync(int unitId, Side side, string? department, MessageKind kind, Subject subject, Text title, bool police, CancellationToken ct = default) =>
        await ToPeopleAsync(await PeopleOfUnitAsync(unitId, side, department, ct), kind, subject, title, police, ct);

    /// <summary>Messages to every current member of a team. Returns how many.</summary>
    public async Task<int> ToTeamAsync(int teamId, MessageKind kind, Subject subject, Text title, bool police, CancellationToken ct = default) =>
        await ToPeopleAsync(await MembersOfTeamAsync(teamId, ct), kind, subject, title, police, ct);

    public async Task<IReadOnlyList<int>> MembersOfTeamAsync(int teamId, CancellationToken ct = default)
    {
        foreach (var lookup in teams)
            return await lookup.CurrentMembersAsync(teamId, ct);
        return [];
    }

    /// <summary>The team that answers for a grid now, if any.</summary>
    public async Task<int?> ResponsibleTeamOfAsync(int gridId, CancellationToken ct = default)
    {
        foreach (var lookup in teams)
            return await lookup.ResponsibleTeamOfAsync(gridId, ct);
        return null;
    }

    /// <summary>The current members of the team answering for a grid, those on the given sides (a department member does not get grid work).</summary>
    public async Task<List<int>> ResponsibleTeamOfGridAsync(int gridId, Side[] sides, CancellationToken ct = default)
    {
        if (await ResponsibleTeamOfAsync(gridId, ct) is not { } team)
            return [];
        var members = (await MembersOfTeamAsync(team, ct)).ToList();
        return await db.Users.AsNoTracking().Where(a => members.Contains(a.Id) && sides.Contains(a.Side)).Select(a => a.Id).ToListAsync(ct);
    }

    public async Task<List<int>> PeopleOfUnitAsync(int unitId, Side side, string? department, CancellationToken ct = default) =>
        await db.Users.AsNoTracking()
            .Where(a => a.UnitId == unitId && a.Side == side && a.DisabledAt == null && (department == null || a.Department == department))
            .Select(a => a.Id).ToListAsync(ct);

    /// <summary>
    /// The leaders nearest above a unit on its side: a grid's chief, else the township's centre director; a police
    /// district's station head; for department work, the command room (dispatchers) of the county.
    /// </summary>
    public Task<List<int>> LeadersOfAsync(int unitId, Side side, CancellationToken ct = default) => NearestAboveAsync(unitId, side switch
    {
        Side.Grid => [Role.GridChief, Role.CentreDirector],
        Side.Police => [Role.StationHead],
        _ => [Role.Dispatcher],
    }, ct);

    /// <summary>The command room (dispatchers) whose area covers a unit: where the last escalation goes.</summary>
    public Task<List<int>> CommandRoomOfAsync(int unitId, CancellationToken ct = default) => NearestAboveAsync(unitId, [Role.Dispatcher], ct);

    async Task<List<int>> NearestAboveAsync(int unitId, Role[] roles, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().SingleAsync(u => u.Id == unitId, ct);
        // Only the accounts whose area covers the unit: its own area and the areas above it, not every leader of the city.
        var areas = AccessPolicy.AncestorsOf(unit.AreaPath).Append(unit.AreaPath).ToList();
        var covering = await (from a in db.Users.AsNoTracking()
                              join u in db.Units.AsNoTracking() on a.UnitId equals u.Id
                              where roles.Contains(a.Role) && a.DisabledAt == null && areas.Contains(u.AreaPath)
                              select new { a.Id, u.AreaPath }).ToListAsync(ct);
        if (covering.Count == 0)
            return [];
        var nearest = covering.Max(c => c.AreaPath.Length);
        return covering.Where(c => c.AreaPath.Length == nearest).Select(c => c.Id).ToList();
    }

    /// <summary>Queues a message on one more channel (the chase), unless it already goes out there.</summary>
    public async Task AddChannelAsync(Message message, string channel, CancellationToken ct = default)
    {
        if (!await db.MessageDeliveries.AnyAsync(d => d.MessageId == message.Id && d.Channel == channel, ct))
            db.MessageDeliveries.Add(Outbox(message.RecipientId, channel, clock.GetUtcNow().UtcDateTime, message.Id));
    }

    /// <summary>The newest message about a subject so far: a step settles those up to it, not the ones it makes itself.</summary>
    public async Task<int> NewestAboutAsync(string subjectType, int subjectId, CancellationToken ct = default) =>
        await db.Messages.Where(m => m.SubjectType == subjectType && m.SubjectId == subjectId).MaxAsync(m => (int?)m.Id, ct) ?? 0;

    /// <summary>
    /// The messages about a subject up to <paramref name="upTo"/> are settled: the work was taken up, so nobody is chased
    /// for it any more. Call it after the step's commit (a statement of its own, outside the step's transaction).
    /// </summary>
    public async Task<int> SettleAsync(string subjectType, int subjectId, int upTo, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Messages.Where(m => m.SubjectType == subjectType && m.SubjectId == subjectId && m.Id <= upTo && m.AcknowledgedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.AcknowledgedAt, now), ct);
    }

    static MessageDelivery Outbox(int recipientId, string channel, DateTime now, int messageId = 0) => new()
    {
        MessageId = messageId, RecipientId = recipientId, Channel = channel, Status = DeliveryStatus.Pending, CreatedAt = now, NextAttemptAt = now,
    };
}
