using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Units.Geometry;

namespace PoliceGrid.Web.Units;

/// <summary>What the unit tree, unit page and map read; everything goes through <see cref="AccessPolicy"/>.</summary>
public sealed class UnitQueries(PoliceGridDb db, IUnitTeams teams)
{
    public sealed record UnitRow(int Id, string Code, string Name, UnitKind Kind, string KindZh, string KindEn, int? ParentId, bool HasOutline);

    public sealed record StaffRow(int Id, string DisplayName, string UserName, Role Role, string RoleZh, string RoleEn);

    public sealed record UnitDetails(
        UnitRow Unit, IReadOnlyList<UnitRow> Chain, IReadOnlyList<UnitRow> Children, UnitRow? PoliceDistrict,
        IReadOnlyList<UnitRow> CoveredGrids, IReadOnlyList<StaffRow> Staff, IReadOnlyList<UnitTeam> Teams,
        int GridsInArea, int VillagesInArea, int AccountsInArea);

    static IQueryable<UnitRow> Rows(IQueryable<Unit> units) => units.OrderBy(u => u.Code).Select(u =>
        new UnitRow(u.Id, u.Code, u.Name, u.Kind, "", "", u.ParentId, u.Outline != null));

    /// <summary>The row of a unit already loaded, labelled in both languages.</summary>
    public static UnitRow RowOf(Unit u) =>
        new(u.Id, u.Code, u.Name, u.Kind, u.Kind.Label().Zh, u.Kind.Label().En, u.ParentId, u.Outline != null);

    static IReadOnlyList<UnitRow> Labelled(IEnumerable<UnitRow> rows) =>
        rows.Select(r => r with { KindZh = r.Kind.Label().Zh, KindEn = r.Kind.Label().En }).ToList();

    /// <summary>The id of the unit with this code (as administrators name units in forms), or null.</summary>
    public async Task<int?> IdOfAsync(string code) =>
        await db.Units.AsNoTracking().Where(u => u.Code == code).Select(u => (int?)u.Id).FirstOrDefaultAsync();

    public async Task<IReadOnlyList<UnitRow>> ListAsync(Viewer viewer, int? parentId, string? search)
    {
        var visible = AccessPolicy.Visible(db.Units.AsNoTracking(), viewer);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            return Labelled(await Rows(visible.Where(u => u.Name.Contains(term) || u.Code.StartsWith(term))).Take(50).ToListAsync());
        }
        return Labelled(await Rows(visible.Where(u => u.ParentId == parentId)).Take(500).ToListAsync());
    }

    public async Task<UnitDetails?> DetailsAsync(Viewer viewer, int id)
    {
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id);
        if (unit is null || !AccessPolicy.CanSee(unit, viewer))
            return null;

        var visible = AccessPolicy.Visible(db.Units.AsNoTracking(), viewer);
        var chainCodes = unit.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).SkipLast(1).ToList();
        var chain = Labelled(await Rows(visible.Where(u => chainCodes.Contains(u.Code))).ToListAsync())
            .OrderBy(r => chainCodes.IndexOf(r.Code)).ToList();
        var children = Labelled(await Rows(visible.Where(u => u.ParentId == id)).Take(500).ToListAsync());
        var district = unit.PoliceDistrictId is { } districtId
            ? Labelled(await Rows(visible.Where(u => u.Id == districtId)).ToListAsync()).SingleOrDefault()
            : null;
        var covered = unit.Kind == UnitKind.PoliceDistrict
            ? Labelled(await Rows(visible.Where(u => u.PoliceDistrictId == id)).ToListAsync())
            : [];
        var staff = (await db.Users.AsNoTracking().Where(a => a.UnitId == id).OrderBy(a => a.Role).ThenBy(a => a.DisplayName)
                .Select(a => new { a.Id, a.DisplayName, a.UserName, a.Role }).Take(200).ToListAsync())
            .Select(a => new StaffRow(a.Id, a.DisplayName, a.UserName ?? "", a.Role, a.Role.Label().Zh, a.Role.Label().En)).ToList();
        var unitTeams = await teams.OfUnitAsync(unit);

        var area = unit.AreaPath;
        var grids = await db.Units.CountAsync(u => u.Kind == UnitKind.Grid && (unit.Kind == UnitKind.PoliceDistrict ? u.PoliceDistrictId == id : u.Path.StartsWith(area)));
        var villages = unit.Kind == UnitKind.PoliceDistrict ? 0 : await db.Units.CountAsync(u => u.Kind == UnitKind.Village && u.Path.StartsWith(area));
        var accounts = await db.Users.CountAsync(a => db.Units.Any(u => u.Id == a.UnitId && u.AreaPath.StartsWith(area)));

        return new UnitDetails(RowOf(unit), chain, children, district, covered, staff, unitTeams, grids, villages, accounts);
    }

    /// <summary>GeoJSON of the unit's own outline and its visible children's (a district's grids), for the map.</summary>
    public async Task<string?> OutlinesAsync(Viewer viewer, int id)
    {
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id);
        if (unit is null || !AccessPolicy.CanSee(unit, viewer))
            return null;
        // A station, branch or fusion unit has no outline of its own: show the area it serves.
        if (!unit.Kind.IsAdministrative() && unit.Kind != UnitKind.PoliceDistrict)
        {
            var areaPath = unit.AreaPath;
            unit = await db.Units.AsNoTracking().SingleAsync(u => u.Path == areaPath);
            id = unit.Id;
        }
        var visible = AccessPolicy.Visible(db.Units.AsNoTracking(), viewer);
        var parts = unit.Kind == UnitKind.PoliceDistrict ? visible.Where(u => u.PoliceDistrictId == id) : visible.Where(u => u.ParentId == id);
        var shapes = await parts.Where(u => u.Outline != null).OrderBy(u => u.Code)
            .Select(u => new { u.Id, u.Code, u.Name, u.Kind, u.Outline }).ToListAsync();

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "FeatureCollection");
            json.WriteStartArray("features");
            if (unit.Outline is not null)
                Feature(json, unit.Id, unit.Code, unit.Name, unit.Kind, unit.Outline, "self");
            foreach (var shape in shapes)
                Feature(json, shape.Id, shape.Code, shape.Name, shape.Kind, shape.Outline!, "child");
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    static void Feature(Utf8JsonWriter json, int id, string code, string name, UnitKind kind, byte[] outline, string role)
    {
        json.WriteStartObject();
        json.WriteString("type", "Feature");
        json.WriteStartObject("properties");
        json.WriteNumber("id", id);
        json.WriteString("code", code);
        json.WriteString("name", name);
        json.WriteString("kind", kind.ToString());
        json.WriteString("role", role);
        json.WriteEndObject();
        json.WritePropertyName("geometry");
        GeoJson.WriteGeometry(json, Wkb.Read(outline));
        json.WriteEndObject();
    }
}
