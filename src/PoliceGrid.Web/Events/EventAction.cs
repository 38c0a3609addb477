using PoliceGrid.Web.Shared.Live;

namespace PoliceGrid.Web.Events;

/// <summary>What a person may do to an event. Each has its own route (<c>/api/events/{id}/accept</c> …) and form.</summary>
public enum EventAction
{
    Accept,
    Dispatch,
    Start,
    Handle,
    Verify,
    Return,
    Merge,
    Split,
    Cancel,
    Escalate,
    MarkConfidential,
}

public static class EventActions
{
    public static readonly IReadOnlyList<EventAction> All = Enum.GetValues<EventAction>();

    /// <summary>The action's name in its route, in forms, in audit actions (<c>event-accept</c>) and in stored steps.</summary>
    public static string Code(this EventAction action) => action switch
    {
        EventAction.Accept => "accept",
        EventAction.Dispatch => "dispatch",
        EventAction.Start => "start",
        EventAction.Handle => "handle",
        EventAction.Verify => "verify",
        EventAction.Return => "return",
        EventAction.Merge => "merge",
        EventAction.Split => "split",
        EventAction.Cancel => "cancel",
        EventAction.Escalate => "escalate",
        EventAction.MarkConfidential => "confidential",
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    public static EventAction? FromCode(string? code) => All.Cast<EventAction?>().FirstOrDefault(a => a!.Value.Code() == code);

    /// <summary>What open pages hear when the action is done.</summary>
    public static LiveMessageKind LiveKind(this EventAction action) => action switch
    {
        EventAction.Accept => LiveMessageKind.EventAccept,
        EventAction.Dispatch => LiveMessageKind.EventDispatch,
        EventAction.Start => LiveMessageKind.EventStart,
        EventAction.Handle => LiveMessageKind.EventHandle,
        EventAction.Verify => LiveMessageKind.EventVerify,
        EventAction.Return => LiveMessageKind.EventReturn,
        EventAction.Merge => LiveMessageKind.EventMerge,
        EventAction.Split => LiveMessageKind.EventSplit,
        EventAction.Cancel => LiveMessageKind.EventCancel,
        EventAction.Escalate => LiveMessageKind.EventEscalate,
        EventAction.MarkConfidential => LiveMessageKind.EventConfidential,
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };
}
