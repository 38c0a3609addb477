using PoliceGrid.Web.Units.Geometry;

namespace PoliceGrid.Tests.Units.Geometry;

using Geometry = NetTopologySuite.Geometries.Geometry;

public class TilingCheckTests
{
    private static NetTopologySuite.Geometries.Polygon Box(double minX, double minY, double maxX, double maxY) =>
        GeoJson.Factory.CreatePolygon([new(minX, minY), new(maxX, minY), new(maxX, maxY), new(minX, maxY), new(minX, minY)]);

    private static readonly Geometry Parent = Box(0, 0, 2, 2);

    [Fact]
    public void FindsAGapWithAPointInsideIt()
    {
        var report = TilingCheck.Check(Parent, [("a", Box(0, 0, 1, 2)), ("b", Box(1, 0, 2, 1.5))], 1e-9);

        Assert.False(report.IsTiling);
        var gap = Assert.Single(report.Gaps);
        Assert.Equal(0.5, gap.Area, 9);
        Assert.InRange(gap.Lon, 1, 2);
        Assert.InRange(gap.Lat, 1.5, 2);
        Assert.Empty(report.Overlaps);
        Assert.Empty(report.Outside);
    }

    [Fact]
    public void FindsAnOverlapAndNamesBothChildren()
    {
        var report = TilingCheck.Check(Parent, [("a", Box(0, 0, 1.2, 2)), ("b", Box(1, 0, 2, 2))], 1e-9);

        var overlap = Assert.Single(report.Overlaps);
        Assert.Equal(("a", "b"), (overlap.CodeA, overlap.CodeB));
        Assert.Equal(0.4, overlap.Area, 9);
        Assert.InRange(overlap.Lon, 1, 1.2);
        Assert.Empty(report.Gaps);
        Assert.False(report.IsTiling);
    }

    [Fact]
    public void FindsAChildReachingOutsideTheParent()
    {
        var report = TilingCheck.Check(Parent, [("a", Box(0, 0, 1, 2)), ("b", Box(1, 0, 2.5, 2))], 1e-9);

        var spill = Assert.Single(report.Outside);
        Assert.Equal("b", spill.Code);
        Assert.Equal(1.0, spill.Area, 9);
        Assert.InRange(spill.Lon, 2, 2.5);
        Assert.Empty(report.Gaps);
        Assert.Empty(report.Overlaps);
    }

    [Fact]
    public void IgnoresDifferencesBelowTheTolerance()
    {
        var report = TilingCheck.Check(Parent, [("a", Box(0, 0, 1, 2)), ("b", Box(1, 0, 2, 1.9999999))], 1e-6);

        Assert.True(report.IsTiling);
    }

    [Fact]
    public void AcceptsAGeneratedSplitOfARealCounty()
    {
        var county = DemoData.County("410421");
        var townships = OutlineGenerator.SplitAmong("410421", county, DemoData.ChildrenOf("410421"));

        var report = TilingCheck.Check(county, [.. townships.Select(t => (t.Key, t.Value))], 1e-10);

        Assert.True(report.IsTiling, $"gaps {report.Gaps.Count} overlaps {report.Overlaps.Count} outside {report.Outside.Count}");
    }

    [Fact]
    public void ReportsWhereAReplacedTownshipOutlineBreaksTheTiling()
    {
        var county = DemoData.County("410404");
        var townships = OutlineGenerator.SplitAmong("410404", county, DemoData.ChildrenOf("410404"));
        var replaced = townships.First();
        var shrunk = replaced.Value.Buffer(-0.002);

        var children = townships.Select(t => (t.Key, t.Key == replaced.Key ? shrunk : t.Value)).ToList();
        var report = TilingCheck.Check(county, children, 1e-10);

        Assert.False(report.IsTiling);
        Assert.NotEmpty(report.Gaps);
        Assert.True(replaced.Value.Contains(GeoJson.Factory.CreatePoint(new NetTopologySuite.Geometries.Coordinate(report.Gaps[0].Lon, report.Gaps[0].Lat))));
    }
}
