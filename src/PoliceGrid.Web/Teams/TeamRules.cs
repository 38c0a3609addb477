using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Teams;

/// <summary>
/// Says once who may read and keep a team and what a team of each kind is made of; every use case and page asks here.
/// </summary>
public static class TeamRules
{
    /// <summary>A member as a form or API names her: the person and her duty in the team.</summary>
    public sealed record MemberInput(int? AccountId, TeamDuty? Duty);

    /// <summary>Read: whoever sees units sees the teams of the villages and grids she sees (her own grid's village team too).</summary>
    public static bool MayRead(Unit unit, Viewer viewer) => viewer.Can(Capability.SeeUnits) && AccessPolicy.CanSee(unit, viewer);

    /// <summary>Keep (form, change, make responsible, dissolve): station heads and centre directors, inside their area.</summary>
    public static bool MayKeep(Unit unit, Viewer viewer) => viewer.Can(Capability.KeepTeams) && AccessPolicy.Covers(unit, viewer);

    public static bool Serves(UnitKind kind) => kind is UnitKind.Village or UnitKind.Grid;

    /// <summary>Time as the database keeps it (microseconds), so a value read back equals the one written.</summary>
    public static DateTime Now(TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - now.Ticks % 10, DateTimeKind.Utc);
    }

    /// <summary>The roles that may hold a duty in a team of a kind; null: any staff role.</summary>
    public static IReadOnlySet<Role>? RolesFor(TeamKind kind, TeamDuty duty) => duty switch
    {
        TeamDuty.PoliceOfficer => kind == TeamKind.OneOfficerThreeMembers
            ? new HashSet<Role> { Role.CommunityOfficer }
            : new HashSet<Role> { Role.CommunityOfficer, Role.AuxiliaryOfficer, Role.PoliceAssistant },
        TeamDuty.SecurityAssistant => new HashSet<Role> { Role.AuxiliaryOfficer, Role.PoliceAssistant },
        TeamDuty.GridWorker => new HashSet<Role> { Role.GridWorker, Role.GridChief },
        TeamDuty.GridChief => new HashSet<Role> { Role.GridChief },
        TeamDuty.DepartmentMember => new HashSet<Role> { Role.DepartmentOfficer },
        _ => null,
    };

    /// <summary>How many of each duty a kind needs: (least, most); a duty not named is not part of that kind.</summary>
    public static IReadOnlyDictionary<TeamDuty, (int Least, int Most)> MakeUpOf(TeamKind kind) => kind switch
    {
        TeamKind.Pairing => new Dictionary<TeamDuty, (int, int)> { [TeamDuty.PoliceOfficer] = (1, 1), [TeamDuty.GridWorker] = (1, 1) },
        TeamKind.OneOfficerThreeMembers => new Dictionary<TeamDuty, (int, int)>
        {
            [TeamDuty.PoliceOfficer] = (1, 1), [TeamDuty.SecurityAssistant] = (1, 1), [TeamDuty.Mediator] = (1, 1), [TeamDuty.GridWorker] = (1, 1),
            [TeamDuty.LegalAdviser] = (0, 1),
        },
        _ => new Dictionary<TeamDuty, (int, int)>
        {
            [TeamDuty.PoliceOfficer] = (1, 1), [TeamDuty.GridChief] = (1, 1), [TeamDuty.DepartmentMember] = (1, 50), [TeamDuty.LegalAdviser] = (0, 1),
            [TeamDuty.Mediator] = (0, 1),
        },
    };

    public static Text MakeUpMessage(TeamKind kind) => new($"Teams.MakeUp.{kind}");

    public sealed record Checked(IReadOnlyList<(int AccountId, TeamDuty Duty)> Members, int LeaderId);

    /// <summary>
    /// Checks a team's members against its kind: each an active person of the keeper's area (department members, legal
    /// advisers and mediators may also come from the county above), in a duty her role fits, the kind's make-up exact.
    /// </summary>
    public static async Task<Result<Checked>> CheckAsync(PoliceGridDb db, Viewer viewer, Unit teamUnit, TeamKind kind,
        IReadOnlyList<MemberInput>? members, int? leaderId)
    {
        var problems = new List<FieldProblem>();
        var given = (members ?? []).Where(m => m.AccountId is not null || m.Duty is not null).ToList();
        if (given.Any(m => m.AccountId is null || m.Duty is not { } d || !Enum.IsDefined(d)))
            return Invalid(new Text("Teams.EachMemberNeedsAPersonAndADuty"), "members");
        var list = given.Select(m => (AccountId: m.AccountId!.Value, Duty: m.Duty!.Value)).ToList();
        if (list.Select(m => m.AccountId).Distinct().Count() != list.Count)
            return Invalid(new Text("Teams.APersonIsOnATeamOnce"), "members");
        var ids = list.Select(m => m.AccountId).ToList();
        var people = await (from a in db.Users.AsNoTracking()
                            join u in db.Units.AsNoTracking() on a.UnitId equals u.Id
                            where ids.Contains(a.Id)
                            select new { a.Id, a.DisplayName, a.Role, a.DisabledAt, u.AreaPath }).ToDictionaryAsync(p => p.Id);
        foreach (var (accountId, duty) in list)
        {
            if (!people.TryGetValue(accountId, out var person) || person.DisabledAt is not null || person.Role.IsAdministrator() || person.Role == Role.Citizen
                || !(AccessPolicy.InArea(person.AreaPath, viewer)
                     || (duty is TeamDuty.DepartmentMember or TeamDuty.LegalAdviser or TeamDuty.Mediator
                         && teamUnit.AreaPath.StartsWith(person.AreaPath, StringComparison.Ordinal))))
                return Invalid(new Text("Teams.MembersMustBeActiveStaffOfTheArea"), "members");
            if (RolesFor(kind, duty) is { } roles && !roles.Contains(person.Role))
                return Invalid(new Text("Teams.ThisRoleCannotHoldThisDuty", Text.Literal(person.DisplayName), person.Role, duty), "members");
        }
        var makeUp = MakeUpOf(kind);
        var fits = list.All(m => makeUp.ContainsKey(m.Duty))
            && makeUp.All(need => list.Count(m => m.Duty == need.Key) is var n && n >= need.Value.Least && n <= need.Value.Most);
        if (!fits)
            return Invalid(MakeUpMessage(kind), "members");
        var leader = leaderId ?? list.First(m => m.Duty == TeamDuty.PoliceOfficer).AccountId;
        if (!ids.Contains(leader))
            return Invalid(new Text("Teams.TheLeaderMustBeAMember"), "leaderId");
        return new Checked(list, leader);

        Result<Checked> Invalid(Text why, string field) =>
            Result.Invalid(why, [.. problems, new FieldProblem(field, why)]).As<Checked>();
    }
}
