using System.Diagnostics.Metrics;

namespace PoliceGrid.Web.Shared;

/// <summary>
/// The product's own meter (<c>PoliceGrid</c>), which features count on and Operations publishes on <c>/metrics</c>;
/// request counts and latency come from ASP.NET Core's own meter beside it.
/// </summary>
public sealed class ProductMetrics
{
    public const string MeterName = "PoliceGrid";

    readonly Counter<long> escalations;

    public ProductMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        escalations = Meter.CreateCounter<long>("policegrid.escalations", unit: "{escalation}",
            description: "Overdue events and unacknowledged messages escalated to the next level");
    }

    public Meter Meter { get; }

    /// <summary><paramref name="subject"/>: <c>event</c> or <c>message</c>.</summary>
    public void Escalated(string subject, int count)
    {
        if (count > 0)
            escalations.Add(count, new KeyValuePair<string, object?>("subject", subject));
    }
}
