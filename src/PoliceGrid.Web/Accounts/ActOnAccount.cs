using System.Globalization;
using Microsoft.AspNetCore.Identity;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Accounts;

/// <summary>
/// An administrator unlocks, disables or enables an account, or ends its sessions. Nobody disables an account or ends
/// its sessions outside their duty (三员分立, <see cref="CreateAccount.Covers"/>); each attempt is audited.
/// </summary>
public sealed class ActOnAccount(UserManager<Account> users, AuditTrail audit, TimeProvider clock)
{
    /// <summary>Unlocking is the security administrator's (the endpoint asks for the capability), for any account.</summary>
    public async Task<Result> UnlockAsync(int id)
    {
        var account = await users.FindByIdAsync(Id(id));
        if (account is null)
            return Result.NotFound();
        await users.SetLockoutEndDateAsync(account, null);
        await users.ResetAccessFailedCountAsync(account);
        await audit.WriteAsync("unlock-account", "account", Id(id), detail: account.UserName);
        return Result.Done;
    }

    public Task<Result> DisableAsync(Viewer viewer, int id) => ActAsync(viewer, id, "disable-account", async account =>
    {
        if (viewer.AccountId == account.Id)
            return Result.Conflict(new Text("Accounts.YouCannotDisableYourOwnAccount"));
        account.DisabledAt = clock.GetUtcNow().UtcDateTime;
        await users.UpdateSecurityStampAsync(account);
        return Result.Done;
    });

    public Task<Result> EnableAsync(Viewer viewer, int id) => ActAsync(viewer, id, "enable-account", async account =>
    {
        account.DisabledAt = null;
        await users.UpdateAsync(account);
        return Result.Done;
    });

    /// <summary>Every session of the account ends, on every instance, at its next request.</summary>
    public Task<Result> EndSessionsAsync(Viewer viewer, int id) => ActAsync(viewer, id, "end-sessions", async account =>
    {
        await users.UpdateSecurityStampAsync(account);
        return Result.Done;
    });

    async Task<Result> ActAsync(Viewer viewer, int id, string action, Func<Account, Task<Result>> change)
    {
        var account = await users.FindByIdAsync(Id(id));
        if (account is null)
            return Result.NotFound();
        var result = CreateAccount.Covers(viewer.Role, account.Role) ? await change(account) : Result.Forbidden(CreateAccount.OutsideDuty);
        await audit.WriteAsync(action, "account", Id(id), result.IsDone ? AuditOutcome.Success : AuditOutcome.Failure, account.UserName);
        return result;
    }

    static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
