using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Delivery;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Events;

/// <summary>
/// Who an event's change is a message to: its handlers when it reaches them (reported, dispatched, returned), the leaders
/// above them when it is escalated (the command room from the second level). Police work for an officer on duty reaches
/// his shift partners too, so the pair on the night shift both see it. Texts name the event's number only.
/// </summary>
public sealed class EventMessages(Notify notify, IOnDutyLookup onDuty, TimeProvider clock)
{
    public static Notify.Subject SubjectOf(Event e) => new("event", e.Id, $"/events/{e.Id}");

    static bool Police(Event e) => e.HandlerSide == HandlerSide.Police || e.IsConfidential;

    static Side SideOf(Event e) => e.HandlerSide switch
    {
        HandlerSide.Police => Side.Police,
        HandlerSide.Department => Side.Department,
        _ => Side.Grid,
    };

    public async Task<int> ToHandlersAsync(Event e, MessageKind kind, string titleKey, CancellationToken ct = default)
    {
        var title = new Text(titleKey, EventLabels.Number(e.Id));
        if (e.HandlerAccountId is { } person)
        {
            var partners = e.HandlerSide == HandlerSide.Police ? await onDuty.PartnersOnDutyAsync(person, clock.GetUtcNow().UtcDateTime, ct) : [];
            return await notify.ToPeopleAsync([person, .. partners], kind, SubjectOf(e), title, Police(e), ct);
        }
        if (e.HandlerUnitId is not { } unit)
            return 0;
        var side = SideOf(e);
        var people = await notify.PeopleOfUnitAsync(unit, side, side == Side.Department ? e.Department : null, ct);
        // Grid work is handed to the grid's responsible team too (its grid and police members: the team works it together).
        if (side == Side.Grid && !e.IsConfidential)
            people.AddRange(await notify.ResponsibleTeamOfGridAsync(unit, [Side.Grid, Side.Police], ct));
        return await notify.ToPeopleAsync(people, kind, SubjectOf(e), title, Police(e), ct);
    }

    /// <summary>The leaders above the handler (for department work the command room), then the command room.</summary>
    public async Task<int> ToEscalationAsync(Event e, CancellationToken ct = default)
    {
        if (e.HandlerUnitId is not { } unit)
            return 0;
        var side = SideOf(e);
        var people = e.EscalationLevel >= 2 ? await notify.CommandRoomOfAsync(unit, ct) : await notify.LeadersOfAsync(unit, side, ct);
        return await notify.ToPeopleAsync(people, MessageKind.Escalation, SubjectOf(e), new Text("Delivery.Title.Escalation", EventLabels.Number(e.Id), e.EscalationLevel),
            Police(e), ct);
    }

    public Task<int> NewestAboutAsync(Event e, CancellationToken ct = default) => notify.NewestAboutAsync("event", e.Id, ct);

    /// <summary>Someone took the event up: nobody is chased for it any more (the messages up to <paramref name="upTo"/>).</summary>
    public Task<int> SettleAsync(Event e, int upTo, CancellationToken ct = default) => notify.SettleAsync("event", e.Id, upTo, ct);
}
