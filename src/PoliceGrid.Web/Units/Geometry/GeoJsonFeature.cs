namespace PoliceGrid.Web.Units.Geometry;

/// <summary>One GeoJSON feature: its properties as strings (numbers and booleans keep their JSON text) and its geometry.</summary>
public sealed record GeoJsonFeature(IReadOnlyDictionary<string, string?> Properties, NetTopologySuite.Geometries.Geometry Geometry);
