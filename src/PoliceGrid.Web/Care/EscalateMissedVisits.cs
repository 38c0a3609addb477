using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Delivery;
using PoliceGrid.Web.Events;
using PoliceGrid.Web.Register.Records;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Care;

/// <summary>
/// Escalates every case past its plan's time after due, one level each time, each level once: 1 a door-visit task to
/// the grid workers of the responsible team (police members for police-only people), 2 the grid chief (station head),
/// 3 a welfare check reported as an event to the police side. A contact resets the level (<see cref="CareRules.Seen"/>).
/// Runs as <see cref="CareSweep"/>; tests call it with a fake clock.
/// </summary>
public sealed class EscalateMissedVisits(PoliceGridDb db, AuditTrail audit, Notify notify, ReportEvent report, TimeProvider clock, ILogger<EscalateMissedVisits> log)
{
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var now = CareRules.Now(clock);
        var escalated = 0;
        var plans = await CareRules.PlansAsync(db, ct);
        while (!ct.IsCancellationRequested)
        {
            var due = await db.CareCases.Where(c => c.ClosedAt == null && c.NextEscalationAt != null && c.NextEscalationAt <= now && c.EscalationLevel < 3)
                .OrderBy(c => c.NextEscalationAt).Take(500).ToListAsync(ct);
            if (due.Count == 0)
                break;
            var residentIds = due.Select(c => c.ResidentId).Distinct().ToList();
            var people = await (from r in db.Set<Resident>().AsNoTracking()
                                join a in db.Set<StandardAddress>() on r.AddressId equals a.Id
                                join g in db.Units on r.GridId equals g.Id
                                where residentIds.Contains(r.Id)
                                select new { r.Id, r.Name, a.Canonical, g.Code, g.PoliceDistrictId }).ToDictionaryAsync(p => p.Id, ct);
            var events = new List<(CareCase Case, string Name, string Address, string Grid)>();
            foreach (var c in due)
            {
                var plan = CareRules.PlanFor(plans, c.Group, c.CountyId);
                var person = people[c.ResidentId];
                c.EscalationLevel++;
                c.NextEscalationAt = plan is not null && c.EscalationLevel < 3 && c.DueAt is { } dueAt ? dueAt.AddHours(plan.AfterHours(c.EscalationLevel + 1)) : null;
                c.Version++;
                var subject = new Notify.Subject("care-case", c.Id, $"/care/cases/{c.Id}");
                var side = c.Police ? Side.Police : Side.Grid;
                var unit = c.Police && person.PoliceDistrictId is { } district ? district : c.GridId;
                switch (c.EscalationLevel)
                {
                    case 1:
                        var workers = await notify.ResponsibleTeamOfGridAsync(c.GridId, [side], ct);
                        if (workers.Count == 0)
                            workers = await notify.PeopleOfUnitAsync(unit, side, null, ct);
                        await notify.ToPeopleAsync(workers, MessageKind.Task, subject, new Text("Care.Message.DoorVisit", Text.Literal(person.Name), Words.Label(c.Group)), c.Police, ct);
                        break;
                    case 2:
                        await notify.ToPeopleAsync(await notify.LeadersOfAsync(unit, side, ct), MessageKind.Escalation, subject,
                            new Text("Care.Message.NotSeen", Text.Literal(person.Name), Words.Label(c.Group)), c.Police, ct);
                        break;
                    default:
                        events.Add((c, person.Name, person.Canonical, person.Code));
                        break;
                }
                audit.Add("care-escalate", "care-case", c.Id.ToString(CultureInfo.InvariantCulture), detail: $"due {c.DueAt:O}; level {c.EscalationLevel}", userName: "system");
            }
            try
            {
                await db.SaveChangesAsync(ct);
                escalated += due.Count;
            }
            catch (DbUpdateConcurrencyException)
            {
                // A visit was recorded meanwhile (or another instance swept); the next sweep looks again.
                log.LogInformation("Care sweep met a concurrent change; retrying later");
                db.ChangeTracker.Clear();
                break;
            }
            db.ChangeTracker.Clear();
            foreach (var (c, name, address, grid) in events)
                await WelfareCheckAsync(c, name, address, grid, ct);
        }
        return escalated;
    }

    /// <summary>The last level: an event to the police side, routed as events are (confidential for police-only people).</summary>
    async Task WelfareCheckAsync(CareCase c, string name, string address, string gridCode, CancellationToken ct)
    {
        var title = Words.Format("Care.WelfareCheckTitle", Words.Chinese, [name, Words.Label(c.Group).In(Words.Chinese)]);
        var reported = await report.RunAsync(new ReportEvent.Reporter(null, Words.Store(new Text("Events.System")), c.Police ? EventSource.Officer : EventSource.GridWorker),
            new ReportEvent.Request(c.Police ? CareDefaults.KeyPersonCategory : CareDefaults.WelfareCheckCategory, title, "", null, null, address, gridCode,
                null, null, null, null, null), ct: ct);
        if (!reported.IsDone)
            log.LogWarning("Care case {Case}: the welfare check was not reported ({Outcome})", c.Id, reported.Outcome);
        db.ChangeTracker.Clear();
    }
}

/// <summary>Runs <see cref="EscalateMissedVisits"/> every Care:SweepSeconds and <see cref="OpenCareCases"/> every Care:SyncMinutes.</summary>
public sealed class CareSweep(IServiceScopeFactory scopes, IOptions<CareOptions> options, TimeProvider clock, ILogger<CareSweep> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = options.Value.SweepSeconds;
        if (seconds <= 0)
            return;
        var lastSync = DateTimeOffset.MinValue;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds));
        do
        {
            try
            {
                using var scope = scopes.CreateScope();
                if (clock.GetUtcNow() - lastSync >= TimeSpan.FromMinutes(options.Value.SyncMinutes))
                {
                    await scope.ServiceProvider.GetRequiredService<OpenCareCases>().RunAsync(ct: stoppingToken);
                    lastSync = clock.GetUtcNow();
                }
                await scope.ServiceProvider.GetRequiredService<EscalateMissedVisits>().RunAsync(stoppingToken);
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                log.LogWarning(e, "Care sweep failed; it runs again");
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
        while (await NextTickAsync(timer, stoppingToken));
    }

    static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
