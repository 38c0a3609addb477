using Microsoft.AspNetCore.Identity;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Accounts;

/// <summary>Identity's refusals (ours are "中文 / English") as one invalid result, kept in both languages.</summary>
static class IdentityRefusal
{
    public static Result Of(IdentityResult result, Text lead)
    {
        var reasons = result.Errors.Select(e => e.Description.Split(" / ", 2)).ToList();
        return Result.Invalid(Text.Data(
            Words.Zh("Shell.LabelValue", lead, string.Join(Words.Zh("Shell.Semicolon"), reasons.Select(r => r[0]))),
            Words.En("Shell.LabelValue", lead, string.Join(Words.En("Shell.Semicolon"), reasons.Select(r => r[^1])))));
    }
}

/// <summary>The signed-in account changes its own password: this session goes on, every other one ends.</summary>
public sealed class ChangePassword(UserManager<Account> users, SignIn signIn, AuditTrail audit, IHttpContextAccessor http)
{
    public async Task<Result> RunAsync(string? currentPassword, string? newPassword)
    {
        var account = await users.GetUserAsync(http.HttpContext!.User) ?? throw new InvalidOperationException("Not signed in.");
        if (string.IsNullOrEmpty(currentPassword) || string.IsNullOrEmpty(newPassword))
            return Result.Invalid(new Text("Accounts.EnterTheCurrentAndTheNew"));
        if (!await users.CheckPasswordAsync(account, currentPassword))
        {
            // Counts toward the lockout: whoever holds a session must not try passwords through it freely.
            await users.AccessFailedAsync(account);
            await audit.WriteAsync("change-password", "account", Id(account), AuditOutcome.Failure, "wrong current password");
            return Result.Invalid(new Text("Accounts.TheCurrentPasswordIsWrong"));
        }
        var result = await users.ChangePasswordAsync(account, currentPassword, newPassword);
        if (!result.Succeeded)
            return IdentityRefusal.Of(result, new Text("Accounts.ThePasswordWasNotChanged"));
        account.MustChangePassword = false;
        await users.UpdateAsync(account);
        await signIn.RenewAsync(account);
        await audit.WriteAsync("change-password", "account", Id(account));
        return Result.Done;
    }

    static string Id(Account account) => account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The signed-in account enrols an authenticator app: a key to add to the app, then a code from it confirms.</summary>
public sealed class EnrolTwoFactor(UserManager<Account> users, IUserStore<Account> store, SignIn signIn, AuditTrail audit, IHttpContextAccessor http)
{
    public static readonly Text AlreadyEnrolledText = new("Accounts.AnAuthenticatorIsAlreadyEnrolledAsk");

    static readonly Result AlreadyEnrolled = Result.Conflict(AlreadyEnrolledText);

    /// <summary>The key to enrol, made once; a conflict when an authenticator is already enrolled.</summary>
    public async Task<Result<AuthApi.AuthenticatorKey>> KeyAsync()
    {
        var account = await CurrentAsync();
        if (account.TwoFactorEnabled)
            return AlreadyEnrolled.As<AuthApi.AuthenticatorKey>();
        var key = await users.GetAuthenticatorKeyAsync(account);
        if (string.IsNullOrEmpty(key))
        {
            // Not ResetAuthenticatorKeyAsync: it rotates the security stamp, which would end this very session.
            key = users.GenerateNewAuthenticatorKey();
            await ((IUserAuthenticatorKeyStore<Account>)store).SetAuthenticatorKeyAsync(account, key, CancellationToken.None);
            await users.UpdateAsync(account);
        }
        return new AuthApi.AuthenticatorKey(key, SingleUseAuthenticator.Grouped(key), SingleUseAuthenticator.Uri(account.UserName!, key));
    }

    public async Task<Result> ConfirmAsync(string? code)
    {
        var account = await CurrentAsync();
        if (account.TwoFactorEnabled)
            return AlreadyEnrolled;
        if (string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(account)))
            return Result.Invalid(new Text("Accounts.OpenTheEnrolmentPageForA"));
        if (string.IsNullOrWhiteSpace(code) || !await users.VerifyTwoFactorTokenAsync(account, TokenOptions.DefaultAuthenticatorProvider, code))
        {
            await audit.WriteAsync("enrol-two-factor", "account", Id(account), AuditOutcome.Failure, "wrong code");
            return Result.Invalid(SignIn.CodeRefused);
        }
        await users.SetTwoFactorEnabledAsync(account, true);
        await signIn.RenewAsync(account);
        await audit.WriteAsync("enrol-two-factor", "account", Id(account));
        return Result.Done;
    }

    async Task<Account> CurrentAsync() =>
        await users.GetUserAsync(http.HttpContext!.User) ?? throw new InvalidOperationException("Not signed in.");

    static string Id(Account account) => account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
