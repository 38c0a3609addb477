using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Delivery;

/// <summary>
/// A message not acknowledged (签收) by its deadline goes out again on the chase channel (SMS), and if still not
/// acknowledged by the next deadline, the leaders above the recipient get a message of their own and the board counts it.
/// Each step is claimed with a conditional update, so two instances never take it twice.
/// </summary>
public sealed class ChaseAcknowledgements(PoliceGridDb db, Notify notify, AuditTrail audit, IOptions<DeliveryOptions> options, TimeProvider clock,
    IEnumerable<IEscalationLeaders> alsoTell, AckDeadlines deadlines, ProductMetrics metrics)
{
    public const int NextChannel = 1, Escalated = 2;

    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Messages.AsNoTracking().Where(m => m.AcknowledgedAt == null && m.ChaseLevel < Escalated && m.AckDueAt <= now)
            .OrderBy(m => m.AckDueAt).Select(m => m.Id).Take(200).ToListAsync(ct);
        var chased = 0;
        foreach (var id in due)
        {
            // One save per step (the audit chain's writer lock first, then the database), claimed by the concurrency tokens.
            var message = await db.Messages.SingleAsync(m => m.Id == id, ct);
            var chase = options.Value.ChaseChannel;
            var level = message.ChaseLevel == 0 && chase is { Length: > 0 } ? NextChannel : Escalated;
            message.ChaseLevel = level;
            message.AckDueAt = now.AddMinutes(await deadlines.MinutesAsync(message.Kind, message.Police, ct));
            if (level == NextChannel)
                await notify.AddChannelAsync(message, chase!, ct);
            else
            {
                message.EscalatedAt = now;
                var recipient = await db.Users.AsNoTracking().Where(a => a.Id == message.RecipientId).Select(a => new { a.DisplayName, a.Side }).SingleAsync(ct);
                var leaders = await notify.LeadersOfAsync(message.RecipientUnitId, recipient.Side, ct);
                // And the recipient's team leader and the leader on duty, where Teams and Duty can tell.
                foreach (var lookup in alsoTell)
                    leaders.AddRange(await lookup.LeadersForAsync(message.RecipientId, message.RecipientUnitId, now, ct));
                leaders.RemoveAll(leader => leader == message.RecipientId);
                await notify.ToPeopleAsync(leaders, MessageKind.Unacknowledged, new Notify.Subject(message.SubjectType, message.SubjectId, message.Link),
                    new Text("Delivery.Title.Unacknowledged", Text.Literal(recipient.DisplayName), message.Kind), message.Police, ct);
            }
            audit.Add(level == NextChannel ? "message-chase" : "message-escalate", "message", id.ToString(CultureInfo.InvariantCulture),
                detail: level == NextChannel ? $"to {chase}" : "to the leaders", userName: "system");
            try
            {
                await db.SaveChangesAsync(ct);
                chased++;
                if (level == Escalated)
                    metrics.Escalated("message", 1);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Acknowledged meanwhile, or another instance took this step.
            }
            db.ChangeTracker.Clear();
        }
        return chased;
    }
}
