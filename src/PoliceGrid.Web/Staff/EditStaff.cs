using System.Globalization;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Staff;

/// <summary>
/// Corrects a person's record: name, mobile, numbers, role, employment, department. Her unit changes only by a
/// transfer (<see cref="TransferStaff"/>), which hands her work back; here the unit must stay.
/// </summary>
public sealed class EditStaff(PoliceGridDb db, StaffStore store, AuditTrail audit)
{
    public async Task<Result> RunAsync(Viewer viewer, int id, StaffInput input, CancellationToken ct = default)
    {
        if (await store.KeptAsync(viewer, id, ct) is not var (person, unit))
            return Result.NotFound();
        var problems = new List<FieldProblem>();
        var entry = await store.CheckAsync(input, viewer, problems, unit, ct);
        if (entry is not null && await store.ClashAsync(entry, id, ct) is { } clash)
            problems.Add(clash);
        if (entry is null || problems.Count > 0)
            return Result.Invalid(problems);

        var changed = store.Apply(entry, person);
        if (changed.Count == 0)
            return Result.Done;
        store.Record(viewer, id, StaffChangeKind.Edited, Text.Data(string.Join(Words.Zh("Shell.ListComma"), changed.Select(f => Words.Zh("Staff.Field." + f))),
            string.Join(Words.En("Shell.ListComma"), changed.Select(f => Words.En("Staff.Field." + f)))));
        audit.Add("staff-edit", "account", id.ToString(CultureInfo.InvariantCulture), detail: string.Join(",", changed));
        await db.SaveChangesAsync(ct);
        return Result.Done;
    }
}
