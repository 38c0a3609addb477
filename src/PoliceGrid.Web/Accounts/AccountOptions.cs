using System.ComponentModel.DataAnnotations;

namespace PoliceGrid.Web.Accounts;

/// <summary>The sign-in and session settings of the <c>Security</c> section (README, "Configuration").</summary>
public sealed class AccountOptions
{
    [Range(1, 1_000_000, ErrorMessage = "Security:LoginAttemptsPerMinute 须为 1 至 1000000 / Security:LoginAttemptsPerMinute must be 1 to 1000000")]
    public int LoginAttemptsPerMinute { get; set; } = 20;

    [Range(1, 1_000_000, ErrorMessage = "Security:LoginAttemptsPerAccountPerMinute 须为 1 至 1000000 / Security:LoginAttemptsPerAccountPerMinute must be 1 to 1000000")]
    public int LoginAttemptsPerAccountPerMinute { get; set; } = 10;

    [Range(0.1, 24 * 30, ErrorMessage = "Security:AbsoluteSessionHours 须为 0.1 至 720 / Security:AbsoluteSessionHours must be 0.1 to 720")]
    public double AbsoluteSessionHours { get; set; } = 12;

    /// <summary>0 turns rotation off.</summary>
    [Range(0, 3650, ErrorMessage = "Security:PasswordMaxAgeDays 须为 0 至 3650 / Security:PasswordMaxAgeDays must be 0 to 3650")]
    public int PasswordMaxAgeDays { get; set; } = 90;

    /// <summary>Unset: on outside demo mode (等保 level 3 asks for two factors), off in demo mode.</summary>
    public bool? RequireTwoFactor { get; set; }
}
