// Temporary stand-in until the geometry branch is merged; deleted then.
using NetTopologySuite.Geometries;
namespace PoliceGrid.Web.Units.Geometry;
public sealed record GeoJsonFeature(IReadOnlyDictionary<string, string?> Properties, NetTopologySuite.Geometries.Geometry Geometry);
public sealed class GeoJsonException(string message) : Exception(message);
public static class GeoJson
{
    public static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);
    public static IReadOnlyList<GeoJsonFeature> ReadFeatureCollection(Stream stream) => throw new NotSupportedException();
    public static void WriteGeometry(System.Text.Json.Utf8JsonWriter writer, NetTopologySuite.Geometries.Geometry geometry) => throw new NotSupportedException();
}
public static class OutlineGenerator
{
    public static IReadOnlyList<NetTopologySuite.Geometries.Geometry> Split(NetTopologySuite.Geometries.Geometry parent, int count, int seed) => throw new NotSupportedException();
    public static int SeedFor(string code) => code.Length;
}
public sealed class LocateIndex
{
    public static LocateIndex Build(IReadOnlyList<(int Id, NetTopologySuite.Geometries.Geometry Outline)> grids) => new();
    public int? Locate(double lon, double lat) => null;
}
public sealed record TilingReport(bool IsTiling);
public static class TilingCheck
{
    public static TilingReport Check(NetTopologySuite.Geometries.Geometry parent, IReadOnlyList<(string Code, NetTopologySuite.Geometries.Geometry Outline)> children, double tolerance) => new(true);
}
