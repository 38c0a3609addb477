using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Staff;

/// <summary>The system administrator adds a department, names it in English, or retires it (and brings it back).</summary>
public sealed class KeepDepartments(PoliceGridDb db, AuditTrail audit, TimeProvider clock)
{
    public async Task<Result<int>> AddAsync(string? name, string? nameEn, CancellationToken ct = default)
    {
        var zh = name?.Trim() ?? "";
        var en = nameEn?.Trim() ?? "";
        var problems = new List<FieldProblem>();
        if (zh.Length is 0 or > 40)
            problems.Add(new("name", new Text("Staff.EnterTheDepartmentsChineseName")));
        if (en.Length is 0 or > 80)
            problems.Add(new("nameEn", new Text("Staff.EnterTheDepartmentsEnglishName")));
        if (problems.Count > 0)
            return Result.Invalid(problems).As<int>();
        if (await db.Departments.AnyAsync(d => d.Name == zh, ct))
            return Result.Conflict(new Text("Staff.ThisDepartmentIsAlreadyOnThe")).As<int>();
        var department = new Department { Name = zh, NameEn = en };
        db.Departments.Add(department);
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync("department-add", "department", department.Id.ToString(CultureInfo.InvariantCulture), detail: $"{zh} / {en}");
        return department.Id;
    }

    /// <summary>A retired department takes no new officers; those it has keep its name and its events.</summary>
    public async Task<Result> RetireAsync(int id, bool retire, CancellationToken ct = default)
    {
        var department = await db.Departments.SingleOrDefaultAsync(d => d.Id == id, ct);
        if (department is null)
            return Result.NotFound();
        department.RetiredAt = retire ? clock.GetUtcNow().UtcDateTime : null;
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(retire ? "department-retire" : "department-restore", "department", id.ToString(CultureInfo.InvariantCulture), detail: department.Name);
        return Result.Done;
    }
}
