using System.Globalization;
using Microsoft.AspNetCore.Identity;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Staff;

/// <summary>
/// Moves a person to another unit (调动). Her open tasks go back to the unit she leaves and her coming rota entries come
/// off (<see cref="HandBackWork"/>); her sessions end, since her area changes with her unit.
/// </summary>
public sealed class TransferStaff(PoliceGridDb db, StaffStore store, HandBackWork handBack, AuditTrail audit)
{
    public sealed record Moved(int TasksHandedBack, int ShiftsRemoved);

    public async Task<Result<Moved>> RunAsync(Viewer viewer, int id, string? unitCode, CancellationToken ct = default)
    {
        if (await store.KeptAsync(viewer, id, ct) is not var (person, from))
            return Result.NotFound().As<Moved>();
        if (person.DisabledAt is not null)
            return Result.Conflict(new Text("Staff.ReactivateThePersonFirst")).As<Moved>();
        var to = string.IsNullOrWhiteSpace(unitCode) ? null : (await store.UnitsAsync([unitCode], ct)).GetValueOrDefault(unitCode.Trim());
        if (to is null)
            return Result.Invalid([new FieldProblem("unitCode", new Text("Staff.NoUnitHasThisCode"))]).As<Moved>();
        if (to.Id == from.Id)
            return Result.Invalid([new FieldProblem("unitCode", new Text("Staff.ThePersonIsAlreadyInThisUnit"))]).As<Moved>();
        if (!StaffRules.Keeps(viewer, person.Role, to))
            return Result.Invalid([new FieldProblem("unitCode", new Text("Staff.TheUnitIsOutsideYourArea"))]).As<Moved>();
        if (!StaffRules.FitsUnit(person.Role, to.Kind))
            return Result.Invalid([new FieldProblem("unitCode", new Text("Staff.ThisRoleDoesNotWorkAt", Words.Label(person.Role), Words.Label(to.Kind)))]).As<Moved>();

        var back = await handBack.RunAsync(viewer, id, person.DisplayName, ct);
        person.UnitId = to.Id;
        person.SecurityStamp = Guid.NewGuid().ToString("N");
        store.Record(viewer, id, StaffChangeKind.Transferred, new Text("Staff.Change.Transferred", from.Name, to.Name, back.Events, back.Shifts));
        audit.Add("staff-transfer", "account", id.ToString(CultureInfo.InvariantCulture), detail: $"{from.Code} -> {to.Code}; {HandBackWork.Describe(back)}");
        await db.SaveChangesAsync(ct);
        return new Moved(back.Events, back.Shifts);
    }
}
