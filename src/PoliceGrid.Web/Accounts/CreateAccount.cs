using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Accounts;

/// <summary>
/// An administrator makes an account, under separated duties (三员分立): the system administrator makes operational
/// accounts, the security administrator the three administrator accounts. The password chosen is one-time.
/// </summary>
public sealed class CreateAccount(UserManager<Account> users, PoliceGridDb db, AuditTrail audit, IPersonRecords people)
{
    /// <summary>The mobile, ID and police numbers are optional; given, they must belong to no one on record yet (one person, one account).</summary>
    public sealed record Request(string? UserName, string? DisplayName, Role? Role, string? UnitCode, string? Password, string? Department = null,
        string? Mobile = null, string? IdNumber = null, string? PoliceNumber = null);

    public sealed record Created(int Id, string UserName, Role Role, Side Side, int UnitId, string? Department, bool AwaitsApproval);

    public static readonly Text OutsideDuty = new("Accounts.SeparatedDutiesTheSecurityAdministratorManages");

    /// <summary>The security administrator looks after administrator accounts, the system administrator after the rest.</summary>
    public static bool Covers(Role viewer, Role account) => account.IsAdministrator() == (viewer == Role.SecurityAdmin);

    public async Task<Result<Created>> RunAsync(Viewer viewer, Request request)
    {
        if (request.Role is not { } role || !Enum.IsDefined(role))
            return Refused(new Text("Accounts.ChooseARole"));
        if (!Covers(viewer.Role, role))
            return Result.Forbidden(OutsideDuty).As<Created>();
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrWhiteSpace(request.DisplayName))
            return Refused(new Text("Accounts.UserNameAndDisplayNameAre"));
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Code == request.UnitCode);
        if (unit is null)
            return Refused(new Text("Accounts.TheUnitCodeDoesNotExist"));
        var department = request.Department?.Trim();
        if (role == Role.DepartmentOfficer
            && (string.IsNullOrEmpty(department) || !await db.Departments.AnyAsync(d => d.Name == department && d.RetiredAt == null)))
            return Refused(new Text("Accounts.ADepartmentOfficerBelongsToOne"));
        if (role != Role.DepartmentOfficer)
            department = null;

        // The password the administrator chose is one-time: the account changes it at its first sign-in.
        var account = new Account
        {
            UserName = request.UserName.Trim(), DisplayName = request.DisplayName.Trim(), Role = role, Side = role.DefaultSide(), UnitId = unit.Id,
            Department = department, MustChangePassword = true,
        };
        // Someone already on the staff gets a sign-in on her own record (GiveSignIn), never a second account.
        if (await people.CheckAsync(account, request.Mobile, request.IdNumber, request.PoliceNumber) is { IsDone: false } samePerson)
            return samePerson.As<Created>();
        var result = await users.CreateAsync(account, request.Password ?? "");
        if (!result.Succeeded)
            return Result.Invalid(new Text("Accounts.TheAccountWasNotCreated")).As<Created>() with { Details = result.Errors.Select(e => e.Description).ToList() };
        await audit.WriteAsync("create-account", "account", account.Id.ToString(CultureInfo.InvariantCulture), detail: $"{account.UserName} {role} at {unit.Code}");
        return new Created(account.Id, account.UserName, role, account.Side, unit.Id, department, Capabilities.NeedsApprovedGrant(role));
    }

    static Result<Created> Refused(Text why) => Result.Invalid(why).As<Created>();
}
