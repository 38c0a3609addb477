using Microsoft.Extensions.Options;
using PoliceGrid.Web.Data;

namespace PoliceGrid.Web.Accounts;

/// <summary>The sign-in and session settings (<see cref="AccountOptions"/>) as the accounts feature uses them.</summary>
public sealed class AccountSettings(IOptions<AccountOptions> options, IOptions<DemoOptions> demo)
{
    public const string PendingClaim = "policegrid:pending";
    public const string PendingPassword = "password";
    public const string PendingTwoFactor = "two-factor";

    public bool Demo => demo.Value.Enabled;

    /// <summary>On outside demo mode unless set: 等保 level 3 asks for two factors.</summary>
    public bool RequireTwoFactor => options.Value.RequireTwoFactor ?? !Demo;

    /// <summary>0 turns rotation off.</summary>
    public int PasswordMaxAgeDays => options.Value.PasswordMaxAgeDays;

    public TimeSpan AbsoluteSession => TimeSpan.FromHours(options.Value.AbsoluteSessionHours);

    public int AttemptsPerAddress => options.Value.LoginAttemptsPerMinute;

    public int AttemptsPerAccount => options.Value.LoginAttemptsPerAccountPerMinute;

    /// <summary>What the account must do before it may do anything else: change its password or enrol a second factor.</summary>
    public string? Pending(Account account, DateTime utcNow)
    {
        // Demo accounts keep the documented demo password however old the demo database is.
        var expired = PasswordMaxAgeDays > 0 && !account.IsDemo && account.PasswordChangedAt is { } changed
            && utcNow - changed > TimeSpan.FromDays(PasswordMaxAgeDays);
        if (account.MustChangePassword || expired)
            return PendingPassword;
        if (RequireTwoFactor && account.Role.NeedsSecondFactor() && !account.TwoFactorEnabled)
            return PendingTwoFactor;
        return null;
    }
}
