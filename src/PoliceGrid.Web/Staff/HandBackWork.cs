using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Delivery;
using PoliceGrid.Web.Events;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Staff;

/// <summary>
/// When a person leaves a unit (transferred or deactivated), the work in her name goes back to the unit: each open
/// event assigned to her stays with her former unit, unassigned, with a step on the event saying why, and a message to
/// the unit's people; her rota entries from today on come off and she leaves her teams (their history keeps her). Saved
/// with the caller's SaveChanges.
/// </summary>
public sealed class HandBackWork(PoliceGridDb db, EventMessages messages, TimeProvider clock)
{
    public sealed record HandedBack(int Events, int Shifts, int Teams);

    public async Task<HandedBack> RunAsync(Viewer viewer, int accountId, string personName, CancellationToken ct = default)
    {
        var now = ReportEvent.Now(clock);
        var events = await db.Events.Where(e => e.HandlerAccountId == accountId && e.Status < EventStatus.Closed).ToListAsync(ct);
        foreach (var e in events)
        {
            e.HandlerAccountId = null;
            e.Version++;
            e.UpdatedAt = now;
            db.EventSteps.Add(new EventStep
            {
                EventId = e.Id, At = now, AccountId = viewer.AccountId, ActorName = viewer.DisplayName, Action = EventRules.HandedBackStep,
                FromStatus = e.Status, ToStatus = e.Status, Note = Words.Store(new Text("Staff.HandedBackBecauseLeft", personName)),
                HandlerUnitId = e.HandlerUnitId,
            });
            await messages.ToHandlersAsync(e, MessageKind.Task, "Delivery.Title.HandedBack", ct);
        }
        var today = ChinaTime.Today(clock);
        var shifts = await db.DutyShifts.Where(s => s.AccountId == accountId && s.Date >= today).ToListAsync(ct);
        db.DutyShifts.RemoveRange(shifts);
        var teams = await db.TeamMembers.Where(m => m.AccountId == accountId && m.EndedAt == null).ToListAsync(ct);
        foreach (var membership in teams)
            membership.EndedAt = now;
        return new HandedBack(events.Count, shifts.Count, teams.Count);
    }

    public static string Describe(HandedBack back) =>
        string.Create(CultureInfo.InvariantCulture, $"tasks handed back {back.Events}, rota entries removed {back.Shifts}, teams left {back.Teams}");
}
