using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Accounts;

/// <summary>
/// Accounts, under separated duties (三员分立): the system administrator creates operational accounts; the security
/// administrator creates the three administrator accounts and unlocks locked ones. Nobody creates an account for a role
/// their own duty does not cover.
/// </summary>
public static class AccountsApi
{
    public static void MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/accounts").RequireAuthorization(Permissions.ManageAccounts);
        api.MapPost("/", CreateAccount).WithName("CreateAccount");
        api.MapPost("/{id:int}/unlock", UnlockAccount).WithName("UnlockAccount");
    }

    public sealed record NewAccount(string? UserName, string? DisplayName, Role? Role, string? UnitCode, string? Password);

    public sealed record Created(int Id, string UserName, Role Role, Side Side, int UnitId);

    static async Task<Results<Ok<Created>, ProblemHttpResult>> CreateAccount(NewAccount request, AccessPolicy access,
        UserManager<Account> users, PoliceGridDb db, AuditTrail audit)
    {
        var viewer = await access.CurrentAsync();
        if (request.Role is not { } role || !Enum.IsDefined(role))
            return Problems.BadRequest(new Text("请选择角色", "Choose a role"));
        if (role.IsAdministrator() != (viewer.Role == Role.SecurityAdmin))
            return Problems.Of(StatusCodes.Status403Forbidden, new Text(
                "三员分立：管理员账号由安全管理员创建，业务账号由系统管理员创建", "Separated duties: the security administrator creates administrator accounts, the system administrator creates operational ones"));
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrWhiteSpace(request.DisplayName))
            return Problems.BadRequest(new Text("用户名和姓名不能为空", "User name and display name are required"));
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Code == request.UnitCode);
        if (unit is null)
            return Problems.BadRequest(new Text("所属单位代码不存在", "The unit code does not exist"));

        var account = new Account { UserName = request.UserName.Trim(), DisplayName = request.DisplayName.Trim(), Role = role, Side = role.DefaultSide(), UnitId = unit.Id };
        var result = await users.CreateAsync(account, request.Password ?? "");
        if (!result.Succeeded)
            return Problems.BadRequest(new Text("账号未创建", "The account was not created"), result.Errors.Select(e => e.Description));
        await audit.WriteAsync("create-account", "account", account.Id.ToString(CultureInfo.InvariantCulture), detail: $"{account.UserName} {role} at {unit.Code}");
        return TypedResults.Ok(new Created(account.Id, account.UserName, role, account.Side, unit.Id));
    }

    static async Task<Results<NoContent, ProblemHttpResult>> UnlockAccount(int id, AccessPolicy access, UserManager<Account> users, AuditTrail audit)
    {
        if ((await access.CurrentAsync()).Role != Role.SecurityAdmin)
            return Problems.Of(StatusCodes.Status403Forbidden, new Text("只有安全管理员可以解锁账号", "Only the security administrator unlocks accounts"));
        var account = await users.FindByIdAsync(id.ToString(CultureInfo.InvariantCulture));
        if (account is null)
            return Problems.NotFound();
        await users.SetLockoutEndDateAsync(account, null);
        await users.ResetAccessFailedCountAsync(account);
        await audit.WriteAsync("unlock-account", "account", id.ToString(CultureInfo.InvariantCulture), detail: account.UserName);
        return TypedResults.NoContent();
    }
}
