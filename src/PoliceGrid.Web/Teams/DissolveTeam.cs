using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Teams;

/// <summary>Dissolves a team (解散): its members and the grids it answered for are closed now; the history stays.</summary>
public sealed class DissolveTeam(PoliceGridDb db, AuditTrail audit, TimeProvider clock)
{
    public async Task<Result> RunAsync(Viewer viewer, int teamId)
    {
        var team = await db.Teams.SingleOrDefaultAsync(t => t.Id == teamId);
        var unit = team is null ? null : await db.Units.AsNoTracking().SingleAsync(u => u.Id == team.UnitId);
        if (team is null || unit is null || !TeamRules.MayRead(unit, viewer))
            return Result.NotFound();
        if (!TeamRules.MayKeep(unit, viewer))
            return Result.Forbidden(new Text("Teams.OnlyTheHeadOfTheAreaKeepsTeams"));
        if (team.DissolvedAt is not null)
            return Result.Conflict(new Text("Teams.ThisTeamIsDissolved"));
        var now = TeamRules.Now(clock);
        team.DissolvedAt = now;
        team.Version++;
        foreach (var member in await db.TeamMembers.Where(m => m.TeamId == teamId && m.EndedAt == null).ToListAsync())
            member.EndedAt = now;
        var grids = await db.GridResponsibilities.Where(r => r.TeamId == teamId && r.EndedAt == null).ToListAsync();
        foreach (var r in grids)
            r.EndedAt = now;
        audit.Add("team-dissolve", "team", teamId.ToString(CultureInfo.InvariantCulture),
            detail: $"grids {string.Join(",", grids.Select(g => g.GridId.ToString(CultureInfo.InvariantCulture)))}");
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict(new Text("Teams.SomeoneElseJustChangedThisTeam"));
        }
        return Result.Done;
    }
}
