using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.IO;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Units.Geometry;

namespace PoliceGrid.Web.Units;

/// <summary>
/// Fills in what imported divisions lack until surveys exist: generated outlines for townships, villages and grids
/// inside each county outline, grids in every village, and the default police side — a branch per county, a station
/// and a fusion centre per township, a police district and a fusion station per village.
/// Never overwrites what an administrator set: surveyed outlines, edited names, moved grids.
/// </summary>
public sealed class UnitLayout(PoliceGridDb db, Microsoft.Extensions.Options.IOptions<UnitsOptions> options)
{
    /// <summary>What a layout made (named apart from Shared.Result, which is how use cases end).</summary>
    public sealed record Made(int OutlinesGenerated, int GridsCreated, int PoliceUnitsCreated);

    public async Task<Made> LayOutAsync(IReadOnlyList<int> countyIds, ISet<string> changedOutlines, CancellationToken ct)
    {
        var counties = await db.Units.Where(u => countyIds.Contains(u.Id)).OrderBy(u => u.Code).ToListAsync(ct);
        var villageCount = 0;
        foreach (var county in counties)
            villageCount += await db.Units.CountAsync(u => u.Kind == UnitKind.Village && u.Path.StartsWith(county.Path), ct);
        var grids = new GridQuota(options.Value.GridsPerVillage, options.Value.TotalGrids, villageCount);

        int generated = 0, gridsCreated = 0, policeCreated = 0;
        foreach (var county in counties)
        {
            var units = await db.Units.Where(u => u.AreaPath.StartsWith(county.Path) || u.Path.StartsWith("/B" + county.Code + "/")).ToListAsync(ct);
            gridsCreated += await AddGrids(units, grids, ct);
            policeCreated += await AddPoliceSide(county, units, ct);
            generated += Generate(county, units.ToLookup(u => u.ParentId), changedOutlines.Contains(county.Code));
            await db.SaveChangesAsync(ct);
        }
        return new Made(generated, gridsCreated, policeCreated);
    }

    sealed class GridQuota(int perVillage, int? total, int villages)
    {
        int index;

        public int Next()
        {
            var i = index++;
            if (total is not { } t || villages == 0)
                return perVillage;
            return t / villages + (i < t % villages ? 1 : 0);
        }
    }

    async Task<int> AddGrids(List<Unit> units, GridQuota quota, CancellationToken ct)
    {
        var withGrids = units.Where(u => u.Kind == UnitKind.Grid).Select(u => u.ParentId).ToHashSet();
        var created = 0;
        foreach (var village in units.Where(u => u.Kind == UnitKind.Village).OrderBy(u => u.Code).ToList())
        {
            var count = quota.Next();
            if (withGrids.Contains(village.Id))
                continue;
            for (var i = 1; i <= count; i++)
            {
                var code = village.Code + i.ToString("000", CultureInfo.InvariantCulture);
                var path = village.Path + code + "/";
                var grid = new Unit { Code = code, Name = $"{village.Name}第{i}网格", Kind = UnitKind.Grid, ParentId = village.Id, Path = path, AreaPath = path };
                db.Units.Add(grid);
                units.Add(grid);
                created++;
            }
        }
        await db.SaveChangesAsync(ct);
        return created;
    }

    async Task<int> AddPoliceSide(Unit county, List<Unit> units, CancellationToken ct)
    {
        var byCode = units.ToDictionary(u => u.Code);
        var created = 0;
        var branch = Ensure("B" + county.Code, () => new Unit
        {
            Code = "B" + county.Code, Name = county.Name + (county.Name.EndsWith('区') ? "公安分局" : "公安局"),
            Kind = UnitKind.PoliceBranch, Path = $"/B{county.Code}/", AreaPath = county.Path,
        });
        await db.SaveChangesAsync(ct);

        var townships = units.Where(u => u.Kind == UnitKind.Township && u.ParentId == county.Id).OrderBy(u => u.Code).ToList();
        foreach (var township in townships)
        {
            Ensure("S" + township.Code, () => new Unit
            {
                Code = "S" + township.Code, Name = ShortName(township.Name) + "派出所", Kind = UnitKind.PoliceStation,
                ParentId = branch.Id, Path = $"{branch.Path}S{township.Code}/", AreaPath = township.Path,
            });
            Ensure("FC" + township.Code, () => new Unit
            {
                Code = "FC" + township.Code, Name = township.Name + "警网融合工作中心", Kind = UnitKind.FusionCentre,
                ParentId = township.Id, Path = $"{township.Path}FC{township.Code}/", AreaPath = township.Path,
            });
        }
        await db.SaveChangesAsync(ct);

        var villages = units.Where(u => u.Kind == UnitKind.Village).OrderBy(u => u.Code).ToList();
        var townshipsById = townships.ToDictionary(t => t.Id);
        var districtOf = new Dictionary<int, Unit>();
        foreach (var village in villages)
        {
            if (village.ParentId is not { } townshipId || !townshipsById.TryGetValue(townshipId, out var township))
                continue;
            var station = byCode["S" + township.Code];
            districtOf[village.Id] = Ensure("D" + village.Code, () => new Unit
            {
                Code = "D" + village.Code, Name = ShortName(village.Name) + "警务区", Kind = UnitKind.PoliceDistrict,
                ParentId = station.Id, Path = $"{station.Path}D{village.Code}/", AreaPath = township.Path,
            });
            Ensure("FS" + village.Code, () => new Unit
            {
                Code = "FS" + village.Code, Name = village.Name + "警网融合工作站", Kind = UnitKind.FusionStation,
                ParentId = village.Id, Path = $"{village.Path}FS{village.Code}/", AreaPath = village.Path,
            });
        }
        await db.SaveChangesAsync(ct);

        foreach (var grid in units.Where(u => u.Kind == UnitKind.Grid && u.PoliceDistrictId is null))
            if (grid.ParentId is { } villageId && districtOf.TryGetValue(villageId, out var district))
                grid.PoliceDistrictId = district.Id;
        return created;

        Unit Ensure(string code, Func<Unit> create)
        {
            if (byCode.TryGetValue(code, out var unit))
                return unit;
            unit = create();
            db.Units.Add(unit);
            units.Add(unit);
            byCode[code] = unit;
            created++;
            return unit;
        }
    }

    static string ShortName(string name)
    {
        foreach (var suffix in new[] { "街道办事处", "街道", "镇", "乡", "村民委员会", "居民委员会", "社区居委会", "居委会", "村委会" })
            if (name.Length > suffix.Length + 1 && name.EndsWith(suffix, StringComparison.Ordinal))
                return name[..^suffix.Length];
        return name;
    }

    /// <summary>Splits each outlined unit among its administrative children, top down; returns how many outlines it wrote.</summary>
    static int Generate(Unit parent, ILookup<int?, Unit> children, bool parentChanged)
    {
        var kids = children[parent.Id].Where(k => k.Kind is UnitKind.Township or UnitKind.Village or UnitKind.Grid)
            .OrderBy(k => k.Code, StringComparer.Ordinal).ToList();
        if (parent.Outline is null || kids.Count == 0)
            return 0;

        var count = 0;
        var surveyed = kids.Any(k => k.Outline is not null && !k.OutlineGenerated);
        var regenerate = !surveyed && (parentChanged || kids.Any(k => k.Outline is null));
        if (regenerate)
        {
            var parts = OutlineGenerator.Split(Wkb.Read(parent.Outline), kids.Count, OutlineGenerator.SeedFor(parent.Code));
            for (var i = 0; i < kids.Count; i++)
            {
                (kids[i].Outline, kids[i].OutlineGenerated) = (Wkb.Write(parts[i]), true);
                kids[i].Version++;
            }
            count += kids.Count;
        }
        foreach (var kid in kids)
            count += Generate(kid, children, regenerate);
        return count;
    }
}

/// <summary>Outlines are stored as well-known binary.</summary>
public static class Wkb
{
    public static NetTopologySuite.Geometries.Geometry Read(byte[] bytes) => new WKBReader(GeoJson.Factory.GeometryServices).Read(bytes);

    public static byte[] Write(NetTopologySuite.Geometries.Geometry geometry) => new WKBWriter().Write(geometry);
}
