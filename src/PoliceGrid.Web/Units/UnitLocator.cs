using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Units.Geometry;

namespace PoliceGrid.Web.Units;

/// <summary>
/// Places a point in its grid and the chain above it, from an in-memory index of grid outlines. The index is
/// rebuilt whenever outlines or the police side change and swapped in whole, so readers never wait.
/// </summary>
public sealed class UnitLocator(IServiceScopeFactory scopes)
{
    public sealed record Link(int Id, string Code, string Name);

    public sealed record Chain(Link? County, Link? Township, Link? Village, Link Grid, Link? PoliceStation, Link? PoliceDistrict);

    sealed record Snapshot(LocateIndex Index, IReadOnlyDictionary<int, Chain> Chains);

    volatile Snapshot? snapshot;

    public int GridCount => snapshot?.Chains.Count ?? 0;

    public Chain? Locate(double lon, double lat)
    {
        var current = snapshot;
        return current?.Index.Locate(lon, lat) is { } gridId ? current.Chains[gridId] : null;
    }

    /// <summary>The chain of a grid with an outline; null for an unknown grid.</summary>
    public Chain? ChainOf(int gridId) => snapshot?.Chains.GetValueOrDefault(gridId);

    /// <summary>Rebuilds here and tells the other instances to rebuild too (through PostgreSQL NOTIFY).</summary>
    public async Task RefreshEverywhereAsync(CancellationToken ct = default)
    {
        await RefreshAsync(ct);
        using var scope = scopes.CreateScope();
        await scope.ServiceProvider.GetRequiredService<Shared.Live.LiveFeed>().PublishChangedAsync(Shared.Live.LiveTopic.Units, ct);
    }

    public async Task RefreshAsync(CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceGridDb>();
        var names = await db.Units.AsNoTracking().Where(u => u.Kind != UnitKind.Grid)
            .Select(u => new { u.Id, u.Code, u.Name, u.Kind, u.ParentId }).ToDictionaryAsync(u => u.Id, ct);
        var grids = await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.Grid && u.Outline != null)
            .Select(u => new { u.Id, u.Code, u.Name, u.ParentId, u.PoliceDistrictId, u.Outline }).ToListAsync(ct);

        Link? LinkOf(int? id) => id is { } key && names.TryGetValue(key, out var u) ? new Link(u.Id, u.Code, u.Name) : null;
        int? ParentOf(int? id) => id is { } key && names.TryGetValue(key, out var u) ? u.ParentId : null;

        var chains = new Dictionary<int, Chain>(grids.Count);
        var outlines = new List<(int, NetTopologySuite.Geometries.Geometry)>(grids.Count);
        foreach (var grid in grids)
        {
            var township = ParentOf(grid.ParentId);
            chains[grid.Id] = new Chain(LinkOf(ParentOf(township)), LinkOf(township), LinkOf(grid.ParentId),
                new Link(grid.Id, grid.Code, grid.Name), LinkOf(ParentOf(grid.PoliceDistrictId)), LinkOf(grid.PoliceDistrictId));
            outlines.Add((grid.Id, Wkb.Read(grid.Outline!)));
        }
        snapshot = new Snapshot(LocateIndex.Build(outlines), chains);
    }
}
