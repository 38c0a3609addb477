using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Staff;

/// <summary>
/// One person, one account: the system administrator gives a person on the staff who has no sign-in one on her own
/// record, under the rules of a new account (三员分立): a user name he chooses, a first password the product makes,
/// shown to him once and changed at her first sign-in, and no access to personal data until the security
/// administrator approves it.
/// </summary>
public sealed class GiveSignIn(PoliceGridDb db, UserManager<Account> users, StaffStore store, AuditTrail audit)
{
    /// <summary>Done: the user name and the one-time first password, which nothing keeps but its hash.</summary>
    public sealed record Given(int Id, string UserName, string Password, bool AwaitsApproval);

    /// <summary>Who may: the system administrator, for the operational staff he keeps.</summary>
    public static bool MayGive(Viewer viewer, Role role) =>
        viewer.Can(Capability.ManageOperationalAccounts) && CreateAccount.Covers(viewer.Role, role);

    public async Task<Result<Given>> RunAsync(Viewer viewer, int id, string? userName, CancellationToken ct = default)
    {
        if (!viewer.Can(Capability.ManageOperationalAccounts))
            return Result.Forbidden(CreateAccount.OutsideDuty).As<Given>();
        if (await store.KeptAsync(viewer, id, ct) is not var (person, _))
            return Result.NotFound().As<Given>();
        if (!MayGive(viewer, person.Role))
            return Result.Forbidden(CreateAccount.OutsideDuty).As<Given>();
        if (person.PasswordHash is not null)
            return Result.Conflict(new Text("Staff.ThePersonSignsInAlready")).As<Given>();
        if (person.DisabledAt is not null)
            return Result.Conflict(new Text("Staff.ADeactivatedPersonGetsNoSignIn")).As<Given>();
        var name = userName?.Trim() ?? "";
        if (name.Length is < 3 or > 64 || name.StartsWith("staff-", StringComparison.OrdinalIgnoreCase))
            return Result.Invalid([new FieldProblem("userName", new Text("Staff.ChooseAUserName"))]).As<Given>();

        // Identity checks the name (characters, no one else's) and the password; both go in with the audit row or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var named = await users.SetUserNameAsync(person, name);
        if (!named.Succeeded)
            return IdentityRefusal.Of(named, new Text("Staff.TheSignInWasNotGiven")).As<Given>();
        var password = FirstPassword();
        var set = await users.AddPasswordAsync(person, password);
        for (var tries = 0; !set.Succeeded && set.Errors.All(e => e.Code == "PasswordRules") && tries < 5; tries++)
            set = await users.AddPasswordAsync(person, password = FirstPassword());
        if (!set.Succeeded)
            return IdentityRefusal.Of(set, new Text("Staff.TheSignInWasNotGiven")).As<Given>();
        // A first password is one-time, and a record's old grant does not travel to its sign-in: the security administrator decides.
        (person.MustChangePassword, person.GrantApprovedAt, person.GrantApprovedById) = (true, null, null);
        store.Record(viewer, id, StaffChangeKind.SignInGiven, new Text("Staff.Change.SignInGiven", Text.Literal(name)));
        audit.Add("give-sign-in", "account", id.ToString(CultureInfo.InvariantCulture), detail: $"{name} {person.Role}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new Given(id, name, password, Capabilities.NeedsApprovedGrant(person.Role));
    }

    /// <summary>14 characters from four classes, without ones read alike (0/O, 1/l/I); what PasswordRules asks, with room.</summary>
    static string FirstPassword()
    {
        const string lower = "abcdefghijkmnpqrstuvwxyz", upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", digits = "23456789", symbols = "#%+=?@";
        var chars = (RandomNumberGenerator.GetString(lower + upper + digits + symbols, 10) + RandomNumberGenerator.GetString(lower, 1)
            + RandomNumberGenerator.GetString(upper, 1) + RandomNumberGenerator.GetString(digits, 1) + RandomNumberGenerator.GetString(symbols, 1)).ToCharArray();
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
