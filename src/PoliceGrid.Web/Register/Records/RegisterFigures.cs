using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Register.Verification;
using PoliceGrid.Web.Shared;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Register.Records;

/// <summary>One line of the register's figures for a unit: how complete and how verified its register is.</summary>
public sealed record RegisterFigure(int UnitId, string UnitName, int Residents, int Verified, double VerifiedShare, int Floating,
    int FloatingRegistered, int FloatingExpired, int Houses, int Rented, int RentedRegistered, int Organisations, int Returned,
    int DuplicatesPrevented);

/// <summary>Per-unit figures for a unit and each unit below it, counted only over what the viewer may see.</summary>
public sealed class RegisterFigures(PoliceGridDb db, TimeProvider clock)
{
    sealed record GridCounts(int Residents, int Verified, int Floating, int Registered, int Expired, int Houses, int Rented, int RentedRegistered,
        int Organisations, int Returned, int Duplicates);

    public async Task<IReadOnlyList<RegisterFigure>?> ForAsync(int? unitId, Viewer viewer)
    {
        var unit = unitId is { } id ? await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id) : viewer.Unit;
        if (unit is null || !AccessPolicy.CanSee(unit, viewer))
            return null;
        var grids = unit.Kind == UnitKind.PoliceDistrict
            ? await db.Units.AsNoTracking().Where(g => g.PoliceDistrictId == unit.Id).Select(g => new { g.Id, g.Path }).ToListAsync()
            : await db.Units.AsNoTracking().Where(g => g.Kind == UnitKind.Grid && g.Path.StartsWith(unit.AreaPath)).Select(g => new { g.Id, g.Path }).ToListAsync();
        var children = UnitKinds.IsAdministrative(unit.Kind) && unit.Kind != UnitKind.Grid
            ? await AccessPolicy.Visible(db.Units.AsNoTracking().Where(u => u.ParentId == unit.Id && u.Kind != UnitKind.MicroGrid), viewer)
                .OrderBy(u => u.Code).Select(u => new { u.Id, u.Name, u.Path }).ToListAsync()
            : [];
        var counts = await CountByGridAsync(grids.Select(g => g.Id).ToList(), viewer);

        GridCounts Sum(IEnumerable<int> gridIds) => gridIds.Select(g => counts.GetValueOrDefault(g)).OfType<GridCounts>()
            .Aggregate(new GridCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), (a, b) => new GridCounts(a.Residents + b.Residents, a.Verified + b.Verified,
                a.Floating + b.Floating, a.Registered + b.Registered, a.Expired + b.Expired, a.Houses + b.Houses, a.Rented + b.Rented,
                a.RentedRegistered + b.RentedRegistered, a.Organisations + b.Organisations, a.Returned + b.Returned, a.Duplicates + b.Duplicates));
        RegisterFigure Line(int id, string name, GridCounts c) => new(id, name, c.Residents, c.Verified,
            c.Residents == 0 ? 0 : Math.Round((double)c.Verified / c.Residents, 4), c.Floating, c.Registered, c.Expired, c.Houses, c.Rented,
            c.RentedRegistered, c.Organisations, c.Returned, c.Duplicates);

        var lines = new List<RegisterFigure> { Line(unit.Id, unit.Name, Sum(grids.Select(g => g.Id))) };
        lines.AddRange(children.Select(child => Line(child.Id, child.Name, Sum(grids.Where(g => g.Path.StartsWith(child.Path, StringComparison.Ordinal)).Select(g => g.Id)))));
        return lines;
    }

    async Task<Dictionary<int, GridCounts>> CountByGridAsync(List<int> gridIds, Viewer viewer)
    {
        var today = ChinaTime.Today(clock);
        var residents = await AccessPolicy.InArea(db.Set<Resident>(), viewer, r => r.AreaPath).Where(r => gridIds.Contains(r.GridId))
            .GroupBy(r => r.GridId).Select(g => new
            {
                GridId = g.Key,
                Total = g.Count(),
                Verified = g.Sum(r => r.Status == RecordStatus.Verified ? 1 : 0),
                Floating = g.Sum(r => r.HouseholdType == HouseholdType.Floating ? 1 : 0),
                Registered = g.Sum(r => r.HouseholdType == HouseholdType.Floating && r.RegistrationNumber != null && r.RegistrationExpires >= today ? 1 : 0),
                Expired = g.Sum(r => r.HouseholdType == HouseholdType.Floating && r.RegistrationExpires < today ? 1 : 0),
                Returned = g.Sum(r => r.Status == RecordStatus.Returned ? 1 : 0),
            }).ToDictionaryAsync(x => x.GridId);
        var houses = await AccessPolicy.InArea(db.Set<House>(), viewer, h => h.AreaPath).Where(h => gridIds.Contains(h.GridId))
            .GroupBy(h => h.GridId).Select(g => new
            {
                GridId = g.Key,
                Total = g.Count(),
                Rented = g.Sum(h => h.Use == HouseUse.Rented ? 1 : 0),
                Registered = g.Sum(h => h.Use == HouseUse.Rented && h.RentalRegistrationNumber != null ? 1 : 0),
                Returned = g.Sum(h => h.Status == RecordStatus.Returned ? 1 : 0),
            }).ToDictionaryAsync(x => x.GridId);
        var organisations = await AccessPolicy.InArea(db.Set<Organisation>(), viewer, o => o.AreaPath).Where(o => gridIds.Contains(o.GridId))
            .GroupBy(o => o.GridId).Select(g => new { GridId = g.Key, Total = g.Count(), Returned = g.Sum(o => o.Status == RecordStatus.Returned ? 1 : 0) })
            .ToDictionaryAsync(x => x.GridId);
        var duplicates = await AccessPolicy.InArea(db.Set<DuplicatePrevented>(), viewer, d => d.AreaPath)
            .Join(db.Set<Resident>(), d => d.ExistingResidentId, r => r.Id, (d, r) => r.GridId).Where(g => gridIds.Contains(g))
            .GroupBy(g => g).Select(g => new { GridId = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.GridId, x => x.Count);

        var result = new Dictionary<int, GridCounts>();
        foreach (var grid in residents.Keys.Union(houses.Keys).Union(organisations.Keys).Union(duplicates.Keys))
        {
            var r = residents.GetValueOrDefault(grid);
            var h = houses.GetValueOrDefault(grid);
            var o = organisations.GetValueOrDefault(grid);
            result[grid] = new GridCounts(r?.Total ?? 0, r?.Verified ?? 0, r?.Floating ?? 0, r?.Registered ?? 0, r?.Expired ?? 0, h?.Total ?? 0,
                h?.Rented ?? 0, h?.Registered ?? 0, o?.Total ?? 0, (r?.Returned ?? 0) + (h?.Returned ?? 0) + (o?.Returned ?? 0), duplicates.GetValueOrDefault(grid));
        }
        return result;
    }
}
