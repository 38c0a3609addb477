using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Shared.Live;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Events;

/// <summary>
/// Splits a report that holds several matters into new events of their own (same place, routed anew); the original
/// keeps the first matter and a step naming the new ones.
/// </summary>
public sealed class SplitEvent(PoliceGridDb db, AuditTrail audit, RouteEvent route, LiveFeed live, EventMessages messages, TimeProvider clock)
{
    public sealed record Part(string? CategoryCode, string? Title, string? Description);

    public sealed record Request(int? Version, string? Note, IReadOnlyList<Part>? Parts);

    /// <summary>Done: the events split off.</summary>
    public async Task<Result<IReadOnlyList<EventView>>> RunAsync(Viewer viewer, int id, Request request, CancellationToken ct = default)
    {
        var e = await db.Events.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (e is null || !AccessPolicy.CanSee(e, viewer))
            return Result.NotFound().As<IReadOnlyList<EventView>>();
        if (!AccessPolicy.SeesDetails(e, viewer) || !EventRules.May(EventAction.Split, e, viewer))
            return Result.Forbidden(new Text("Events.YouMayNotSplitThisEvent")).As<IReadOnlyList<EventView>>();
        if ((request.Version is { } seen && seen != e.Version) || !EventRules.Allows(EventAction.Split, e.Status))
            return Result.Conflict(new Text("Events.TheEventHasChangedItIs", e.Status.Label())).As<IReadOnlyList<EventView>>();
        var parts = request.Parts ?? [];
        if (parts.Count is 0 or > 10)
            return Result.Invalid(new Text("Events.Give1To10PartsTo")).As<IReadOnlyList<EventView>>();
        var codes = parts.Select(p => p.CategoryCode?.Trim() ?? "").ToList();
        var categories = await db.EventCategories.AsNoTracking().Where(c => codes.Contains(c.Code) && c.Active).ToDictionaryAsync(c => c.Code, ct);
        if (parts.Any(p => !categories.ContainsKey(p.CategoryCode?.Trim() ?? "") || string.IsNullOrWhiteSpace(p.Title) || p.Title.Trim().Length > 200))
            return Result.Invalid(new Text("Events.EachPartNeedsAValidCategory")).As<IReadOnlyList<EventView>>();

        var now = ReportEvent.Now(clock);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var created = new List<(Event Event, EventCategory Category)>();
        foreach (var part in parts)
        {
            var category = categories[part.CategoryCode!.Trim()];
            var n = new Event
            {
                Title = part.Title!.Trim(), Description = (part.Description ?? "").Trim(), CategoryId = category.Id, Source = e.Source,
                Lon = e.Lon, Lat = e.Lat, Address = e.Address, AreaPath = e.AreaPath, CountyId = e.CountyId, TownshipId = e.TownshipId,
                VillageId = e.VillageId, GridId = e.GridId, PoliceStationId = e.PoliceStationId, PoliceDistrictId = e.PoliceDistrictId,
                IsConfidential = e.IsConfidential || category.Confidential, ReporterAccountId = e.ReporterAccountId, ReporterName = e.ReporterName,
                ReporterContact = e.ReporterContact, Status = EventStatus.Reported, ReportedAt = now, UpdatedAt = now, SplitFromId = e.Id,
                DueAt = now.AddMinutes(category.CloseMinutes),
            };
            var decision = await route.DecideAsync(category, n, now, ct);
            n.HandlerSide = decision.UnitId is null ? HandlerSide.None : decision.Side;
            n.HandlerUnitId = decision.UnitId;
            n.HandlerAccountId = decision.AccountId;
            n.Department = decision.Department;
            n.RoutedBy = decision.Reason;
            StepLimits.StartStep(n, now, category.AcceptMinutes);
            db.Events.Add(n);
            created.Add((n, category));
        }
        e.Version++;
        e.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        foreach (var (n, _) in created)
        {
            db.EventSteps.Add(new EventStep { EventId = n.Id, At = now, AccountId = viewer.AccountId, ActorName = viewer.DisplayName, Action = EventRules.SplitFromStep,
                FromStatus = EventStatus.Reported, ToStatus = EventStatus.Reported, Note = EventLabels.Number(e.Id), HandlerUnitId = n.HandlerUnitId });
            audit.Add("event-split-from", "event", n.Id.ToString(CultureInfo.InvariantCulture), detail: $"from {e.Id}");
            await messages.ToHandlersAsync(n, Delivery.MessageKind.Task, "Delivery.Title.Task", ct);
        }
        var numbers = string.Join(", ", created.Select(c => EventLabels.Number(c.Event.Id)));
        db.EventSteps.Add(new EventStep { EventId = e.Id, At = now, AccountId = viewer.AccountId, ActorName = viewer.DisplayName, Action = EventAction.Split.Code(),
            FromStatus = e.Status, ToStatus = e.Status, Note = $"{numbers} {request.Note?.Trim()}".Trim(), HandlerUnitId = e.HandlerUnitId });
        audit.Add("event-split", "event", e.Id.ToString(CultureInfo.InvariantCulture), detail: "into " + numbers);
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict(new Text("Events.SomeoneElseActedOnThisEvent2")).As<IReadOnlyList<EventView>>();
        }
        foreach (var (n, _) in created)
            await live.PublishAsync(ReportEvent.Live(n, LiveMessageKind.EventReported), ct);
        await live.PublishAsync(ReportEvent.Live(e, LiveMessageKind.EventSplit), ct);
        return new Result<IReadOnlyList<EventView>>(Outcome.Done, created.Select(c => EventView.Of(c.Event, c.Category, true, [], [])).ToList());
    }
}
