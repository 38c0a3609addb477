using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Delivery;
using PoliceGrid.Web.Shared;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Teams;

/// <summary>
/// Reads teams: those of a viewer's area, one team with its history, one's own teams, an officer's grids and their
/// workers. Also answers Delivery's questions: a team's current members, and the team leaders to tell when a message
/// is left unacknowledged.
/// </summary>
public sealed class TeamQueries(PoliceGridDb db) : ITeamLookup, IEscalationLeaders, IUnitTeams
{
    public sealed record Member(int AccountId, string Name, Role Role, TeamDuty Duty, string? Phone, bool IsLeader);

    public sealed record Grid(int Id, string Name);

    public sealed record Row(int Id, string Name, TeamKind Kind, int UnitId, string UnitName, UnitKind UnitKind, int LeaderId, DateTime FormedAt,
        DateTime? DissolvedAt, int Version, IReadOnlyList<Member> Members, IReadOnlyList<Grid> Grids);

    public sealed record Membership(int AccountId, string Name, TeamDuty Duty, DateTime StartedAt, DateTime? EndedAt);

    public sealed record Responsibility(int GridId, string GridName, int TeamId, string TeamName, DateTime StartedAt, DateTime? EndedAt);

    public sealed record Details(Row Team, IReadOnlyList<Membership> Members, IReadOnlyList<Responsibility> Grids, bool CanKeep);

    public sealed record GridWorker(int AccountId, string Name, Role Role, string? Phone);

    public sealed record OfficerGrid(int GridId, string GridName, string VillageName, string? TeamName, IReadOnlyList<GridWorker> Workers);

    public sealed record Person(int Id, string Name, Role Role, string UnitName);

    public async Task<Unit?> UnitAsync(int unitId) => await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId);

    /// <summary>The teams of the villages and grids a viewer sees (current ones; dissolved too when asked), at most 200.</summary>
    public async Task<IReadOnlyList<Row>> ListAsync(Viewer viewer, bool dissolved = false, int take = 200)
    {
        if (!viewer.Can(Capability.SeeUnits))
            return [];
        var units = AccessPolicy.Visible(db.Units.AsNoTracking(), viewer).Where(u => u.Kind == UnitKind.Village || u.Kind == UnitKind.Grid);
        var teams = await (from t in db.Teams.AsNoTracking()
                           join u in units on t.UnitId equals u.Id
                           where dissolved || t.DissolvedAt == null
                           orderby t.DissolvedAt != null, u.Path, t.Name
                           select new { t, u.Name, u.Kind }).Take(take).ToListAsync();
        return await RowsAsync(teams.Select(x => (x.t, x.Name, x.Kind)).ToList());
    }

    /// <summary>The current teams a person is on, with their members (for her home page).</summary>
    public async Task<IReadOnlyList<Row>> TeamsOfAsync(int accountId)
    {
        var teams = await (from m in db.TeamMembers.AsNoTracking()
                           join t in db.Teams on m.TeamId equals t.Id
                           join u in db.Units on t.UnitId equals u.Id
                           where m.AccountId == accountId && m.EndedAt == null && t.DissolvedAt == null
                           orderby u.Path, t.Name
                           select new { t, u.Name, u.Kind }).Distinct().ToListAsync();
        return await RowsAsync(teams.Select(x => (x.t, x.Name, x.Kind)).ToList());
    }

    async Task<IReadOnlyList<Row>> RowsAsync(List<(Team Team, string UnitName, UnitKind UnitKind)> teams)
    {
        if (teams.Count == 0)
            return [];
        var ids = teams.Select(t => t.Team.Id).ToList();
        var members = await (from m in db.TeamMembers.AsNoTracking()
                             join a in db.Users on m.AccountId equals a.Id
                             where ids.Contains(m.TeamId) && m.EndedAt == null
                             orderby m.Duty, a.DisplayName
                             select new { m.TeamId, m.AccountId, a.DisplayName, a.Role, m.Duty, a.PhoneNumber }).ToListAsync();
        var grids = await (from r in db.GridResponsibilities.AsNoTracking()
                           join g in db.Units on r.GridId equals g.Id
                           where ids.Contains(r.TeamId) && r.EndedAt == null
                           orderby g.Path
                           select new { r.TeamId, g.Id, g.Name }).ToListAsync();
        return teams.Select(x => new Row(x.Team.Id, x.Team.Name, x.Team.Kind, x.Team.UnitId, x.UnitName, x.UnitKind, x.Team.LeaderId, x.Team.FormedAt,
            x.Team.DissolvedAt, x.Team.Version,
            members.Where(m => m.TeamId == x.Team.Id).Select(m => new Member(m.AccountId, m.DisplayName, m.Role, m.Duty, m.PhoneNumber, m.AccountId == x.Team.LeaderId)).ToList(),
            grids.Where(g => g.TeamId == x.Team.Id).Select(g => new Grid(g.Id, g.Name)).ToList())).ToList();
    }

    /// <summary>One team with who was on it when and the grids it answered for; null when the viewer may not read it.</summary>
    public async Task<Details?> DetailsAsync(Viewer viewer, int teamId)
    {
        var found = await (from t in db.Teams.AsNoTracking() join u in db.Units on t.UnitId equals u.Id where t.Id == teamId select new { t, u }).SingleOrDefaultAsync();
        if (found is null || !TeamRules.MayRead(found.u, viewer))
            return null;
        var row = (await RowsAsync([(found.t, found.u.Name, found.u.Kind)]))[0];
        var history = await (from m in db.TeamMembers.AsNoTracking()
                             join a in db.Users on m.AccountId equals a.Id
                             where m.TeamId == teamId
                             orderby m.StartedAt, m.Id
                             select new Membership(m.AccountId, a.DisplayName, m.Duty, m.StartedAt, m.EndedAt)).ToListAsync();
        var gridIds = await db.GridResponsibilities.AsNoTracking().Where(r => r.TeamId == teamId).Select(r => r.GridId).Distinct().ToListAsync();
        return new Details(row, history, await GridHistoryOfAsync(gridIds), TeamRules.MayKeep(found.u, viewer));
    }

    /// <summary>Which team answered for a grid when, newest first; null when the viewer may not see the grid.</summary>
    public async Task<IReadOnlyList<Responsibility>?> GridHistoryAsync(Viewer viewer, int gridId)
    {
        var grid = await UnitAsync(gridId);
        return grid is null || grid.Kind != UnitKind.Grid || !TeamRules.MayRead(grid, viewer) ? null : await GridHistoryOfAsync([gridId]);
    }

    async Task<List<Responsibility>> GridHistoryOfAsync(List<int> gridIds) =>
        await (from r in db.GridResponsibilities.AsNoTracking()
               join g in db.Units on r.GridId equals g.Id
               join t in db.Teams on r.TeamId equals t.Id
               where gridIds.Contains(r.GridId)
               orderby g.Path, r.StartedAt descending, r.Id descending
               select new Responsibility(r.GridId, g.Name, r.TeamId, t.Name, r.StartedAt, r.EndedAt)).ToListAsync();

    public async Task<IReadOnlyList<UnitTeam>> OfUnitAsync(Unit unit, CancellationToken ct = default)
    {
        var grids = unit.Kind switch
        {
            UnitKind.Grid => db.Units.Where(g => g.Id == unit.Id),
            UnitKind.Village => db.Units.Where(g => g.Kind == UnitKind.Grid && g.ParentId == unit.Id),
            UnitKind.PoliceDistrict => db.Units.Where(g => g.Kind == UnitKind.Grid && g.PoliceDistrictId == unit.Id),
            _ => null,
        };
        if (grids is null)
            return [];
        var answering = from r in db.GridResponsibilities
                        join g in grids on r.GridId equals g.Id
                        where r.EndedAt == null
                        select r.TeamId;
        var teams = await (from t in db.Teams.AsNoTracking()
                           join u in db.Units on t.UnitId equals u.Id
                           where t.DissolvedAt == null && (answering.Contains(t.Id) || t.UnitId == unit.Id)
                           orderby u.Path, t.Name
                           select new { t, u.Name, u.Kind }).Take(100).ToListAsync(ct);
        var rows = await RowsAsync(teams.Select(x => (x.t, x.Name, x.Kind)).ToList());
        return rows.Select(r =>
        {
            var kind = Words.PairOf(r.Kind);
            return new UnitTeam(r.Id, r.Name, kind.Zh, kind.En, r.Grids.Select(g => g.Name).ToList(), r.Members.Select(m =>
            {
                var duty = Words.PairOf(m.Duty);
                return new UnitTeamMember(m.Name, duty.Zh, duty.En, m.IsLeader);
            }).ToList());
        }).ToList();
    }

    /// <summary>An officer's (or auxiliary's) grids, by village, each with its grid workers and responsible team.</summary>
    public async Task<IReadOnlyList<OfficerGrid>> GridsOfDistrictAsync(int districtId)
    {
        var grids = await (from g in db.Units.AsNoTracking()
                           join v in db.Units on g.ParentId equals v.Id
                           where g.Kind == UnitKind.Grid && g.PoliceDistrictId == districtId
                           orderby g.Path
                           select new { g.Id, g.Name, Village = v.Name }).Take(100).ToListAsync();
        var ids = grids.Select(g => g.Id).ToList();
        var workers = await db.Users.AsNoTracking()
            .Where(a => ids.Contains(a.UnitId) && a.DisabledAt == null && (a.Role == Role.GridWorker || a.Role == Role.GridChief || a.Role == Role.MicroGridWorker))
            .OrderBy(a => a.Role).ThenBy(a => a.DisplayName).Select(a => new { a.UnitId, Worker = new GridWorker(a.Id, a.DisplayName, a.Role, a.PhoneNumber) }).ToListAsync();
        var teams = await (from r in db.GridResponsibilities.AsNoTracking()
                           join t in db.Teams on r.TeamId equals t.Id
                           where ids.Contains(r.GridId) && r.EndedAt == null
                           select new { r.GridId, t.Name }).ToListAsync();
        return grids.Select(g => new OfficerGrid(g.Id, g.Name, g.Village, teams.FirstOrDefault(t => t.GridId == g.Id)?.Name,
            workers.Where(w => w.UnitId == g.Id).Select(w => w.Worker).ToList())).ToList();
    }

    /// <summary>The villages and grids a viewer may form teams for (at most 300), for the page's picker.</summary>
    public async Task<IReadOnlyList<Unit>> KeepableUnitsAsync(Viewer viewer)
    {
        if (!viewer.Can(Capability.KeepTeams))
            return [];
        var units = await AccessPolicy.InArea(db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.Village || u.Kind == UnitKind.Grid), viewer, u => u.AreaPath)
            .OrderBy(u => u.Path).Take(300).ToListAsync();
        return units.Where(u => TeamRules.MayKeep(u, viewer)).ToList();
    }

    /// <summary>The grids of a village (or the grid itself) a team may answer for.</summary>
    public async Task<IReadOnlyList<Grid>> GridsUnderAsync(int unitId)
    {
        var unit = await UnitAsync(unitId);
        if (unit is null)
            return [];
        var path = unit.Path;
        return await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.Grid && u.Path.StartsWith(path)).OrderBy(u => u.Path)
            .Select(u => new Grid(u.Id, u.Name)).Take(200).ToListAsync();
    }

    /// <summary>The staff a viewer may put on teams: active people of her area, and the department staff of the county above.</summary>
    public async Task<IReadOnlyList<Person>> StaffAsync(Viewer viewer, int take = 600)
    {
        var ancestors = viewer.Scope.Prefixes.SelectMany(AccessPolicy.AncestorsOf).Distinct().ToList();
        var inArea = AccessPolicy.InArea(from a in db.Users.AsNoTracking() join u in db.Units on a.UnitId equals u.Id select new { a, u }, viewer, x => x.u.AreaPath);
        var local = await inArea.Where(x => x.a.DisabledAt == null && x.a.Role != Role.Citizen && x.a.Role != Role.SystemAdmin && x.a.Role != Role.SecurityAdmin && x.a.Role != Role.Auditor)
            .OrderBy(x => x.u.Path).ThenBy(x => x.a.Role).ThenBy(x => x.a.DisplayName).Take(take)
            .Select(x => new Person(x.a.Id, x.a.DisplayName, x.a.Role, x.u.Name)).ToListAsync();
        var departments = await (from a in db.Users.AsNoTracking()
                                 join u in db.Units on a.UnitId equals u.Id
                                 where a.DisabledAt == null && a.Role == Role.DepartmentOfficer && ancestors.Contains(u.AreaPath)
                                 orderby a.DisplayName
                                 select new Person(a.Id, a.DisplayName, a.Role, u.Name)).Take(100).ToListAsync();
        return [.. local, .. departments.Where(d => local.All(l => l.Id != d.Id))];
    }

    public async Task<IReadOnlyList<int>> CurrentMembersAsync(int teamId, CancellationToken ct = default) =>
        await (from m in db.TeamMembers.AsNoTracking()
               join t in db.Teams on m.TeamId equals t.Id
               where m.TeamId == teamId && m.EndedAt == null && t.DissolvedAt == null
               select m.AccountId).Distinct().ToListAsync(ct);

    /// <summary>The team that answers for a grid now, if any.</summary>
    public async Task<int?> ResponsibleTeamOfAsync(int gridId, CancellationToken ct = default) =>
        await db.GridResponsibilities.AsNoTracking().Where(r => r.GridId == gridId && r.EndedAt == null).Select(r => (int?)r.TeamId).SingleOrDefaultAsync(ct);

    /// <summary>The leader of the team answering for the recipient's grid, and of every team the recipient is on now.</summary>
    public async Task<IReadOnlyList<int>> LeadersForAsync(int recipientId, int recipientUnitId, DateTime utc, CancellationToken ct = default)
    {
        var ofGrid = await (from r in db.GridResponsibilities.AsNoTracking()
                            join t in db.Teams on r.TeamId equals t.Id
                            where r.GridId == recipientUnitId && r.EndedAt == null && t.DissolvedAt == null
                            select t.LeaderId).ToListAsync(ct);
        var ofTeams = await (from m in db.TeamMembers.AsNoTracking()
                             join t in db.Teams on m.TeamId equals t.Id
                             where m.AccountId == recipientId && m.EndedAt == null && t.DissolvedAt == null
                             select t.LeaderId).ToListAsync(ct);
        return ofGrid.Concat(ofTeams).Where(id => id != recipientId).Distinct().ToList();
    }
}
