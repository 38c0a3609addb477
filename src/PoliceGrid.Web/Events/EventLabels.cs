using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Events;

public static class EventLabels
{
    public static bool IsOpen(this EventStatus status) => status < EventStatus.Closed;

    public static (string Zh, string En) Label(this EventStatus status) => Words.PairOf(status);

    /// <summary>What a reporter who may not see the details is told: status only, in plain words.</summary>
    public static (string Zh, string En) Neutral(this EventStatus status) => status switch
    {
        EventStatus.Reported => Words.Pair("EventStatusNeutral.Reported"),
        EventStatus.Closed => Words.Pair("EventStatusNeutral.Closed"),
        EventStatus.Merged => Words.Pair("EventStatusNeutral.Merged"),
        EventStatus.Cancelled => Words.Pair("EventStatusNeutral.Cancelled"),
        _ => Words.Pair("Events.BeingDealtWith"),
    };

    public static (string Zh, string En) Label(this EventSource source) => Words.PairOf(source);

    public static (string Zh, string En) Label(this HandlerSide side) => Words.PairOf(side);

    public static Text EscalationLabel(int level) => level <= 0 ? Text.Literal("") : Escalation(level);

    /// <summary>The note of an escalation step, stored as its key.</summary>
    public static Text Escalation(int level) => new($"EventEscalation.Level{Math.Clamp(level, 1, 3)}");

    /// <summary>Who took a step: a person's name, or the system (stored as a key; "系统 / system" before keys).</summary>
    public static Text Actor(string name) => Words.Stored(name, pairs: true);

    /// <summary>A step's note: the system's notes are stored as keys, people's notes are shown as they wrote them.</summary>
    public static Text Note(string action, string note) =>
        action is EventRules.ReportStep or EventRules.OverdueEscalateStep ? Words.Stored(note, pairs: true) : Text.Literal(note);

    /// <summary>A UTC time as China local time, the way the pages show it.</summary>
    public static string Local(DateTime? utc) => ChinaTime.Show(utc);

    public static string Number(int id) => "SJ" + id.ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
}
