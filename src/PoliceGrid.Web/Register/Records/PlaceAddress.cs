using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Register.Records;

/// <summary>The standard address as a collector enters it: its parts, and either a point (from the phone) or the grid she picks.</summary>
public sealed record AddressForm(string? Road, string? DoorNumber, string? Building = null, string? UnitNumber = null, string? Room = null,
    double? Longitude = null, double? Latitude = null, int? GridId = null);

/// <summary>Finds or creates the one standard address for what was entered, placed in its grid and police district.</summary>
public sealed class PlaceAddress(PoliceGridDb db, UnitLocator locator, TimeProvider clock)
{
    public sealed record Placed(StandardAddress? Address, IReadOnlyList<FieldProblem> Problems, bool Created);

    /// <summary>A grid with what every address in it shares: its village and the names that start its canonical form.</summary>
    public sealed record GridPlace(Unit Grid, int VillageId, string VillageCode, string Prefix, (double Lon, double Lat) InteriorPoint);

    public async Task<Placed> FindOrCreateAsync(AddressForm form, Viewer viewer)
    {
        var problems = new List<FieldProblem>();
        var parts = Check(form, problems);
        var grid = await GridOf(form, problems);
        if (grid is not null && !AccessPolicy.InArea(grid.Path, viewer))
            problems.Add(OutsideArea);
        if (problems.Count > 0 || grid is null)
            return new Placed(null, problems, false);

        if (await GridPlaceAsync(grid) is not { } place)
            return new Placed(null, [NoVillage], false);

        var key = parts.KeyIn(place.VillageCode);
        if (await db.Set<StandardAddress>().SingleOrDefaultAsync(a => a.Key == key) is { } existing)
            return new Placed(existing, [], false);

        var address = New(parts, place, form.Longitude is { } lon && form.Latitude is { } lat ? (lon, lat) : null, viewer.AccountId);
        db.Add(address);
        return new Placed(address, [], true);
    }

    public static readonly FieldProblem OutsideArea = new("grid", new Text("Register.ThisAddressIsOutsideYourArea"));

    public static readonly FieldProblem NoVillage = new("grid", new Text("Register.ThisGridBelongsToNoVillage"));

    /// <summary>The address parts in their one normalised form, with what is missing or too long.</summary>
    public static AddressParts Check(AddressForm form, List<FieldProblem> problems)
    {
        var parts = new AddressParts(form.Road ?? "", form.DoorNumber ?? "", form.Building, form.UnitNumber, form.Room).Normalised();
        if (parts.Road.Length == 0)
            problems.Add(new FieldProblem("road", new Text("Register.EnterTheRoadStreetOrHamlet")));
        if (parts.DoorNumber.Length == 0)
            problems.Add(new FieldProblem("doorNumber", new Text("Register.EnterTheDoorNumber")));
        if (parts.Road.Length > 100 || parts.DoorNumber.Length > 40 || parts.Building!.Length > 40 || parts.UnitNumber!.Length > 40 || parts.Room!.Length > 40)
            problems.Add(new FieldProblem("road", new Text("Register.APartOfTheAddressIs")));
        return parts;
    }

    /// <summary>The grid's village and canonical prefix, or null when the grid belongs to no village.</summary>
    public async Task<GridPlace?> GridPlaceAsync(Unit grid)
    {
        var chain = await db.Units.AsNoTracking().Where(u => grid.Path.StartsWith(u.Path) && u.Kind != UnitKind.City && u.Kind != UnitKind.Grid)
            .OrderBy(u => u.Path.Length).Select(u => new { u.Id, u.Code, u.Name, u.Kind }).ToListAsync();
        var village = chain.LastOrDefault(u => u.Kind == UnitKind.Village);
        return village is null ? null : new GridPlace(grid, village.Id, village.Code, string.Concat(chain.Select(u => u.Name)), InteriorPoint(grid));
    }

    /// <summary>A new standard address (not yet added) for normalised parts in a grid, at the given point or the grid's interior point.</summary>
    public StandardAddress New(AddressParts parts, GridPlace place, (double Lon, double Lat)? point, int accountId)
    {
        var (lon, lat) = point ?? place.InteriorPoint;
        return new StandardAddress
        {
            VillageId = place.VillageId,
            GridId = place.Grid.Id,
            PoliceDistrictId = place.Grid.PoliceDistrictId,
            AreaPath = place.Grid.Path,
            Road = parts.Road,
            DoorNumber = parts.DoorNumber,
            Building = parts.Building!,
            UnitNumber = parts.UnitNumber!,
            Room = parts.Room!,
            Canonical = place.Prefix + parts.Display(),
            Key = parts.KeyIn(place.VillageCode),
            Longitude = lon,
            Latitude = lat,
            CreatedById = accountId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
    }

    async Task<Unit?> GridOf(AddressForm form, List<FieldProblem> problems)
    {
        if (form.Longitude is { } lon && form.Latitude is { } lat)
        {
            if (locator.Locate(lon, lat) is { } chain)
                return await db.Units.AsNoTracking().SingleAsync(u => u.Id == chain.Grid.Id);
            problems.Add(new FieldProblem("point", new Text("Shell.ThisPointLiesInNoGrid")));
            return null;
        }
        if (form.GridId is { } gridId && await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == gridId && u.Kind == UnitKind.Grid) is { } grid)
            return grid;
        problems.Add(new FieldProblem("grid", new Text("Register.ShareYourLocationOrChooseThe")));
        return null;
    }

    static (double lon, double lat) InteriorPoint(Unit grid)
    {
        if (grid.Outline is null)
            return (0, 0);
        var point = Wkb.Read(grid.Outline).InteriorPoint;
        return (point.X, point.Y);
    }
}
