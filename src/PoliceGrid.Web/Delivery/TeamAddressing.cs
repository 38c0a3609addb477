namespace PoliceGrid.Web.Delivery;

/// <summary>
/// The current members of a team, for messages addressed to a team (<see cref="Notify.ToTeamAsync"/>). The Teams
/// feature answers it; Delivery knows no feature that calls it.
/// </summary>
public interface ITeamLookup
{
    Task<IReadOnlyList<int>> CurrentMembersAsync(int teamId, CancellationToken ct = default);

    /// <summary>The team that answers for a grid now, if any.</summary>
    Task<int?> ResponsibleTeamOfAsync(int gridId, CancellationToken ct = default);
}

/// <summary>
/// Who, besides the leaders above the recipient's unit, is told when a message is left unacknowledged
/// (<see cref="ChaseAcknowledgements"/>): the recipient's team leader (Teams), the leader on duty (Duty).
/// </summary>
public interface IEscalationLeaders
{
    Task<IReadOnlyList<int>> LeadersForAsync(int recipientId, int recipientUnitId, DateTime utc, CancellationToken ct = default);
}
