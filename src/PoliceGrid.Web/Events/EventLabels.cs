namespace PoliceGrid.Web.Events;

public static class EventLabels
{
    public static bool IsOpen(this EventStatus status) => status < EventStatus.Closed;

    public static (string Zh, string En) Label(this EventStatus status) => status switch
    {
        EventStatus.Reported => ("已上报", "Reported"),
        EventStatus.Accepted => ("已受理", "Accepted"),
        EventStatus.Dispatched => ("已派遣", "Dispatched"),
        EventStatus.InProgress => ("处置中", "In progress"),
        EventStatus.Handled => ("已办结待核查", "Handled, to verify"),
        EventStatus.Returned => ("退回重办", "Returned for rework"),
        EventStatus.Closed => ("已结案", "Closed"),
        EventStatus.Merged => ("已合并", "Merged"),
        EventStatus.Cancelled => ("已撤销", "Cancelled"),
        _ => (status.ToString(), status.ToString()),
    };

    /// <summary>What a reporter who may not see the details is told: status only, in plain words.</summary>
    public static (string Zh, string En) Neutral(this EventStatus status) => status switch
    {
        EventStatus.Reported => ("已收到", "Received"),
        EventStatus.Closed => ("已办结", "Dealt with"),
        EventStatus.Merged => ("已并入同一事件处理", "Handled together with a report of the same matter"),
        EventStatus.Cancelled => ("已撤销", "Withdrawn"),
        _ => ("处理中", "Being dealt with"),
    };

    public static (string Zh, string En) Label(this EventSource source) => source switch
    {
        EventSource.GridWorker => ("网格员", "Grid worker"),
        EventSource.Officer => ("民警", "Officer"),
        EventSource.MicroGridWorker => ("微网格员", "Micro-grid worker"),
        EventSource.Citizen => ("群众", "Citizen"),
        EventSource.Call110 => ("110分流", "Diverted 110 call"),
        EventSource.Hotline12345 => ("12345热线", "12345 hotline"),
        EventSource.Department => ("部门", "Department"),
        _ => (source.ToString(), source.ToString()),
    };

    public static (string Zh, string En) Label(this HandlerSide side) => side switch
    {
        HandlerSide.Grid => ("网格", "Grid"),
        HandlerSide.Police => ("公安", "Police"),
        HandlerSide.Department => ("部门", "Department"),
        _ => ("未分派", "Unassigned"),
    };

    public static (string Zh, string En) EscalationLabel(int level) => level switch
    {
        1 => ("已升级至网格长", "Escalated to the grid chief"),
        2 => ("已升级至工作中心", "Escalated to the fusion centre"),
        >= 3 => ("已升级至指挥室", "Escalated to the command room"),
        _ => ("", ""),
    };

    /// <summary>A UTC time as China local time, the way the pages show it.</summary>
    public static string Local(DateTime? utc) =>
        utc is { } t ? RouteEvent.Local(t).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "";

    public static string Number(int id) => "SJ" + id.ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
}
