using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Shared.Live;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Events;

/// <summary>
/// Moves an event one step: accept, dispatch (and re-dispatch), start, handle, verify, return for rework, merge, cancel,
/// escalate, mark confidential. The caller names the version it saw; if someone else moved the event meanwhile the
/// answer is 409 with the event as it is now. Every step is kept with its note and photos, audited, and sent live.
/// </summary>
public sealed class ActOnEvent(PoliceGridDb db, AuditTrail audit, EventSettingsCache settings, LiveFeed live, EventMessages messages, TimeProvider clock)
{
    public sealed record Request(int? Version, string? Note, int? UnitId, int? AccountId, int? IntoId, IReadOnlyList<ReportEvent.Photo>? Photos);

    /// <summary>
    /// Done: the event as it now is. In conflict: the event as someone else left it, for the caller to show. Split has
    /// its own use case (<see cref="SplitEvent"/>), since it creates events.
    /// </summary>
    public async Task<Result<Event>> RunAsync(Viewer viewer, int id, EventAction action, Request request, CancellationToken ct = default)
    {
        var e = await db.Events.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (e is null || !AccessPolicy.CanSee(e, viewer))
            return Result.NotFound().As<Event>();
        if (action == EventAction.Split)
            return Result.Invalid(new Text("Events.ThereIsNoSuchAction")).As<Event>();
        if (!AccessPolicy.SeesDetails(e, viewer) || !EventRules.May(action, e, viewer))
        {
            await audit.WriteAsync("event-" + action.Code(), "event", Id(e.Id), AuditOutcome.Denied, "not permitted");
            return Result.Forbidden(new Text("Events.YouMayNotDoThisTo")).As<Event>();
        }
        if (request.Version is { } seen && seen != e.Version)
            return Stale(e);
        if (!EventRules.Allows(action, e.Status))
            return Conflict(e, new Text("Events.TheEventIsNow0It", e.Status.Label(), EventRules.Label(action)));
        var note = request.Note?.Trim();
        if (note is { Length: > 2000 })
            return Invalid(new Text("Events.TheNoteIsAtMost2000"));
        if (action is EventAction.Handle or EventAction.Return or EventAction.Cancel && string.IsNullOrEmpty(note))
            return Invalid(new Text("Events.PleaseWriteANote"));
        var photos = Photos(request.Photos);
        if (photos is null)
            return Invalid(new Text("Events.PhotosMustBeJPEGPNGOr"));

        var category = (await settings.GetAsync(ct)).Categories[e.CategoryId];
        var now = ReportEvent.Now(clock);
        var from = e.Status;
        var detail = "";
        Event? into = null;
        switch (action)
        {
            case EventAction.Accept:
                if (EventRules.Handles(e, viewer) && e.HandlerAccountId is null)
                    e.HandlerAccountId = viewer.AccountId;
                break;
            case EventAction.Dispatch:
                var problem = await AssignAsync(e, viewer, request, ct);
                if (problem is not null)
                    return Invalid(problem);
                detail = $"to {e.HandlerSide}:{e.HandlerUnitId}/{e.HandlerAccountId}";
                break;
            case EventAction.Start:
                e.HandlerAccountId ??= viewer.AccountId;
                break;
            case EventAction.Handle:
                e.Resolution = note;
                e.HandledAt = now;
                break;
            case EventAction.Verify:
                e.ClosedAt = now;
                break;
            case EventAction.Return:
                e.ReworkCount++;
                break;
            case EventAction.Merge:
                into = request.IntoId is { } intoId && intoId != e.Id ? await db.Events.SingleOrDefaultAsync(x => x.Id == intoId, ct) : null;
                if (into is null || !AccessPolicy.CanSee(into, viewer) || !into.IsOpen)
                    return Invalid(new Text("Events.ChooseAnotherOpenEventYouCan"));
                e.MergedIntoId = into.Id;
                e.ClosedAt = now;
                detail = $"into {into.Id}";
                break;
            case EventAction.Cancel:
                e.ClosedAt = now;
                break;
            case EventAction.Escalate:
                if (e.EscalationLevel >= StepLimits.TopLevel)
                    return Conflict(e, new Text("Events.AlreadyEscalatedToTheCommandRoom"));
                e.EscalationLevel++;
                detail = $"level {e.EscalationLevel}";
                break;
            case EventAction.MarkConfidential:
                e.IsConfidential = true;
                break;
        }

        var to = EventRules.Transition(action).To ?? from;
        e.Status = to;
        if (to != from)
            StepLimits.StartStep(e, now, category.LimitFor(to));
        e.UpdatedAt = now;
        e.Version++;
        var step = new EventStep
        {
            EventId = e.Id, At = now, AccountId = viewer.AccountId, ActorName = viewer.DisplayName, Action = action.Code(),
            FromStatus = from, ToStatus = to, Note = note, HandlerUnitId = e.HandlerUnitId, HandlerAccountId = e.HandlerAccountId,
        };
        db.EventSteps.Add(step);
        if (into is not null)
        {
            db.EventSteps.Add(new EventStep
            {
                EventId = into.Id, At = now, AccountId = viewer.AccountId, ActorName = viewer.DisplayName, Action = EventRules.MergedInStep,
                FromStatus = into.Status, ToStatus = into.Status, Note = $"{EventLabels.Number(e.Id)} {note}".Trim(),
            });
            into.UpdatedAt = now;
            into.Version++;
        }
        audit.Add("event-" + action.Code(), "event", Id(e.Id), detail: $"{from}->{to} {detail}".Trim());
        var settleUpTo = 0;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            settleUpTo = await TellAsync(e, action, ct);
            await db.SaveChangesAsync(ct);
            foreach (var (name, type, bytes) in photos)
                db.EventPhotos.Add(new EventPhoto { EventId = e.Id, StepId = step.Id, FileName = name, ContentType = type, Content = bytes, At = now });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Stale(await db.Events.AsNoTracking().SingleAsync(x => x.Id == id, ct));
        }
        if (settleUpTo > 0)
            await messages.SettleAsync(e, settleUpTo, ct);
        await live.PublishAsync(ReportEvent.Live(e, action.LiveKind()), ct);
        if (into is not null)
            await live.PublishAsync(ReportEvent.Live(into, LiveMessageKind.EventMergedIn), ct);
        return e;
    }

    /// <summary>
    /// The messages a step makes, in the step's transaction: the new handler hears of a dispatch or a return, the leaders
    /// of an escalation. Returns the newest message before them, which the step settles after its commit (the event
    /// moved, so nobody is chased for it any more), or 0 when the step settles nothing.
    /// </summary>
    async Task<int> TellAsync(Event e, EventAction action, CancellationToken ct)
    {
        var settleUpTo = action is EventAction.Escalate or EventAction.MarkConfidential ? 0 : await messages.NewestAboutAsync(e, ct);
        if (action == EventAction.Dispatch)
            await messages.ToHandlersAsync(e, Delivery.MessageKind.Task, "Delivery.Title.Task", ct);
        else if (action == EventAction.Return)
            await messages.ToHandlersAsync(e, Delivery.MessageKind.Task, "Delivery.Title.Returned", ct);
        else if (action == EventAction.Escalate)
            await messages.ToEscalationAsync(e, ct);
        return settleUpTo;
    }

    static Result<Event> Invalid(Text why) => Result.Invalid(why).As<Event>();

    static Result<Event> Conflict(Event current, Text why) => new(Outcome.Conflict, current, why);

    static Result<Event> Stale(Event now) => Conflict(now,
        new Text("Events.SomeoneElseActedOnThisEvent", now.Status.Label()));

    /// <summary>Dispatch to a unit (a grid, a police district, or the county for a department) and optionally a person in it.</summary>
    async Task<Text?> AssignAsync(Event e, Viewer viewer, Request request, CancellationToken ct)
    {
        var unitId = request.UnitId ?? e.HandlerUnitId;
        var unit = unitId is { } uid ? await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == uid, ct) : null;
        if (unit is null || !AccessPolicy.CanSee(unit, viewer) || unit.Kind is not (UnitKind.Grid or UnitKind.PoliceDistrict or UnitKind.County or UnitKind.Township))
            return new Text("Events.ChooseAGridPoliceDistrictOr");
        e.HandlerUnitId = unit.Id;
        e.HandlerSide = unit.Kind switch
        {
            UnitKind.Grid => HandlerSide.Grid,
            UnitKind.PoliceDistrict => HandlerSide.Police,
            _ => HandlerSide.Department,
        };
        e.HandlerAccountId = null;
        if (request.AccountId is { } person)
        {
            var account = await db.Users.AsNoTracking().Where(a => a.Id == person).Select(a => new { a.UnitId }).SingleOrDefaultAsync(ct);
            if (account is null || account.UnitId != unit.Id)
                return new Text("Events.ThePersonMustBelongToThe");
            e.HandlerAccountId = person;
        }
        return null;
    }

    static List<(string, string, byte[])>? Photos(IReadOnlyList<ReportEvent.Photo>? photos)
    {
        var result = new List<(string, string, byte[])>();
        if (photos is null)
            return result;
        if (photos.Count > ReportEvent.MaxPhotos)
            return null;
        foreach (var p in photos)
        {
            if (!ReportEvent.TryDecode(p, out var name, out var type, out var bytes))
                return null;
            result.Add((name, type, bytes));
        }
        return result;
    }

    static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
