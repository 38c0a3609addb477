using System.ComponentModel.DataAnnotations;

namespace PoliceGrid.Web.Care;

/// <summary>The <c>Care</c> section.</summary>
public sealed class CareOptions
{
    /// <summary>How often missed visits escalate; 0 turns the sweep off.</summary>
    [Range(0, 86_400, ErrorMessage = "Care:SweepSeconds 须为 0 至 86400 / Care:SweepSeconds must be 0 to 86400")]
    public int SweepSeconds { get; set; } = 60;

    /// <summary>How often care cases follow the register's special-group tags for the whole city.</summary>
    [Range(1, 10_080, ErrorMessage = "Care:SyncMinutes 须为 1 至 10080 / Care:SyncMinutes must be 1 to 10080")]
    public int SyncMinutes { get; set; } = 60;
}
