using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Register.PersonalData;
using PoliceGrid.Web.Shared;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Staff;

/// <summary>The staff a viewer keeps: those of the roles she keeps, in units her area covers. ID numbers are masked.</summary>
public sealed class StaffQueries(PoliceGridDb db, PersonalDataVault vault, AuditTrail audit)
{
    public const int PageSize = 50;

    public sealed record Row(int Id, string Name, Role Role, Employment? Employment, string? Mobile, string? PoliceNumber, string? IdNumberMasked,
        string UnitCode, string UnitName, string? Department, bool SignsIn, bool Active);

    public sealed record Page(IReadOnlyList<Row> Rows, int Total, int PageNumber);

    public sealed record Line(StaffChangeKind Kind, DateTime At, string ByName, string Detail);

    public sealed record Details(Row Person, IReadOnlyList<Line> History, int OpenTasks);

    /// <summary>Filters of the list: words of the name, a mobile, police or ID number; a role; active or not.</summary>
    public sealed record Filter(string? Q = null, Role? Role = null, bool? Active = true, int Page = 1);

    /// <summary>The units whose staff the viewer keeps: her area and its police districts (not the chain above it).</summary>
    IQueryable<Unit> Covered(Viewer viewer)
    {
        var above = viewer.Scope.AncestorPaths.ToList();
        return AccessPolicy.Visible(db.Units.AsNoTracking(), viewer).Where(u => u.Kind == UnitKind.PoliceDistrict || !above.Contains(u.AreaPath));
    }

    /// <summary>Units a person may be put in, for the form's list; the form takes any code, the list only helps.</summary>
    public async Task<IReadOnlyList<(string Code, string Name)>> UnitChoicesAsync(Viewer viewer, CancellationToken ct = default) =>
        (await Covered(viewer).OrderBy(u => u.Path).Take(1000).Select(u => new { u.Code, u.Name }).ToListAsync(ct)).Select(u => (u.Code, u.Name)).ToList();

    /// <summary>The rows of the people the viewer keeps, among those <paramref name="people"/> leaves (filters on accounts: EF cannot filter a projected record).</summary>
    IQueryable<Row> Kept(Viewer viewer, IQueryable<Account> people)
    {
        var roles = StaffRules.RolesKeptBy(viewer.Role).ToList();
        return from a in people.Where(a => roles.Contains(a.Role))
               join u in Covered(viewer) on a.UnitId equals u.Id
               orderby u.Code, a.DisplayName, a.Id
               select new Row(a.Id, a.DisplayName, a.Role, a.Employment, a.PhoneNumber, a.PoliceNumber, a.IdNumberMasked, u.Code, u.Name, a.Department,
                   a.PasswordHash != null, a.DisabledAt == null);
    }

    public async Task<Page> ListAsync(Viewer viewer, Filter filter, CancellationToken ct = default)
    {
        var people = db.Users.AsNoTracking();
        if (filter.Role is { } role)
            people = people.Where(a => a.Role == role);
        if (filter.Active is { } active)
            people = active ? people.Where(a => a.DisabledAt == null) : people.Where(a => a.DisabledAt != null);
        var q = filter.Q?.Trim() ?? "";
        if (q.Length > 0)
        {
            var upper = q.ToUpperInvariant();
            var idHash = IdNumber.TryParse(upper, DateOnly.MaxValue, out var id, out _) ? vault.LookupHash(SealedField.IdNumber, id.Value) : null;
            var mobile = PhoneNumber.TryParse(q, out var phone, out _) ? phone : null;
            people = people.Where(a => a.DisplayName.Contains(q) || a.PoliceNumber == upper || (mobile != null && a.PhoneNumber == mobile)
                || (idHash != null && a.IdNumberHash == idHash));
        }
        var rows = Kept(viewer, people);
        var total = await rows.CountAsync(ct);
        var page = Math.Max(1, filter.Page);
        var list = await rows.Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        await audit.ListedAsync("staff", new { filter.Q, filter.Role, filter.Active, page }, list.Count);
        return new Page(list, total, page);
    }

    public async Task<Details?> DetailsAsync(Viewer viewer, int id, CancellationToken ct = default)
    {
        var person = await Kept(viewer, db.Users.AsNoTracking().Where(a => a.Id == id)).SingleOrDefaultAsync(ct);
        if (person is null)
            return null;
        var history = await db.StaffChanges.AsNoTracking().Where(c => c.AccountId == id).OrderByDescending(c => c.At).ThenByDescending(c => c.Id)
            .Select(c => new Line(c.Kind, c.At, c.ByName, c.Detail)).ToListAsync(ct);
        var open = await db.Events.CountAsync(e => e.HandlerAccountId == id && e.Status < Events.EventStatus.Closed, ct);
        return new Details(person, history, open);
    }

    public async Task<IReadOnlyList<Department>> DepartmentsAsync(CancellationToken ct = default) =>
        await db.Departments.AsNoTracking().OrderBy(d => d.RetiredAt != null).ThenBy(d => d.Id).ToListAsync(ct);
}
