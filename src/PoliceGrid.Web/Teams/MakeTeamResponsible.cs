using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Teams;

/// <summary>
/// Makes a team the one that answers for a grid (责任队伍): the grid's current responsibility, if any, is closed now
/// and the team's opened, so each grid has exactly one responsible team at a time and keeps the history.
/// </summary>
public sealed class MakeTeamResponsible(PoliceGridDb db, AuditTrail audit, TimeProvider clock)
{
    public sealed record Request(int? GridId);

    public async Task<Result> RunAsync(Viewer viewer, int teamId, Request request)
    {
        var team = await db.Teams.AsNoTracking().SingleOrDefaultAsync(t => t.Id == teamId);
        var unit = team is null ? null : await db.Units.AsNoTracking().SingleAsync(u => u.Id == team.UnitId);
        if (team is null || unit is null || !TeamRules.MayRead(unit, viewer))
            return Result.NotFound();
        if (!TeamRules.MayKeep(unit, viewer))
            return Result.Forbidden(new Text("Teams.OnlyTheHeadOfTheAreaKeepsTeams"));
        if (team.DissolvedAt is not null)
            return Result.Conflict(new Text("Teams.ThisTeamIsDissolved"));
        var grid = request.GridId is { } gid ? await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == gid) : null;
        if (grid is null || grid.Kind != UnitKind.Grid || !grid.Path.StartsWith(unit.Path, StringComparison.Ordinal))
            return Result.Invalid(new Text("Teams.TheGridMustLieWhereTheTeamServes"), [new FieldProblem("gridId", new Text("Teams.TheGridMustLieWhereTheTeamServes"))]);
        var current = await db.GridResponsibilities.SingleOrDefaultAsync(r => r.GridId == grid.Id && r.EndedAt == null);
        if (current?.TeamId == teamId)
            return Result.Conflict(new Text("Teams.ThisTeamAlreadyAnswersForThisGrid"));

        var now = TeamRules.Now(clock);
        if (current is not null)
        {
            current.EndedAt = now;
            // The closing update goes first: the partial unique index allows one open row per grid at any moment.
            await db.SaveChangesAsync();
        }
        db.GridResponsibilities.Add(new GridResponsibility { GridId = grid.Id, TeamId = teamId, StartedAt = now });
        audit.Add("team-responsible", "team", teamId.ToString(CultureInfo.InvariantCulture),
            detail: $"grid {grid.Id} after team {current?.TeamId.ToString(CultureInfo.InvariantCulture) ?? "none"}");
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            return Result.Conflict(new Text("Teams.SomeoneElseJustChangedThisTeam"));
        }
        return Result.Done;
    }
}
