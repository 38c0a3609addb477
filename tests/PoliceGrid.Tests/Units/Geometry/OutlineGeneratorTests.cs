using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.OverlayNG;
using PoliceGrid.Web.Units.Geometry;

namespace PoliceGrid.Tests.Units.Geometry;

using Geometry = NetTopologySuite.Geometries.Geometry;

public class OutlineGeneratorTests
{
    // 鲁山县: the largest outline (3,567 vertices), a MultiPolygon, and invalid as shipped.
    private const string Lushan = "410423";
    private const int Parts = 24;

    private static readonly Lazy<IReadOnlyList<Geometry>> LushanParts =
        new(() => OutlineGenerator.Split(DemoData.County(Lushan), Parts, OutlineGenerator.SeedFor(Lushan)));

    private static Geometry LushanParent => OutlineRepair.MakeValid(DemoData.County(Lushan));

    [Fact]
    public void SplitReturnsTheRequestedNumberOfPolygonalParts()
    {
        Assert.Equal(Parts, LushanParts.Value.Count);
        Assert.All(LushanParts.Value, p => Assert.True(p is Polygon or MultiPolygon, p.GeometryType));
        Assert.All(LushanParts.Value, p => Assert.True(p.IsValid));
    }

    [Fact]
    public void SplitPartsUnionToTheParentArea()
    {
        var union = OverlayNGRobust.Union(GeoJson.Factory.BuildGeometry(LushanParts.Value));
        var parentArea = LushanParent.Area;

        Assert.True(Math.Abs(union.Area - parentArea) <= parentArea * 1e-9, $"union {union.Area} parent {parentArea}");
        var symmetricDifference = OverlayNGRobust.Overlay(union, LushanParent, NetTopologySuite.Operation.Overlay.SpatialFunction.SymDifference);
        Assert.True(symmetricDifference.Area <= parentArea * 1e-9);
    }

    [Fact]
    public void SplitPartsDoNotOverlap()
    {
        var parts = LushanParts.Value;
        var overlap = 0.0;
        for (var i = 0; i < parts.Count; i++)
        {
            for (var j = i + 1; j < parts.Count; j++)
            {
                if (parts[i].EnvelopeInternal.Intersects(parts[j].EnvelopeInternal))
                {
                    overlap += OverlayNGRobust.Overlay(parts[i], parts[j], NetTopologySuite.Operation.Overlay.SpatialFunction.Intersection).Area;
                }
            }
        }

        Assert.True(overlap <= LushanParent.Area * 1e-12, $"overlap {overlap}");
    }

    [Fact]
    public void EveryRandomPointInsideTheParentIsInExactlyOnePart()
    {
        var parent = new IndexedPointInAreaLocator(LushanParent);
        var parts = LushanParts.Value.Select(p => new IndexedPointInAreaLocator(p)).ToArray();
        var env = LushanParent.EnvelopeInternal;
        var random = new Random(7);
        var tested = 0;
        while (tested < 10_000)
        {
            var c = new Coordinate(env.MinX + (random.NextDouble() * env.Width), env.MinY + (random.NextDouble() * env.Height));
            if (parent.Locate(c) != Location.Interior)
            {
                continue;
            }

            tested++;
            Assert.Equal(1, parts.Count(p => p.Locate(c) != Location.Exterior));
        }
    }

    [Fact]
    public void SplitIsDeterministicForTheSameSeed()
    {
        var again = OutlineGenerator.Split(DemoData.County(Lushan), Parts, OutlineGenerator.SeedFor(Lushan));

        Assert.Equal(LushanParts.Value.Count, again.Count);
        for (var i = 0; i < again.Count; i++)
        {
            Assert.True(LushanParts.Value[i].EqualsExact(again[i]), $"part {i} differs");
        }
    }

    [Theory]
    [InlineData(Lushan, 24)]
    [InlineData("410402", 11)]
    [InlineData("410422", 18)]
    [InlineData("410482", 21)]
    [InlineData("410404", 4)]
    public void SplitAreasStayWithinRoughlyHalfAndDoubleTheMean(string county, int count)
    {
        // Lloyd relaxation evens interior cells well; cells squeezed against a ragged county edge can end near 0.4.
        var parts = OutlineGenerator.Split(DemoData.County(county), count, OutlineGenerator.SeedFor(county));

        var mean = parts.Average(p => p.Area);
        Assert.All(parts, p => Assert.InRange(p.Area / mean, 0.4, 2.0));
    }

    [Fact]
    public void SplitIntoOneReturnsTheParent()
    {
        var parent = DemoData.County("410402");

        Assert.Same(parent, Assert.Single(OutlineGenerator.Split(parent, 1, 5)));
    }

    [Fact]
    public void SplitAmongAssignsChildrenInCodeOrderRegardlessOfInputOrder()
    {
        var parent = DemoData.County("410404");
        var codes = DemoData.ChildrenOf("410404");

        var forward = OutlineGenerator.SplitAmong("410404", parent, codes);
        var backward = OutlineGenerator.SplitAmong("410404", parent, codes.Reverse());

        Assert.Equal(codes.Order(StringComparer.Ordinal), forward.Keys.Order(StringComparer.Ordinal));
        Assert.All(codes, c => Assert.True(forward[c].EqualsExact(backward[c])));
    }

    [Fact]
    public void SeedForIsAStableHashOfTheCode()
    {
        // Fixed value: a seed that changed between processes would move every generated outline.
        Assert.Equal(554627753, OutlineGenerator.SeedFor(Lushan));
        Assert.NotEqual(OutlineGenerator.SeedFor("410402"), OutlineGenerator.SeedFor("410403"));
    }
}
