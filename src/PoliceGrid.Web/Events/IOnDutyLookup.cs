namespace PoliceGrid.Web.Events;

/// <summary>
/// Who is the officer on duty (值班民警) at a police station at a moment: what routing asks after office hours (the
/// Shuocheng rule). The duty rota answers it; Events knows only this question, so it never depends on the rota.
/// </summary>
public interface IOnDutyLookup
{
    /// <summary>The station's officer on duty for the shift covering <paramref name="utc"/>, or null when no one is.</summary>
    Task<OnDutyOfficer?> OfficerOnDutyAsync(int stationId, DateTime utc, CancellationToken ct = default);

    /// <summary>The others in the officer-on-duty seat of the shift the person is on at <paramref name="utc"/> (his shift partners); none when he is off duty.</summary>
    Task<IReadOnlyList<int>> PartnersOnDutyAsync(int accountId, DateTime utc, CancellationToken ct = default);
}

/// <summary>An officer on duty: the account that gets the event and his name for the routing reason.</summary>
public sealed record OnDutyOfficer(int AccountId, string Name);

/// <summary>No rota: where nothing keeps one (the demo's past events), police work goes to the district as before.</summary>
public sealed class NoOneOnDuty : IOnDutyLookup
{
    public static readonly NoOneOnDuty Instance = new();

    public Task<OnDutyOfficer?> OfficerOnDutyAsync(int stationId, DateTime utc, CancellationToken ct = default) => Task.FromResult<OnDutyOfficer?>(null);

    public Task<IReadOnlyList<int>> PartnersOnDutyAsync(int accountId, DateTime utc, CancellationToken ct = default) => Task.FromResult<IReadOnlyList<int>>([]);
}
