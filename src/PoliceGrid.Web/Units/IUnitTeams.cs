namespace PoliceGrid.Web.Units;

/// <summary>
/// The teams a unit page shows: a grid's responsible team, the responsible teams of a village's grids or of the grids a
/// police district covers, and a village's own teams, each with its current members. Teams answers it (Units uses no feature).
/// </summary>
public interface IUnitTeams
{
    Task<IReadOnlyList<UnitTeam>> OfUnitAsync(Unit unit, CancellationToken ct = default);
}

/// <summary>A team as a unit page shows it: its kind, the grids it answers for, its members with their duty in it.</summary>
public sealed record UnitTeam(int Id, string Name, string KindZh, string KindEn, IReadOnlyList<string> Grids, IReadOnlyList<UnitTeamMember> Members);

public sealed record UnitTeamMember(string Name, string DutyZh, string DutyEn, bool IsLeader);
