using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Accounts;

public enum SignInStatus
{
    SignedIn,
    Refused,
    Throttled,
    CodeNeeded,
    CodeRefused,
}

public sealed record SignInOutcome(SignInStatus Status, Account? Account = null, TimeSpan RetryAfter = default)
{
    public Text Message => Status switch
    {
        SignInStatus.Throttled => SignIn.Throttled,
        SignInStatus.CodeNeeded => SignIn.CodeNeeded,
        SignInStatus.CodeRefused => SignIn.CodeRefused,
        _ => SignIn.Refused,
    };

    /// <summary>Whole seconds for a Retry-After header.</summary>
    public string RetryAfterSeconds => ((int)Math.Ceiling(Math.Max(1, RetryAfter.TotalSeconds))).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// Signs a person in by name, password and (where enrolled) a second-factor code, for the sign-in page and the API
/// alike: throttled per address and per name, in about the same time whether or not the name exists.
/// </summary>
public sealed class SignIn(SignInManager<Account> signIn, UserManager<Account> users, AuditTrail audit, AccountSettings settings,
    SignInThrottle throttle, IHttpContextAccessor http)
{
    /// <summary>The one answer for an unknown name, a wrong password and a locked or disabled account, so none can be told apart.</summary>
    public static readonly Text Refused = new("Accounts.WrongUserNameOrPasswordOr");

    public static readonly Text Throttled = new("Accounts.TooManySignInAttemptsTry");

    public static readonly Text CodeNeeded = new("Accounts.EnterThe6DigitCodeFrom");

    public static readonly Text CodeRefused = new("Accounts.TheCodeIsWrongOrHas");

    static readonly Account Nobody = new() { DisplayName = "" };
    static string? nobodysHash;

    public async Task<SignInOutcome> AttemptAsync(string? userName, string? password, string? code = null)
    {
        var name = userName?.Trim() ?? "";
        if (throttle.Refuses(http.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? "local", name) is { } wait)
            return new SignInOutcome(SignInStatus.Throttled, RetryAfter: wait);

        var account = name.Length == 0 ? null : await users.FindByNameAsync(name);
        var refusal = account is null || string.IsNullOrEmpty(password) || account.PasswordHash is null ? "unknown user or empty password"
            : account.DisabledAt is not null ? "disabled"
            : account.IsDemo && !settings.Demo ? "demo account outside demo mode"
            : await users.IsLockedOutAsync(account) ? "locked"
            : null;
        if (refusal is not null)
        {
            // The same work as checking a real password, so the time taken does not tell which names exist.
            nobodysHash ??= users.PasswordHasher.HashPassword(Nobody, Guid.NewGuid().ToString());
            users.PasswordHasher.VerifyHashedPassword(Nobody, nobodysHash, password ?? "");
            await audit.WriteAsync("login", "account", account is null ? name : Id(account), AuditOutcome.Failure, refusal, name, account?.Id);
            return new SignInOutcome(SignInStatus.Refused);
        }

        var id = Id(account!);
        var checkedPassword = await signIn.CheckPasswordSignInAsync(account!, password!, lockoutOnFailure: true);
        if (!checkedPassword.Succeeded)
        {
            await FailAsync(account!, "login", checkedPassword.IsLockedOut ? "locked" : "wrong password", checkedPassword.IsLockedOut);
            return new SignInOutcome(SignInStatus.Refused);
        }

        if (account!.TwoFactorEnabled)
        {
            if (string.IsNullOrWhiteSpace(code))
            {
                await audit.WriteAsync("login", "account", id, AuditOutcome.Failure, "second factor needed", account.UserName, account.Id);
                return new SignInOutcome(SignInStatus.CodeNeeded);
            }
            if (!await users.VerifyTwoFactorTokenAsync(account, TokenOptions.DefaultAuthenticatorProvider, code))
            {
                // Wrong codes count toward the lockout like wrong passwords.
                await users.AccessFailedAsync(account);
                var locked = await users.IsLockedOutAsync(account);
                await FailAsync(account, "login-two-factor", "wrong or reused code", locked);
                return new SignInOutcome(locked ? SignInStatus.Refused : SignInStatus.CodeRefused);
            }
            await users.ResetAccessFailedCountAsync(account);
        }

        await signIn.SignInWithClaimsAsync(account, isPersistent: false,
            account.TwoFactorEnabled ? [new Claim("amr", "mfa")] : [new Claim("amr", "pwd")]);
        await audit.WriteAsync(account.TwoFactorEnabled ? "login-two-factor" : "login", "account", id, userName: account.UserName, accountId: account.Id);
        return new SignInOutcome(SignInStatus.SignedIn, account);
    }

    /// <summary>Locked accounts are refused before their password is checked, so a lock seen here is new.</summary>
    async Task FailAsync(Account account, string action, string reason, bool lockedNow)
    {
        if (lockedNow)
            audit.Add("account-locked", "account", Id(account), AuditOutcome.Success,
                $"{users.Options.Lockout.MaxFailedAccessAttempts} failed sign-ins: locked for {users.Options.Lockout.DefaultLockoutTimeSpan.TotalMinutes:0} minutes", account.UserName, account.Id);
        await audit.WriteAsync(action, "account", Id(account), AuditOutcome.Failure, reason, account.UserName, account.Id);
    }

    static string Id(Account account) => account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Ends this session and every other session of the account, on every instance.</summary>
    public async Task SignOutAsync()
    {
        if (http.HttpContext?.User is { } user && await users.GetUserAsync(user) is { } account)
            await users.UpdateSecurityStampAsync(account);
        await audit.WriteAsync("logout");
        await signIn.SignOutAsync();
    }

    /// <summary>After the account changed its own password or second factor: this session goes on, every other one ends.</summary>
    public Task RenewAsync(Account account) => signIn.RefreshSignInAsync(account);
}
