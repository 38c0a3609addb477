using System.Globalization;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Staff;

/// <summary>Adds one person to the staff: no sign-in, no grant; on teams, rotas and messages from now on.</summary>
public sealed class CreateStaff(PoliceGridDb db, StaffStore store, AuditTrail audit)
{
    /// <summary>Done: the new person's id.</summary>
    public async Task<Result<int>> RunAsync(Viewer viewer, StaffInput input, CancellationToken ct = default)
    {
        var problems = new List<FieldProblem>();
        var entry = await store.CheckAsync(input, viewer, problems, ct: ct);
        if (entry is not null && await store.ClashAsync(entry, null, ct) is { } clash)
            problems.Add(clash);
        if (entry is null || problems.Count > 0)
            return Result.Invalid(problems).As<int>();

        var person = store.NewPerson(entry);
        db.Users.Add(person);
        await db.SaveChangesAsync(ct);
        store.Record(viewer, person.Id, StaffChangeKind.Created, new Text("Staff.Change.Created", entry.Unit.Name));
        audit.Add("staff-create", "account", person.Id.ToString(CultureInfo.InvariantCulture), detail: $"{entry.Role} at {entry.Unit.Code}");
        await db.SaveChangesAsync(ct);
        return person.Id;
    }
}
