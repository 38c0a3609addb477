using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Shared.Live;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Events;

/// <summary>
/// Escalates every open event past its step's limit one level (grid chief → fusion centre → command room), and again
/// each time another limit passes without the step done. Runs as <see cref="EscalationSweep"/> every minute; tests call
/// it directly with a fake clock.
/// </summary>
public sealed class EscalateOverdueEvents(PoliceGridDb db, AuditTrail audit, LiveFeed live, EventMessages messages, TimeProvider clock, ProductMetrics metrics,
    ILogger<EscalateOverdueEvents> log) : ISweep
{
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var now = ReportEvent.Now(clock);
        var escalated = 0;
        while (!ct.IsCancellationRequested)
        {
            var due = await db.Events.Where(e => e.Status < EventStatus.Closed && e.NextEscalationAt != null && e.NextEscalationAt <= now && e.EscalationLevel < StepLimits.TopLevel)
                .OrderBy(e => e.NextEscalationAt).Take(200).ToListAsync(ct);
            if (due.Count == 0)
                break;
            var categories = await db.EventCategories.AsNoTracking().ToDictionaryAsync(c => c.Id, ct);
            foreach (var e in due)
            {
                StepLimits.EscalateOverdue(e, now, categories[e.CategoryId].LimitFor(e.Status) ?? 60);
                e.Version++;
                e.UpdatedAt = now;
                db.EventSteps.Add(new EventStep
                {
                    EventId = e.Id, At = now, ActorName = Words.Store(new Text("Events.System")), Action = EventRules.OverdueEscalateStep, FromStatus = e.Status, ToStatus = e.Status,
                    Note = Words.Store(EventLabels.Escalation(e.EscalationLevel)), HandlerUnitId = e.HandlerUnitId, HandlerAccountId = e.HandlerAccountId,
                });
                audit.Add("event-escalate", "event", e.Id.ToString(CultureInfo.InvariantCulture), detail: $"overdue since {e.StepDueAt:O}; level {e.EscalationLevel}", userName: "system");
                await messages.ToEscalationAsync(e, ct);
            }
            try
            {
                await db.SaveChangesAsync(ct);
                escalated += due.Count;
                foreach (var e in due)
                    await live.PublishAsync(ReportEvent.Live(e, LiveMessageKind.EventEscalated), ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone acted on one of them meanwhile (or the other instance swept it); the next sweep looks again.
                log.LogInformation("Escalation sweep met a concurrent change; retrying later");
                db.ChangeTracker.Clear();
                break;
            }
            db.ChangeTracker.Clear();
        }
        metrics.Escalated("event", escalated);
        return escalated;
    }
}

/// <summary>Runs <see cref="EscalateOverdueEvents"/> once a minute (Events:SweepSeconds; 0 turns it off).</summary>
public sealed class EscalationSweep(IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<EventsOptions> options, ILogger<EscalationSweep> log)
    : PeriodicSweep<EscalateOverdueEvents>(scopes, log)
{
    protected override int Seconds => options.Value.SweepSeconds;
}
