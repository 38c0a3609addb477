using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Teams;

/// <summary>
/// Changes a team's members, duties or leader (调整队伍): whoever leaves or changes duty has her row closed and a new
/// one opened, so the team's history shows who was on it when.
/// </summary>
public sealed class ChangeTeam(PoliceGridDb db, AuditTrail audit, TimeProvider clock)
{
    public sealed record Request(string? Name, IReadOnlyList<TeamRules.MemberInput>? Members, int? LeaderId, int? Version);

    public async Task<Result> RunAsync(Viewer viewer, int teamId, Request request)
    {
        var team = await db.Teams.SingleOrDefaultAsync(t => t.Id == teamId);
        var unit = team is null ? null : await db.Units.AsNoTracking().SingleAsync(u => u.Id == team.UnitId);
        if (team is null || unit is null || !TeamRules.MayRead(unit, viewer))
            return Result.NotFound();
        if (!TeamRules.MayKeep(unit, viewer))
            return Result.Forbidden(new Text("Teams.OnlyTheHeadOfTheAreaKeepsTeams"));
        if (team.DissolvedAt is not null)
            return Result.Conflict(new Text("Teams.ThisTeamIsDissolved"));
        if (request.Version is { } seen && seen != team.Version)
            return Result.Conflict(new Text("Teams.SomeoneElseJustChangedThisTeam"));
        var name = string.IsNullOrWhiteSpace(request.Name) ? team.Name : request.Name.Trim();
        if (name.Length > 100)
            return Result.Invalid(new Text("Teams.ANameOfAtMost100Characters"), [new FieldProblem("name", new Text("Teams.ANameOfAtMost100Characters"))]);
        var checkedMembers = await TeamRules.CheckAsync(db, viewer, unit, team.Kind, request.Members, request.LeaderId);
        if (checkedMembers.Value is not { } members)
            return new Result(checkedMembers.Outcome, checkedMembers.Message, checkedMembers.Problems);

        var now = TeamRules.Now(clock);
        var current = await db.TeamMembers.Where(m => m.TeamId == teamId && m.EndedAt == null).ToListAsync();
        foreach (var leaving in current.Where(c => !members.Members.Contains((c.AccountId, c.Duty))))
            leaving.EndedAt = now;
        db.TeamMembers.AddRange(members.Members.Where(m => !current.Any(c => c.AccountId == m.AccountId && c.Duty == m.Duty))
            .Select(m => new TeamMember { TeamId = teamId, AccountId = m.AccountId, Duty = m.Duty, StartedAt = now }));
        team.Name = name;
        team.LeaderId = members.LeaderId;
        team.Version++;
        audit.Add("team-change", "team", teamId.ToString(CultureInfo.InvariantCulture),
            detail: $"leader {members.LeaderId} members {FormTeam.Describe(members.Members)}");
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
