using System.Text.Json;
using PoliceGrid.Web.Units.Geometry;

namespace PoliceGrid.Tests.Units.Geometry;

public class GeoJsonTests
{
    [Fact]
    public void ReadsTheTenPingdingshanCountyOutlinesWithTheirCodes()
    {
        var features = DemoData.Counties;

        Assert.Equal(10, features.Count);
        Assert.Equal(
            ["410402", "410403", "410404", "410411", "410421", "410422", "410423", "410425", "410481", "410482"],
            features.Select(f => f.Properties["code"]).Order(StringComparer.Ordinal));
        Assert.Equal("鲁山县", features.Single(f => f.Properties["code"] == "410423").Properties["name"]);
        Assert.Contains(features, f => f.Geometry.GeometryType == "MultiPolygon");
        Assert.All(features, f => Assert.Equal(4326, f.Geometry.SRID));
    }

    [Fact]
    public void RejectsTextThatIsNotJson()
    {
        var e = Assert.Throws<GeoJsonException>(() => GeoJson.ReadFeatureCollection("{\"type\": \"FeatureCollection\", "));

        Assert.Contains("JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsAFeatureWithoutGeometryAndNamesIt()
    {
        var square = """{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}""";
        var missing = """{"type":"Feature","properties":{"code":"x"}}""";
        var json = "{\"type\":\"FeatureCollection\",\"features\":[" + square + "," + square + "," + missing + "]}";

        var e = Assert.Throws<GeoJsonException>(() => GeoJson.ReadFeatureCollection(json));

        Assert.Equal(3, e.FeatureNumber);
        Assert.Contains("第3个要素缺少 geometry", e.Message, StringComparison.Ordinal);
        Assert.Contains("feature 3 has no geometry", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsAGeometryTypeOtherThanPolygonAndNamesTheFeature()
    {
        var json = """{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[113,33]}}]}""";

        var e = Assert.Throws<GeoJsonException>(() => GeoJson.ReadFeatureCollection(json));

        Assert.Equal(1, e.FeatureNumber);
        Assert.Contains("Point", e.Message, StringComparison.Ordinal);
        Assert.Contains("feature 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsATopLevelThatIsNotAFeatureCollection()
    {
        Assert.Throws<GeoJsonException>(() => GeoJson.ReadFeatureCollection("""{"type":"Feature"}"""));
        Assert.Throws<GeoJsonException>(() => GeoJson.ReadFeatureCollection("[]"));
    }

    [Fact]
    public void WrittenFeatureCollectionReadsBackWithTheSameOutlinesAndProperties()
    {
        var original = DemoData.Counties;

        var json = GeoJson.ToFeatureCollectionJson(original);
        var back = GeoJson.ReadFeatureCollection(json);

        Assert.Equal(original.Count, back.Count);
        for (var i = 0; i < original.Count; i++)
        {
            Assert.Equal(original[i].Properties["code"], back[i].Properties["code"]);
            Assert.Equal(original[i].Geometry.Area, back[i].Geometry.Area, 12);
            var rings = Rings(original[i].Geometry);
            var ringsBack = Rings(back[i].Geometry);
            Assert.Equal(rings.Count, ringsBack.Count);
            for (var r = 0; r < rings.Count; r++)
            {
                // The writer may reverse a ring to make shells counter-clockwise; positions must survive exactly.
                Assert.True(rings[r].SequenceEqual(ringsBack[r]) || rings[r].Reverse().SequenceEqual(ringsBack[r]), $"ring {r} of feature {i}");
            }
        }
    }

    private static List<NetTopologySuite.Geometries.Coordinate[]> Rings(NetTopologySuite.Geometries.Geometry g) =>
        [.. Enumerable.Range(0, g.NumGeometries).Select(i => (NetTopologySuite.Geometries.Polygon)g.GetGeometryN(i))
            .SelectMany(p => new[] { p.Shell }.Concat(p.Holes)).Select(r => r.Coordinates)];

    [Fact]
    public void WriteGeometryEmitsCounterClockwiseShells()
    {
        var clockwise = GeoJson.Factory.CreatePolygon([new(0, 0), new(0, 1), new(1, 1), new(1, 0), new(0, 0)]);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            GeoJson.WriteGeometry(writer, clockwise);
        }

        using var doc = JsonDocument.Parse(buffer.ToArray());
        var ring = doc.RootElement.GetProperty("coordinates")[0];
        Assert.Equal("Polygon", doc.RootElement.GetProperty("type").GetString());
        Assert.Equal(1, ring[1][0].GetDouble());
        Assert.Equal(0, ring[1][1].GetDouble());
    }
}
