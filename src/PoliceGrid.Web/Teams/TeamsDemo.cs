using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Teams;

/// <summary>
/// Demo mode only: every grid's generated worker and her district's generated officer form a pairing that answers for
/// the grid; the named demo accounts of 曙北社区第1网格 form a 一警三员 team that answers for their grid instead.
/// </summary>
public sealed class TeamsDemo(PoliceGridDb db, TimeProvider clock)
{
    public async Task RunAsync()
    {
        var now = TeamRules.Now(clock);
        var named = await db.Users.AsNoTracking().Where(a => a.PasswordHash != null && a.IsDemo).ToDictionaryAsync(a => a.UserName!, a => new { a.Id, a.UnitId, a.DisplayName });
        var admin = named["admin"].Id;
        var demoGrid = named["gridworker1"].UnitId;
        // Each generated grid worker with the generated officer of the district covering her grid: a pairing (结对).
        var pairs = await (from w in db.Users.AsNoTracking()
                           join g in db.Units on w.UnitId equals g.Id
                           join o in db.Users on g.PoliceDistrictId equals (int?)o.UnitId
                           where w.IsDemo && w.PasswordHash == null && w.Role == Role.GridWorker && g.Kind == UnitKind.Grid && g.Id != demoGrid
                               && o.IsDemo && o.PasswordHash == null && o.Role == Role.CommunityOfficer
                           orderby g.Id
                           select new { OfficerId = o.Id, GridWorkerId = w.Id, GridId = g.Id, g.Name }).ToListAsync();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var teams = pairs.Select(p => new Team { UnitId = p.GridId, Kind = TeamKind.Pairing, Name = p.Name, LeaderId = p.OfficerId, FormedById = admin, FormedAt = now }).ToList();
        var team = new Team { UnitId = demoGrid, Kind = TeamKind.OneOfficerThreeMembers, Name = await db.Units.Where(u => u.Id == demoGrid).Select(u => u.Name).SingleAsync(),
            LeaderId = named["officer"].Id, FormedById = named["stationhead"].Id, FormedAt = now };
        db.Teams.AddRange(teams);
        db.Teams.Add(team);
        await db.SaveChangesAsync();
        var members = new List<TeamMember>();
        var grids = new List<GridResponsibility>();
        for (var i = 0; i < pairs.Count; i++)
        {
            members.Add(new TeamMember { TeamId = teams[i].Id, AccountId = pairs[i].OfficerId, Duty = TeamDuty.PoliceOfficer, StartedAt = now });
            members.Add(new TeamMember { TeamId = teams[i].Id, AccountId = pairs[i].GridWorkerId, Duty = TeamDuty.GridWorker, StartedAt = now });
            grids.Add(new GridResponsibility { GridId = pairs[i].GridId, TeamId = teams[i].Id, StartedAt = now });
        }
        foreach (var (userName, duty) in new[] { ("officer", TeamDuty.PoliceOfficer), ("auxiliary", TeamDuty.SecurityAssistant), ("gridchief", TeamDuty.Mediator),
                     ("gridworker1", TeamDuty.GridWorker) })
            members.Add(new TeamMember { TeamId = team.Id, AccountId = named[userName].Id, Duty = duty, StartedAt = now });
        grids.Add(new GridResponsibility { GridId = demoGrid, TeamId = team.Id, StartedAt = now });
        db.TeamMembers.AddRange(members);
        db.GridResponsibilities.AddRange(grids);
        await db.SaveChangesAsync();
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        db.ChangeTracker.Clear();
    }
}
