using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;

namespace PoliceGrid.Web.Events;

/// <summary>
/// The event state machine and who may move it: which action leads from which states to which, and whether a viewer
/// may take it. The API, the pages and the sweep all go through these rules.
/// </summary>
public static class EventRules
{
    public const string Accept = "accept";
    public const string Dispatch = "dispatch";
    public const string Start = "start";
    public const string Handle = "handle";
    public const string Verify = "verify";
    public const string Return = "return";
    public const string Merge = "merge";
    public const string Split = "split";
    public const string Cancel = "cancel";
    public const string Escalate = "escalate";
    public const string MarkConfidential = "confidential";

    public static readonly IReadOnlyList<string> Actions = [Accept, Dispatch, Start, Handle, Verify, Return, Merge, Split, Cancel, Escalate, MarkConfidential];

    static readonly EventStatus[] Open = [EventStatus.Reported, EventStatus.Accepted, EventStatus.Dispatched, EventStatus.InProgress, EventStatus.Handled, EventStatus.Returned];
    static readonly EventStatus[] Unfinished = [EventStatus.Reported, EventStatus.Accepted, EventStatus.Dispatched, EventStatus.InProgress, EventStatus.Returned];

    /// <summary>The states an action may start from, and the state it leads to (null: the state does not change).</summary>
    public static (IReadOnlyList<EventStatus> From, EventStatus? To) Transition(string action) => action switch
    {
        Accept => ([EventStatus.Reported], EventStatus.Accepted),
        Dispatch => ([EventStatus.Reported, EventStatus.Accepted, EventStatus.Dispatched, EventStatus.InProgress, EventStatus.Returned], EventStatus.Dispatched),
        Start => ([EventStatus.Accepted, EventStatus.Dispatched, EventStatus.Returned], EventStatus.InProgress),
        Handle => ([EventStatus.InProgress], EventStatus.Handled),
        Verify => ([EventStatus.Handled], EventStatus.Closed),
        Return => ([EventStatus.Handled], EventStatus.Returned),
        Merge => (Unfinished, EventStatus.Merged),
        Cancel => (Unfinished, EventStatus.Cancelled),
        Split or Escalate => (Open, null),
        MarkConfidential => ([.. Open, EventStatus.Closed], null),
        _ => ([], null),
    };

    public static bool Allows(string action, EventStatus status) => Transition(action).From.Contains(status);

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
    public static bool May(string action, Event e, Viewer viewer) => action switch
    {
        Accept => Supervises(viewer) || Handles(e, viewer),
        Dispatch or Merge or Split or Verify or Return => Supervises(viewer),
        Start or Handle => Handles(e, viewer),
        Cancel => Supervises(viewer) || (e.ReporterAccountId == viewer.AccountId && e.Status == EventStatus.Reported),
        Escalate => Supervises(viewer) || Handles(e, viewer),
        MarkConfidential => viewer.Can(Capability.SeePoliceDetail) && !e.IsConfidential,
        _ => false,
    };

    /// <summary>The actions the viewer could take now, for the page's buttons.</summary>
    public static IReadOnlyList<string> Available(Event e, Viewer viewer) =>
        Actions.Where(a => Allows(a, e.Status) && May(a, e, viewer)).ToList();

    public static (string Zh, string En) Label(string action) => action switch
    {
        "report" => ("上报", "Report"),
        Accept => ("受理", "Accept"),
        Dispatch => ("派遣", "Dispatch"),
        Start => ("开始处置", "Start"),
        Handle => ("办结", "Mark handled"),
        Verify => ("核查结案", "Verify and close"),
        Return => ("退回重办", "Return for rework"),
        Merge => ("合并", "Merge"),
        Split => ("拆分", "Split"),
        Cancel => ("撤销", "Cancel"),
        Escalate => ("升级", "Escalate"),
        MarkConfidential => ("标记涉密", "Mark confidential"),
        "overdue-escalate" => ("超期自动升级", "Escalated when overdue"),
        "split-from" => ("由拆分产生", "Created by a split"),
        "merged-in" => ("并入重复事件", "A duplicate merged in"),
        _ => (action, action),
    };
}
