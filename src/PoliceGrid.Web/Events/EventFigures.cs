namespace PoliceGrid.Web.Events;

public sealed class EventFigures
{
    public sealed record Query(int? UnitId, string? From, string? To, string? Category);

    public sealed record Report;

    public Task<Report?> RunAsync(Accounts.Viewer viewer, Query query) => Task.FromResult<Report?>(null);
}
