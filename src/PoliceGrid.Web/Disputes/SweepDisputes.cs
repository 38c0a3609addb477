using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Delivery;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Disputes;

/// <summary>
/// One pass over what is due, on the registered clock: cases past their step's limit escalate (the leaders above, then
/// the command room), obligations near their deadline are reminded, follow-up visits (回访) that are due go as tasks
/// to the team answering for the parties' grid, the 司法确认 reminder goes a week before its 30 days end, and a party
/// of a recent dispute named in a police event (06.x) flags the case as a possible 民转刑 for the officer.
/// </summary>
public sealed class SweepDisputes(PoliceGridDb db, DisputeSteps steps, Notify notify, IOptions<DisputesOptions> options) : ISweep
{
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var done = await EscalateAsync(ct);
        done += await RemindObligationsAsync(ct);
        done += await SendFollowUpsAsync(ct);
        done += await RemindConfirmationAsync(ct);
        done += await FlagCrimeRiskAsync(ct);
        return done;
    }

    async Task<int> EscalateAsync(CancellationToken ct)
    {
        var now = steps.Now;
        var due = await db.Disputes.Where(d => d.NextEscalationAt != null && d.NextEscalationAt <= now && d.EscalationLevel < StepLimits.TopLevel
            && d.Status != DisputeStatus.Closed && d.Status != DisputeStatus.Referred).OrderBy(d => d.NextEscalationAt).Take(200).ToListAsync(ct);
        foreach (var d in due)
        {
            StepLimits.EscalateOverdue(d, now, DisputeRules.LimitFor(d.Status, options.Value) ?? 24 * 60);
            d.UpdatedAt = now;
            d.Version++;
            db.DisputeSteps.Add(new DisputeStep
            {
                DisputeId = d.Id, At = now, ActorName = Words.Store(new Text("Events.System")), Action = DisputeRules.OverdueEscalateStep,
                FromStatus = d.Status, ToStatus = d.Status, Note = $"level {d.EscalationLevel}",
            });
            if (d.GridId is { } grid)
            {
                var people = d.EscalationLevel >= 2 ? await notify.CommandRoomOfAsync(grid, ct) : await notify.LeadersOfAsync(grid, Side.Grid, ct);
                if (d.PoliceInvolved && d.PoliceDistrictId is { } district && d.EscalationLevel < 2)
                    people.AddRange(await notify.LeadersOfAsync(district, Side.Police, ct));
                await steps.TellAsync(people, d, MessageKind.Escalation, new Text("Disputes.Title.Overdue", DisputeRules.Number(d.Id), d.EscalationLevel), ct);
            }
        }
        return await SaveAsync(due.Count, ct);
    }

    async Task<int> RemindObligationsAsync(CancellationToken ct)
    {
        var now = steps.Now;
        var horizon = now.AddDays(options.Value.ReminderDays);
        var due = await db.DisputeObligations.Where(o => o.DoneAt == null && o.RemindedAt == null && o.DueAt <= horizon).OrderBy(o => o.Id).Take(500).ToListAsync(ct);
        foreach (var o in due)
        {
            o.RemindedAt = now;
            var d = await db.Disputes.AsNoTracking().SingleAsync(x => x.Id == o.DisputeId, ct);
            var people = await TeamOfGridAsync(d, ct);
            if (d.MediatorAccountId is { } mediator)
                people.Add(mediator);
            await steps.TellAsync(people, d, MessageKind.Task, new Text("Disputes.Title.ObligationDue", DisputeRules.Number(d.Id), ChinaTime.Show(o.DueAt)), ct);
        }
        return await SaveAsync(due.Count, ct);
    }

    async Task<int> SendFollowUpsAsync(CancellationToken ct)
    {
        var now = steps.Now;
        var due = await db.DisputeFollowUps.Where(f => f.TaskSentAt == null && f.DoneAt == null && f.DueAt <= now).OrderBy(f => f.Id).Take(500).ToListAsync(ct);
        foreach (var f in due)
        {
            var d = await db.Disputes.AsNoTracking().SingleAsync(x => x.Id == f.DisputeId, ct);
            f.TaskSentAt = now;
            f.TeamId = d.GridId is { } grid ? await notify.ResponsibleTeamOfAsync(grid, ct) : null;
            var people = await TeamOfGridAsync(d, ct);
            if (people.Count == 0 && d.GridId is { } g)
                people = await notify.PeopleOfUnitAsync(g, Side.Grid, null, ct);
            await steps.TellAsync(people, d, MessageKind.Task, new Text("Disputes.Title.FollowUp", DisputeRules.Number(d.Id), f.Day), ct);
        }
        return await SaveAsync(due.Count, ct);
    }

    async Task<int> RemindConfirmationAsync(CancellationToken ct)
    {
        var now = steps.Now;
        var since = now.AddDays(-23);
        var due = await db.DisputeAgreements.Where(a => a.ConfirmationRemindedAt == null && a.MadeAt <= since).OrderBy(a => a.Id).Take(500).ToListAsync(ct);
        foreach (var a in due)
        {
            a.ConfirmationRemindedAt = now;
            var d = await db.Disputes.AsNoTracking().SingleAsync(x => x.Id == a.DisputeId, ct);
            var people = await TeamOfGridAsync(d, ct);
            if (d.MediatorAccountId is { } mediator)
                people.Add(mediator);
            await steps.TellAsync(people, d, MessageKind.Task, new Text("Disputes.Title.JudicialConfirmation", DisputeRules.Number(d.Id), ChinaTime.Show(a.MadeAt.AddDays(30))), ct);
        }
        return await SaveAsync(due.Count, ct);
    }

    /// <summary>
    /// Police events (06.x) of the last two days in a village where a recent dispute has a party the event names (in
    /// its title, description or reporter): the case is flagged and the event's officer is told, with the case linked.
    /// </summary>
    async Task<int> FlagCrimeRiskAsync(CancellationToken ct)
    {
        var now = steps.Now;
        var since = now.AddDays(-2);
        var recent = now.AddDays(-options.Value.RecentDays);
        var events = await (from e in db.Events.AsNoTracking()
                            join c in db.EventCategories.AsNoTracking() on e.CategoryId equals c.Id
                            where c.MajorCode == "06" && e.ReportedAt >= since && e.VillageId != null
                            select new { e.Id, e.VillageId, e.Title, e.Description, e.ReporterName, e.HandlerAccountId, e.HandlerUnitId, e.PoliceDistrictId }).ToListAsync(ct);
        if (events.Count == 0)
            return 0;
        var villages = events.Select(e => e.VillageId!.Value).Distinct().ToList();
        var parties = await (from p in db.DisputeParties.AsNoTracking()
                             join d in db.Disputes.AsNoTracking() on p.DisputeId equals d.Id
                             where d.VillageId != null && villages.Contains(d.VillageId.Value) && d.RegisteredAt >= recent && p.Kind == PartyKind.Person
                             select new { d.Id, d.VillageId, p.Name }).ToListAsync(ct);
        var eventIds = events.Select(e => e.Id).ToList();
        var flagged = (await db.DisputeFlags.AsNoTracking().Where(f => f.Kind == DisputeFlagKind.MayTurnCriminal && f.EventId != null && eventIds.Contains(f.EventId.Value))
            .Select(f => new { f.DisputeId, f.EventId }).ToListAsync(ct)).Select(f => (f.DisputeId, f.EventId!.Value)).ToHashSet();
        var count = 0;
        foreach (var e in events)
        {
            var text = $"{e.Title} {e.Description} {e.ReporterName}";
            foreach (var disputeId in parties.Where(p => p.VillageId == e.VillageId && p.Name.Length >= 2 && text.Contains(p.Name, StringComparison.Ordinal))
                         .Select(p => p.Id).Distinct())
            {
                if (!flagged.Add((disputeId, e.Id)))
                    continue;
                db.DisputeFlags.Add(new DisputeFlag { DisputeId = disputeId, Kind = DisputeFlagKind.MayTurnCriminal, EventId = e.Id, At = now });
                var d = await db.Disputes.SingleAsync(x => x.Id == disputeId, ct);
                d.MayTurnCriminal = true;
                var officers = e.HandlerAccountId is { } officer ? [officer]
                    : e.PoliceDistrictId is { } district ? await notify.PeopleOfUnitAsync(district, Side.Police, null, ct) : [];
                await notify.ToPeopleAsync(officers, MessageKind.Task, DisputeSteps.SubjectOf(d),
                    new Text("Disputes.Title.MayTurnCriminal", DisputeRules.Number(d.Id), Events.EventLabels.Number(e.Id)), police: true, ct);
                count++;
            }
        }
        return await SaveAsync(count, ct);
    }

    async Task<List<int>> TeamOfGridAsync(Dispute d, CancellationToken ct) =>
        d.GridId is { } grid ? await notify.ResponsibleTeamOfGridAsync(grid, [Side.Grid, Side.Police], ct) : [];

    async Task<int> SaveAsync(int count, CancellationToken ct)
    {
        if (count == 0)
            return 0;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone moved one of the cases meanwhile; the next pass looks again.
            db.ChangeTracker.Clear();
            return 0;
        }
        db.ChangeTracker.Clear();
        return count;
    }
}

/// <summary>Runs <see cref="SweepDisputes"/> every Disputes:SweepSeconds (0 turns it off).</summary>
public sealed class DisputeSweep(IServiceScopeFactory scopes, IOptions<DisputesOptions> options, ILogger<DisputeSweep> log)
    : PeriodicSweep<SweepDisputes>(scopes, log)
{
    protected override int Seconds => options.Value.SweepSeconds;
}
