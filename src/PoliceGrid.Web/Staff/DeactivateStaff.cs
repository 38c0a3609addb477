using System.Globalization;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Staff;

/// <summary>
/// A person leaves (离岗): her record and all it did stay, she can no longer sign in, her open tasks go back to her unit
/// and her coming rota entries come off. Reactivation brings the record back, with nothing handed back to her.
/// </summary>
public sealed class DeactivateStaff(PoliceGridDb db, StaffStore store, HandBackWork handBack, AuditTrail audit)
{
    public async Task<Result<TransferStaff.Moved>> RunAsync(Viewer viewer, int id, string? reason, CancellationToken ct = default)
    {
        if (await store.KeptAsync(viewer, id, ct) is not var (person, _))
            return Result.NotFound().As<TransferStaff.Moved>();
        if (id == viewer.AccountId)
            return Result.Conflict(new Text("Accounts.YouCannotDisableYourOwnAccount")).As<TransferStaff.Moved>();
        if (person.DisabledAt is not null)
            return Result.Conflict(new Text("Staff.ThePersonIsAlreadyDeactivated")).As<TransferStaff.Moved>();
        var why = reason?.Trim() ?? "";
        if (why.Length is 0 or > 200)
            return Result.Invalid([new FieldProblem("reason", new Text("Staff.SayWhyThePersonLeaves"))]).As<TransferStaff.Moved>();

        var back = await handBack.RunAsync(viewer, id, person.DisplayName, ct);
        person.DisabledAt = store.Now;
        person.SecurityStamp = Guid.NewGuid().ToString("N");
        store.Record(viewer, id, StaffChangeKind.Deactivated, new Text("Staff.Change.Deactivated", Text.Literal(why), back.Events, back.Shifts));
        audit.Add("staff-deactivate", "account", id.ToString(CultureInfo.InvariantCulture), detail: HandBackWork.Describe(back));
        await db.SaveChangesAsync(ct);
        return new TransferStaff.Moved(back.Events, back.Shifts);
    }

    public async Task<Result> ReactivateAsync(Viewer viewer, int id, CancellationToken ct = default)
    {
        if (await store.KeptAsync(viewer, id, ct) is not var (person, _))
            return Result.NotFound();
        if (person.DisabledAt is null)
            return Result.Conflict(new Text("Staff.ThePersonIsActive"));
        person.DisabledAt = null;
        store.Record(viewer, id, StaffChangeKind.Reactivated, new Text("Staff.Change.Reactivated"));
        audit.Add("staff-reactivate", "account", id.ToString(CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(ct);
        return Result.Done;
    }
}
