namespace PoliceGrid.Web.Accounts;

/// <summary>The sign-in and session settings (README, "Configuration"), read where they are used.</summary>
public sealed class AccountSettings(IConfiguration configuration)
{
    public const string PendingClaim = "policegrid:pending";
    public const string PendingPassword = "password";
    public const string PendingTwoFactor = "two-factor";

    public bool Demo => configuration.GetValue<bool>("Demo:Enabled");

    /// <summary>On outside demo mode unless set: 等保 level 3 asks for two factors.</summary>
    public bool RequireTwoFactor => configuration.GetValue("Security:RequireTwoFactor", !Demo);

    /// <summary>0 turns rotation off.</summary>
    public int PasswordMaxAgeDays => configuration.GetValue("Security:PasswordMaxAgeDays", 90);

    public TimeSpan AbsoluteSession => TimeSpan.FromHours(configuration.GetValue("Security:AbsoluteSessionHours", 12.0));

    public int AttemptsPerAddress => configuration.GetValue("Security:LoginAttemptsPerMinute", 20);

    public int AttemptsPerAccount => configuration.GetValue("Security:LoginAttemptsPerAccountPerMinute", 10);

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
