using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Data;

namespace PoliceGrid.Web.Teams;

/// <summary>
/// Demo mode only: every grid whose worker is paired with her district's officer gets that pairing as its responsible
/// team; the named demo accounts of 曙北社区第1网格 form a 一警三员 team that answers for their grid instead.
/// </summary>
public sealed class TeamsDemo(PoliceGridDb db, TimeProvider clock)
{
    public async Task RunAsync()
    {
        var now = TeamRules.Now(clock);
        var named = await db.Users.AsNoTracking().Where(a => a.PasswordHash != null && a.IsDemo).ToDictionaryAsync(a => a.UserName!, a => new { a.Id, a.UnitId, a.DisplayName });
        var admin = named["admin"].Id;
        var demoGrid = named["gridworker1"].UnitId;
        var pairs = await (from p in db.Pairings.AsNoTracking()
                           join w in db.Users on p.GridWorkerId equals w.Id
                           join g in db.Units on w.UnitId equals g.Id
                           where g.Id != demoGrid
                           orderby g.Id
                           select new { p.OfficerId, p.GridWorkerId, GridId = g.Id, g.Name }).ToListAsync();
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
