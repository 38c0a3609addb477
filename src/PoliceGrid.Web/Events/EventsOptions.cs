using System.ComponentModel.DataAnnotations;

namespace PoliceGrid.Web.Events;

/// <summary>The <c>Events</c> section.</summary>
public sealed class EventsOptions
{
    /// <summary>How often overdue events are escalated; 0 turns the sweep off.</summary>
    [Range(0, 86_400, ErrorMessage = "Events:SweepSeconds 须为 0 至 86400 / Events:SweepSeconds must be 0 to 86400")]
    public int SweepSeconds { get; set; } = 60;
}
