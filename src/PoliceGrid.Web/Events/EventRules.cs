using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Events;

/// <summary>
/// The event state machine and who may move it: which action leads from which states to which, and whether a viewer
/// may take it. The API, the pages and the sweep all go through these rules.
/// </summary>
public static class EventRules
{
    /// <summary>Steps that are not a person's action: the report, the sweep's escalation, and the two sides of a split or merge.</summary>
    public const string ReportStep = "report";
    public const string OverdueEscalateStep = "overdue-escalate";
    public const string SplitFromStep = "split-from";
    public const string MergedInStep = "merged-in";
    public const string HandedBackStep = "handed-back";

    static readonly EventStatus[] Open = [EventStatus.Reported, EventStatus.Accepted, EventStatus.Dispatched, EventStatus.InProgress, EventStatus.Handled, EventStatus.Returned];
    static readonly EventStatus[] Unfinished = [EventStatus.Reported, EventStatus.Accepted, EventStatus.Dispatched, EventStatus.InProgress, EventStatus.Returned];

    /// <summary>The states an action may start from, and the state it leads to (null: the state does not change).</summary>
    public static (IReadOnlyList<EventStatus> From, EventStatus? To) Transition(EventAction action) => action switch
    {
        EventAction.Accept => ([EventStatus.Reported], EventStatus.Accepted),
        EventAction.Dispatch => ([EventStatus.Reported, EventStatus.Accepted, EventStatus.Dispatched, EventStatus.InProgress, EventStatus.Returned], EventStatus.Dispatched),
        EventAction.Start => ([EventStatus.Accepted, EventStatus.Dispatched, EventStatus.Returned], EventStatus.InProgress),
        EventAction.Handle => ([EventStatus.InProgress], EventStatus.Handled),
        EventAction.Verify => ([EventStatus.Handled], EventStatus.Closed),
        EventAction.Return => ([EventStatus.Handled], EventStatus.Returned),
        EventAction.Merge => (Unfinished, EventStatus.Merged),
        EventAction.Cancel => (Unfinished, EventStatus.Cancelled),
        EventAction.Split or EventAction.Escalate => (Open, null),
        EventAction.MarkConfidential => ([.. Open, EventStatus.Closed], null),
        _ => ([], null),
    };

    public static bool Allows(EventAction action, EventStatus status) => Transition(action).From.Contains(status);

    /// <summary>Command room, station head, centre director, grid chief: triage, dispatch, verify and close.</summary>
    public static bool Supervises(Viewer viewer) =>
        viewer.Can(Capability.SuperviseEvents);

    /// <summary>The person the event is assigned to, or, while no one is, the people of the responsible unit on the right side.</summary>
    public static bool Handles(Event e, Viewer viewer)
    {
        if (e.HandlerAccountId is { } person)
            return person == viewer.AccountId;
        if (e.HandlerUnitId != viewer.Unit.Id && e.HandlerSide != HandlerSide.Department)
            return false;
        return e.HandlerSide switch
        {
            HandlerSide.Grid => viewer.Role is Role.GridWorker or Role.GridChief or Role.MicroGridWorker,
            HandlerSide.Police => viewer.Role is Role.CommunityOfficer or Role.AuxiliaryOfficer or Role.PoliceAssistant,
            HandlerSide.Department => viewer.Role == Role.DepartmentOfficer && e.Department == viewer.Department,
            _ => false,
        };
    }

    /// <summary>Whether the viewer may take the action on this event (state aside).</summary>
    public static bool May(EventAction action, Event e, Viewer viewer) => action switch
    {
        EventAction.Accept => Supervises(viewer) || Handles(e, viewer),
        EventAction.Dispatch or EventAction.Merge or EventAction.Split or EventAction.Verify or EventAction.Return => Supervises(viewer),
        EventAction.Start or EventAction.Handle => Handles(e, viewer),
        EventAction.Cancel => Supervises(viewer) || (e.ReporterAccountId == viewer.AccountId && e.Status == EventStatus.Reported),
        EventAction.Escalate => Supervises(viewer) || Handles(e, viewer),
        EventAction.MarkConfidential => viewer.Can(Capability.SeePoliceDetail) && !e.IsConfidential,
        _ => false,
    };

    /// <summary>The actions the viewer could take now, for the page's buttons.</summary>
    public static IReadOnlyList<EventAction> Available(Event e, Viewer viewer) =>
        EventActions.All.Where(a => Allows(a, e.Status) && May(a, e, viewer)).ToList();

    public static (string Zh, string En) Label(EventAction action) => Words.PairOf(action);

    /// <summary>The label of a stored step: a person's action, or one of the steps the system writes.</summary>
    public static (string Zh, string En) StepLabel(string step) => EventActions.FromCode(step) is { } action ? Label(action) : step switch
    {
        ReportStep => Words.Pair("Events.Report"),
        OverdueEscalateStep => Words.Pair("Events.EscalatedWhenOverdue"),
        SplitFromStep => Words.Pair("Events.CreatedByASplit"),
        MergedInStep => Words.Pair("Events.ADuplicateMergedIn"),
        HandedBackStep => Words.Pair("Events.HandedBackToTheUnit"),
        _ => (step, step),
    };
}
