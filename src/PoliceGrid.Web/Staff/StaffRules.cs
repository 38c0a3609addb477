using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Register.Bulk;
using PoliceGrid.Web.Register.PersonalData;
using PoliceGrid.Web.Shared;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Staff;

/// <summary>What a person's staff record holds, as typed on the form or read from a ledger row, before it is checked.</summary>
public sealed record StaffInput(string? Name, string? Mobile, string? PoliceNumber, string? IdNumber, string? Role, string? Employment,
    string? UnitCode, string? Department);

/// <summary>A checked staff record: every field valid, the unit found and kept by the viewer.</summary>
public sealed record StaffEntry(string Name, string? Mobile, string? PoliceNumber, IdNumber? IdNumber, Role Role, Employment? Employment,
    Unit Unit, string? Department);

/// <summary>
/// Who keeps whose staff record, and what a valid one is. The grid office (its centre director) keeps the grid side's
/// people, the station head his station's police, the system administrator everyone else (dispatchers, heads, department
/// officers); administrator accounts stay with the security administrator (三员分立). Sign-ins and grants of access to
/// personal data are not given here: a record made here can be on teams and rotas and get messages, and nothing more.
/// </summary>
public static class StaffRules
{
    static readonly Role[] PoliceStaff = [Role.CommunityOfficer, Role.AuxiliaryOfficer, Role.PoliceAssistant];
    static readonly Role[] GridStaff = [Role.GridWorker, Role.MicroGridWorker, Role.GridChief, Role.Mediator];

    public static IReadOnlyList<Role> RolesKeptBy(Role viewer) => viewer switch
    {
        Role.SystemAdmin => [.. Enum.GetValues<Role>().Where(r => !r.IsAdministrator() && r != Role.Citizen)],
        Role.StationHead => PoliceStaff,
        Role.CentreDirector => GridStaff,
        _ => [],
    };

    /// <summary>Whether the viewer keeps the record of a person of this role at this unit.</summary>
    public static bool Keeps(Viewer viewer, Role role, Unit unit) =>
        viewer.Can(Capability.KeepStaff) && RolesKeptBy(viewer.Role).Contains(role) && AccessPolicy.Covers(unit, viewer);

    /// <summary>Police sit in police units, the grid side in the governance tree, departments and dispatchers at county level or above.</summary>
    public static bool FitsUnit(Role role, UnitKind kind) => role switch
    {
        Role.Dispatcher => kind is UnitKind.PoliceBranch or UnitKind.County or UnitKind.City,
        Role.StationHead => kind is UnitKind.PoliceStation,
        Role.CentreDirector => kind is UnitKind.FusionCentre or UnitKind.FusionStation or UnitKind.Township,
        Role.DepartmentOfficer => kind is UnitKind.County or UnitKind.City or UnitKind.Township,
        _ when role.DefaultSide() == Side.Police => kind is UnitKind.PoliceStation or UnitKind.PoliceDistrict,
        _ => kind is UnitKind.Township or UnitKind.Village or UnitKind.Grid or UnitKind.MicroGrid or UnitKind.FusionStation,
    };

    /// <summary>The numbers that tell one person from another, read as a staff record holds them; empty ones are null.</summary>
    public static (string? Mobile, string? PoliceNumber, IdNumber? IdNumber) CheckNumbers(string? mobileText, string? policeNumberText, string? idNumberText,
        DateOnly today, List<FieldProblem> problems)
    {
        string? mobile = null;
        if (!string.IsNullOrWhiteSpace(mobileText))
        {
            if (!PhoneNumber.TryParse(mobileText, out mobile, out var why))
                problems.Add(new("mobile", why));
        }

        var policeNumber = string.IsNullOrWhiteSpace(policeNumberText) ? null : policeNumberText.Trim().ToUpperInvariant();
        if (policeNumber is not null && (policeNumber.Length is < 4 or > 12 || !policeNumber.All(char.IsAsciiLetterOrDigit)))
            problems.Add(new("policeNumber", new Text("Staff.APoliceNumberIs4To12")));

        IdNumber? id = null;
        if (!string.IsNullOrWhiteSpace(idNumberText))
        {
            if (!IdNumber.TryParse(idNumberText.Replace(" ", "", StringComparison.Ordinal), today, out id, out var why))
                problems.Add(new("idNumber", why));
        }
        return (mobile, policeNumber, id);
    }

    /// <summary>
    /// Checks one record. <paramref name="unitOf"/> finds a unit by its code; <paramref name="departments"/> are the
    /// departments in use. Problems are named by the field keys of <see cref="StaffInput"/> in camel case.
    /// </summary>
    public static StaffEntry? Check(StaffInput input, Viewer viewer, Func<string, Unit?> unitOf, IReadOnlySet<string> departments, DateOnly today,
        List<FieldProblem> problems)
    {
        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > 50)
            problems.Add(new("name", new Text("Staff.EnterTheName")));

        var (mobile, policeNumber, id) = CheckNumbers(input.Mobile, input.PoliceNumber, input.IdNumber, today, problems);

        var role = StaffLedger.ParseRole(input.Role);
        if (role is null)
            problems.Add(new("role", new Text("Staff.ChooseARole")));
        else if (!RolesKeptBy(viewer.Role).Contains(role.Value))
            problems.Add(new("role", new Text("Staff.YouDoNotKeepStaffOf", Words.Label(role.Value))));

        Employment? employment = null;
        if (!string.IsNullOrWhiteSpace(input.Employment) && (employment = StaffLedger.ParseEmployment(input.Employment)) is null)
            problems.Add(new("employment", new Text("Staff.FullTimeOrPartTime")));

        var unit = string.IsNullOrWhiteSpace(input.UnitCode) ? null : unitOf(input.UnitCode.Trim());
        if (unit is null)
            problems.Add(new("unitCode", new Text("Staff.NoUnitHasThisCode")));
        else if (!AccessPolicy.Covers(unit, viewer))
            problems.Add(new("unitCode", new Text("Staff.TheUnitIsOutsideYourArea")));
        else if (role is { } r && !FitsUnit(r, unit.Kind))
            problems.Add(new("unitCode", new Text("Staff.ThisRoleDoesNotWorkAt", Words.Label(r), Words.Label(unit.Kind))));

        var department = string.IsNullOrWhiteSpace(input.Department) ? null : input.Department.Trim();
        if (role == Role.DepartmentOfficer && (department is null || !departments.Contains(department)))
            problems.Add(new("department", new Text("Staff.ADepartmentOfficerBelongsToA")));
        if (role != Role.DepartmentOfficer)
            department = null;

        if (policeNumber is null && id is null && mobile is null && problems.Count == 0)
            problems.Add(new("policeNumber", new Text("Staff.GiveAPoliceNumberAnID")));
        if (role is { } police && police.DefaultSide() == Side.Police && policeNumber is null && problems.Count == 0)
            problems.Add(new("policeNumber", new Text("Staff.PoliceStaffNeedAPoliceNumber")));
        return problems.Count > 0 ? null : new StaffEntry(name, mobile, policeNumber, id, role!.Value, employment, unit!, department);
    }
}
