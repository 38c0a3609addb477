using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Teams;

/// <summary>Forms the team of a village or grid (组建队伍) from staff, checked against its kind.</summary>
public sealed class FormTeam(PoliceGridDb db, AuditTrail audit, TimeProvider clock)
{
    public sealed record Request(int? UnitId, TeamKind? Kind, string? Name, IReadOnlyList<TeamRules.MemberInput>? Members, int? LeaderId);

    /// <summary>Done: the new team's id.</summary>
    public async Task<Result<int>> RunAsync(Viewer viewer, Request request)
    {
        var unit = request.UnitId is { } id ? await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id) : null;
        if (unit is null || !TeamRules.MayRead(unit, viewer))
            return Result.NotFound().As<int>();
        if (!TeamRules.MayKeep(unit, viewer))
            return Result.Forbidden(new Text("Teams.OnlyTheHeadOfTheAreaKeepsTeams")).As<int>();
        if (!TeamRules.Serves(unit.Kind))
            return Result.Invalid(new Text("Teams.ATeamServesAVillageOrAGrid"), [new FieldProblem("unitId", new Text("Teams.ATeamServesAVillageOrAGrid"))]).As<int>();
        if (request.Kind is not { } kind || !Enum.IsDefined(kind))
            return Result.Invalid(new Text("Teams.ChooseAKind"), [new FieldProblem("kind", new Text("Teams.ChooseAKind"))]).As<int>();
        var name = string.IsNullOrWhiteSpace(request.Name) ? unit.Name : request.Name.Trim();
        if (name.Length > 100)
            return Result.Invalid(new Text("Teams.ANameOfAtMost100Characters"), [new FieldProblem("name", new Text("Teams.ANameOfAtMost100Characters"))]).As<int>();
        var checkedMembers = await TeamRules.CheckAsync(db, viewer, unit, kind, request.Members, request.LeaderId);
        if (checkedMembers.Value is not { } members)
            return new Result<int>(checkedMembers.Outcome, 0, checkedMembers.Message, checkedMembers.Problems);

        var now = TeamRules.Now(clock);
        var team = new Team { UnitId = unit.Id, Kind = kind, Name = name, LeaderId = members.LeaderId, FormedById = viewer.AccountId, FormedAt = now };
        db.Teams.Add(team);
        await db.SaveChangesAsync();
        db.TeamMembers.AddRange(members.Members.Select(m => new TeamMember { TeamId = team.Id, AccountId = m.AccountId, Duty = m.Duty, StartedAt = now }));
        audit.Add("team-form", "team", team.Id.ToString(CultureInfo.InvariantCulture),
            detail: $"unit {unit.Id} {kind} leader {members.LeaderId} members {Describe(members.Members)}");
        await db.SaveChangesAsync();
        return team.Id;
    }

    public static string Describe(IEnumerable<(int AccountId, TeamDuty Duty)> members) =>
        string.Join(",", members.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.AccountId}:{m.Duty}")));
}
