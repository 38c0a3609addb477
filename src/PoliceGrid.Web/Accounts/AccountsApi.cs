using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Accounts;

/// <summary>
/// Accounts, under separated duties (三员分立): the system administrator creates operational accounts; the security
/// administrator creates the three administrator accounts and unlocks locked ones. Nobody creates an account for a role
/// their own duty does not cover, and nobody disables an account or ends its sessions outside their duty either.
/// </summary>
public static class AccountsApi
{
    public static void MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/accounts");
        api.MapPost("/", CreateAccount).WithName("CreateAccount").Requires(Capability.ManageOperationalAccounts, Capability.ManageAdministratorAccounts);
        api.MapGet("/grants", ListGrants).WithName("ListGrants").Requires(Capability.ApproveGrants);
        api.MapPost("/{id:int}/grant", (int id, AccessPolicy access, ApproveGrant grants) => DecideGrant(id, true, access, grants))
            .WithName("ApproveGrant").Requires(Capability.ApproveGrants);
        api.MapPost("/{id:int}/withdraw-grant", (int id, AccessPolicy access, ApproveGrant grants) => DecideGrant(id, false, access, grants))
            .WithName("WithdrawGrant").Requires(Capability.ApproveGrants);
        app.MapPost("/admin/accounts/create", CreateAccountForm).WithName("CreateAccountForm")
            .Requires(Capability.ManageOperationalAccounts, Capability.ManageAdministratorAccounts)
            .WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute());
        app.MapPost("/admin/accounts/{id:int}/grant", DecideGrantForm).WithName("DecideGrantForm").Requires(Capability.ApproveGrants)
            .WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute());
        api.MapPost("/{id:int}/unlock", UnlockAccount).WithName("UnlockAccount").Requires(Capability.ApproveGrants);
        api.MapPost("/{id:int}/disable", DisableAccount).WithName("DisableAccount").Requires(Capability.ManageOperationalAccounts, Capability.ManageAdministratorAccounts);
        api.MapPost("/{id:int}/enable", EnableAccount).WithName("EnableAccount").Requires(Capability.ManageOperationalAccounts, Capability.ManageAdministratorAccounts);
        api.MapPost("/{id:int}/end-sessions", EndSessions).WithName("EndSessions").Requires(Capability.ManageOperationalAccounts, Capability.ManageAdministratorAccounts);
    }

    static readonly Text OutsideDuty = new(
        "三员分立：管理员账号由安全管理员管理，业务账号由系统管理员管理", "Separated duties: the security administrator manages administrator accounts, the system administrator operational ones");

    /// <summary>The security administrator looks after administrator accounts, the system administrator after the rest.</summary>
    static bool Covers(Role viewer, Role account) => account.IsAdministrator() == (viewer == Role.SecurityAdmin);

    public sealed record NewAccount(string? UserName, string? DisplayName, Role? Role, string? UnitCode, string? Password, string? Department = null);

    public sealed record Created(int Id, string UserName, Role Role, Side Side, int UnitId, string? Department, bool AwaitsApproval);

    static async Task<Ok<IReadOnlyList<ApproveGrant.Pending>>> ListGrants(ApproveGrant grants) => TypedResults.Ok(await grants.ListAsync());

    static async Task<IResult> CreateAccountForm(HttpContext http, AccessPolicy access, UserManager<Account> users, PoliceGridDb db, AuditTrail audit)
    {
        if (FormPosts.Expired(http) is { } expired)
            return expired;
        var form = await http.Request.ReadFormAsync();
        var request = new NewAccount(form["UserName"], form["DisplayName"], Enum.TryParse<Role>(form["Role"], out var role) ? role : null,
            form["UnitCode"], form["Password"], form["Department"]);
        var result = await CreateAccount(request, access, users, db, audit);
        return result.Result is ProblemHttpResult problem
            ? FormPosts.Back(http, "/admin/accounts", new Text(problem.ProblemDetails.Extensions["zh"]?.ToString() ?? "", problem.ProblemDetails.Extensions["en"]?.ToString() ?? ""), false)
            : FormPosts.Back(http, "/admin/accounts", new Text("账号已建立", "Account created"), true);
    }

    static async Task<IResult> DecideGrantForm(int id, HttpContext http, AccessPolicy access, ApproveGrant grants)
    {
        if (FormPosts.Expired(http) is { } expired)
            return expired;
        var approve = (await http.Request.ReadFormAsync())["Approve"] == "true";
        var problem = await grants.DecideAsync(await access.CurrentAsync(), id, approve);
        return FormPosts.Back(http, "/admin/accounts", problem ?? (approve ? new Text("已批准", "Approved") : new Text("已撤销", "Withdrawn")), problem is null);
    }

    static async Task<Results<NoContent, ProblemHttpResult>> DecideGrant(int id, bool approve, AccessPolicy access, ApproveGrant grants) =>
        await grants.DecideAsync(await access.CurrentAsync(), id, approve) is { } problem
            ? Problems.BadRequest(problem)
            : TypedResults.NoContent();

    static async Task<Results<Ok<Created>, ProblemHttpResult>> CreateAccount(NewAccount request, AccessPolicy access,
        UserManager<Account> users, PoliceGridDb db, AuditTrail audit)
    {
        var viewer = await access.CurrentAsync();
        if (request.Role is not { } role || !Enum.IsDefined(role))
            return Problems.BadRequest(new Text("请选择角色", "Choose a role"));
        if (!Covers(viewer.Role, role))
            return Problems.Of(StatusCodes.Status403Forbidden, OutsideDuty);
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrWhiteSpace(request.DisplayName))
            return Problems.BadRequest(new Text("用户名和姓名不能为空", "User name and display name are required"));
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Code == request.UnitCode);
        if (unit is null)
            return Problems.BadRequest(new Text("所属单位代码不存在", "The unit code does not exist"));
        var department = request.Department?.Trim();
        if (role == Role.DepartmentOfficer
            && (string.IsNullOrEmpty(department) || !await db.EventCategories.AnyAsync(c => c.Department == department)))
            return Problems.BadRequest(new Text("部门人员须属于一个部门（如 民政、城管）", "A department officer belongs to one department (e.g. 民政, 城管)"));
        if (role != Role.DepartmentOfficer)
            department = null;

        // The password the administrator chose is one-time: the account changes it at its first sign-in.
        var account = new Account
        {
            UserName = request.UserName.Trim(), DisplayName = request.DisplayName.Trim(), Role = role, Side = role.DefaultSide(), UnitId = unit.Id,
            Department = department, MustChangePassword = true,
        };
        var result = await users.CreateAsync(account, request.Password ?? "");
        if (!result.Succeeded)
            return Problems.BadRequest(new Text("账号未创建", "The account was not created"), result.Errors.Select(e => e.Description));
        await audit.WriteAsync("create-account", "account", account.Id.ToString(CultureInfo.InvariantCulture), detail: $"{account.UserName} {role} at {unit.Code}");
        return TypedResults.Ok(new Created(account.Id, account.UserName, role, account.Side, unit.Id, department, Capabilities.NeedsApprovedGrant(role)));
    }

    static async Task<Results<NoContent, ProblemHttpResult>> UnlockAccount(int id, AccessPolicy access, UserManager<Account> users, AuditTrail audit)
    {
        var account = await users.FindByIdAsync(id.ToString(CultureInfo.InvariantCulture));
        if (account is null)
            return Problems.NotFound();
        await users.SetLockoutEndDateAsync(account, null);
        await users.ResetAccessFailedCountAsync(account);
        await audit.WriteAsync("unlock-account", "account", id.ToString(CultureInfo.InvariantCulture), detail: account.UserName);
        return TypedResults.NoContent();
    }

    static Task<Results<NoContent, ProblemHttpResult>> DisableAccount(int id, AccessPolicy access, UserManager<Account> users, AuditTrail audit, TimeProvider clock) =>
        ActOnAsync(id, access, users, audit, "disable-account", async (viewer, account) =>
        {
            if (viewer.AccountId == account.Id)
                return Problems.Conflict(new Text("不能停用自己的账号", "You cannot disable your own account"));
            account.DisabledAt = clock.GetUtcNow().UtcDateTime;
            await users.UpdateSecurityStampAsync(account);
            return null;
        });

    static Task<Results<NoContent, ProblemHttpResult>> EnableAccount(int id, AccessPolicy access, UserManager<Account> users, AuditTrail audit) =>
        ActOnAsync(id, access, users, audit, "enable-account", async (_, account) =>
        {
            account.DisabledAt = null;
            await users.UpdateAsync(account);
            return null;
        });

    /// <summary>Every session of the account ends, on every instance, at its next request.</summary>
    static Task<Results<NoContent, ProblemHttpResult>> EndSessions(int id, AccessPolicy access, UserManager<Account> users, AuditTrail audit) =>
        ActOnAsync(id, access, users, audit, "end-sessions", async (_, account) =>
        {
            await users.UpdateSecurityStampAsync(account);
            return null;
        });

    static async Task<Results<NoContent, ProblemHttpResult>> ActOnAsync(int id, AccessPolicy access, UserManager<Account> users, AuditTrail audit,
        string action, Func<Viewer, Account, Task<ProblemHttpResult?>> change)
    {
        var viewer = await access.CurrentAsync();
        var account = await users.FindByIdAsync(id.ToString(CultureInfo.InvariantCulture));
        if (account is null)
            return Problems.NotFound();
        var refused = !Covers(viewer.Role, account.Role) ? Problems.Of(StatusCodes.Status403Forbidden, OutsideDuty) : await change(viewer, account);
        await audit.WriteAsync(action, "account", id.ToString(CultureInfo.InvariantCulture), refused is null ? AuditOutcome.Success : AuditOutcome.Failure, account.UserName);
        return refused is null ? TypedResults.NoContent() : refused;
    }
}
