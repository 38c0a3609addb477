using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Accounts;

/// <summary>
/// The security administrator's half of 三员分立: an account the system administrator made for a role that reaches
/// personal data holds nothing until the security administrator approves it; a refusal or a withdrawal takes the
/// access away at once and ends the account's sessions.
/// </summary>
public sealed class ApproveGrant(PoliceGridDb db, UserManager<Account> users, AuditTrail audit, TimeProvider clock)
{
    public sealed record Pending(int Id, string UserName, string DisplayName, Role Role, string? Department, string UnitName, bool Approved);

    /// <summary>Accounts whose role reaches personal data, waiting ones first.</summary>
    public async Task<IReadOnlyList<Pending>> ListAsync(int take = 200)
    {
        var roles = Enum.GetValues<Role>().Where(Capabilities.NeedsApprovedGrant).ToList();
        var rows = await (from a in db.Users.AsNoTracking()
                          join u in db.Units on a.UnitId equals u.Id
                          where roles.Contains(a.Role) && (!a.IsDemo || a.GrantApprovedAt == null)
                          orderby a.GrantApprovedAt != null, a.Id descending
                          select new Pending(a.Id, a.UserName!, a.DisplayName, a.Role, a.Department, u.Name, a.GrantApprovedAt != null))
            .Take(take).ToListAsync();
        return rows;
    }

    /// <summary>Approves (<paramref name="approve"/>) or withdraws an account's access to personal data.</summary>
    public async Task<Result> DecideAsync(Viewer approver, int accountId, bool approve)
    {
        if (!approver.Can(Capability.ApproveGrants))
            return Result.Forbidden(new Text("Accounts.OnlyTheSecurityAdministratorApprovesAccess"));
        var account = await users.FindByIdAsync(accountId.ToString(CultureInfo.InvariantCulture));
        // An unknown id answers as one that needs no approval, as it always has: 400, not 404.
        if (account is null || !Capabilities.NeedsApprovedGrant(account.Role))
            return Result.Invalid(new Text("Accounts.ThisAccountNeedsNoApproval"));
        account.GrantApprovedAt = approve ? clock.GetUtcNow().UtcDateTime : null;
        account.GrantApprovedById = approve ? approver.AccountId : null;
        await users.UpdateAsync(account);
        if (!approve)
            await users.UpdateSecurityStampAsync(account);
        await audit.WriteAsync(approve ? "grant-approve" : "grant-withdraw", "account", accountId.ToString(CultureInfo.InvariantCulture),
            detail: $"{account.UserName} {account.Role}");
        return Result.Done;
    }
}
