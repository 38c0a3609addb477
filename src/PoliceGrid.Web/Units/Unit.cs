using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Units;

/// <summary>
/// One node of either tree of units: the administrative tree (city → county → township → village → grid)
/// or the police tree (branch → station → police district), plus the fusion centres and stations that join them.
/// </summary>
public sealed class Unit
{
    public int Id { get; set; }

    /// <summary>National division code for administrative units; a derived code (prefix + area code) for the others.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public UnitKind Kind { get; set; }

    public int? ParentId { get; set; }

    /// <summary>Codes from the top of the unit's own tree down to itself, e.g. <c>/4104/410402/410402001/</c>.</summary>
    public required string Path { get; set; }

    /// <summary>
    /// Path of the administrative area the unit serves: its own path for administrative units; the county's for a
    /// branch, the township's for a station, fusion centre or police district, the village's for a fusion station.
    /// Access scope is decided on this path.
    /// </summary>
    public required string AreaPath { get; set; }

    /// <summary>For a grid: the police district that covers it ("一村(格)一警").</summary>
    public int? PoliceDistrictId { get; set; }

    /// <summary>Well-known binary, lon/lat (SRID 4326); null where no outline exists yet.</summary>
    public byte[]? Outline { get; set; }

    public bool OutlineGenerated { get; set; }

    public int Version { get; set; }
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<UnitKind>))]
public enum UnitKind
{
    City = 1,
    County = 2,
    Township = 3,
    Village = 4,
    Grid = 5,
    MicroGrid = 6,
    PoliceBranch = 10,
    PoliceStation = 11,
    PoliceDistrict = 12,
    FusionCentre = 20,
    FusionStation = 21,
}

public static class UnitKinds
{
    public static bool IsAdministrative(this UnitKind kind) => kind is >= UnitKind.City and <= UnitKind.MicroGrid;

    /// <summary>A unit of the police tree (branch, station, district); what is sent to it is police text.</summary>
    public static bool IsPolice(this UnitKind kind) => kind is UnitKind.PoliceBranch or UnitKind.PoliceStation or UnitKind.PoliceDistrict;

    public static (string Zh, string En) Label(this UnitKind kind) => Words.PairOf(kind);
}
