using Microsoft.AspNetCore.Identity;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Accounts;

/// <summary>Signs a person in by name and password, for the sign-in page and the API alike.</summary>
public sealed class SignIn(SignInManager<Account> signIn, UserManager<Account> users, AuditTrail audit, IConfiguration configuration)
{
    /// <summary>The one answer for an unknown name, a wrong password and a locked account, so none can be told apart.</summary>
    public static readonly Text Refused = new("用户名或密码错误，或账号已被锁定，请稍后再试", "Wrong user name or password, or the account is locked; try again later");

    public async Task<Account?> AttemptAsync(string? userName, string? password)
    {
        var account = string.IsNullOrWhiteSpace(userName) ? null : await users.FindByNameAsync(userName.Trim());
        if (account is null || string.IsNullOrEmpty(password) || (account.IsDemo && !configuration.GetValue<bool>("Demo:Enabled")))
        {
            await audit.WriteAsync("login", "account", userName, AuditOutcome.Failure, "unknown user or empty password", userName);
            return null;
        }

        var wasLocked = await users.IsLockedOutAsync(account);
        var result = await signIn.PasswordSignInAsync(account, password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.WriteAsync("login", "account", Id(account), userName: account.UserName, accountId: account.Id);
            return account;
        }

        var id = Id(account);
        if (result.IsLockedOut && !wasLocked)
            audit.Add("account-locked", "account", id, AuditOutcome.Success, "5 failed sign-ins: locked for 15 minutes", account.UserName, account.Id);
        await audit.WriteAsync("login", "account", id, AuditOutcome.Failure, result.IsLockedOut ? "locked" : "wrong password", account.UserName, account.Id);
        return null;
    }

    static string Id(Account account) => account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task SignOutAsync()
    {
        await audit.WriteAsync("logout");
        await signIn.SignOutAsync();
    }
}
