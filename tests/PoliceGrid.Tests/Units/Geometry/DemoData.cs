using PoliceGrid.Web.Units.Geometry;

namespace PoliceGrid.Tests.Units.Geometry;

using Geometry = NetTopologySuite.Geometries.Geometry;

/// <summary>The repository's own copy of the Pingdingshan demo data, found from the test binary so tests never depend on the machine.</summary>
internal static class DemoData
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PoliceGrid.slnx")))
            {
                return Path.Combine(dir.FullName, "src", "PoliceGrid.Web", "Data", "Demo", "pingdingshan");
            }
        }

        throw new DirectoryNotFoundException("PoliceGrid.slnx not found above " + AppContext.BaseDirectory);
    });

    private static readonly Lazy<IReadOnlyList<GeoJsonFeature>> CountyFeatures =
        new(() => GeoJson.ReadFeatureCollection(File.ReadAllText(Path.Combine(Folder.Value, "counties.geojson"))));

    private static readonly Lazy<IReadOnlyList<(string Code, string Parent)>> DivisionRows = new(() =>
        [.. File.ReadLines(Path.Combine(Folder.Value, "divisions.csv")).Skip(1).Select(l => l.Split(',')).Select(f => (f[0], f[3]))]);

    public static IReadOnlyList<GeoJsonFeature> Counties => CountyFeatures.Value;

    public static Geometry County(string code) => Counties.Single(f => f.Properties["code"] == code).Geometry;

    public static IReadOnlyList<string> ChildrenOf(string code) => [.. DivisionRows.Value.Where(d => d.Parent == code).Select(d => d.Code)];
}
