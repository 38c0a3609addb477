using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using PoliceGrid.Web.Units.Geometry;

namespace PoliceGrid.Tests.Units.Geometry;

using Geometry = NetTopologySuite.Geometries.Geometry;

public class LocateIndexTests
{
    // 新华区 split county → townships → villages → 3 grids each, as the demo does (201 grids).
    private const string County = "410402";

    private static readonly Lazy<List<(int Id, Geometry Outline)>> Grids = new(() =>
    {
        var grids = new List<(int, Geometry)>();
        foreach (var (township, townshipOutline) in OutlineGenerator.SplitAmong(County, DemoData.County(County), DemoData.ChildrenOf(County)))
        {
            foreach (var (village, villageOutline) in OutlineGenerator.SplitAmong(township, townshipOutline, DemoData.ChildrenOf(township)))
            {
                foreach (var grid in OutlineGenerator.Split(villageOutline, 3, OutlineGenerator.SeedFor(village)))
                {
                    grids.Add((1000 + grids.Count, grid));
                }
            }
        }

        return grids;
    });

    [Fact]
    public void LocateAgreesWithNetTopologySuiteOnRandomPointsInsideAndOutside()
    {
        var grids = Grids.Value;
        var index = LocateIndex.Build(grids);
        var locators = grids.Select(g => (g.Id, Locator: new IndexedPointInAreaLocator(g.Outline), g.Outline)).ToArray();
        var env = new Envelope(DemoData.County(County).EnvelopeInternal);
        env.ExpandBy(env.Width * 0.1, env.Height * 0.1);
        var random = new Random(11);
        var outside = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var c = new Coordinate(env.MinX + (random.NextDouble() * env.Width), env.MinY + (random.NextDouble() * env.Height));
            var containing = locators.Where(l => l.Outline.EnvelopeInternal.Contains(c) && l.Locator.Locate(c) == Location.Interior).Select(l => (int?)l.Id).ToList();
            var expected = containing.Count == 0 ? null : containing[0];
            outside += expected is null ? 1 : 0;

            Assert.Equal(expected, index.Locate(c.X, c.Y));
        }

        Assert.InRange(outside, 1000, 19_000);
        Assert.Equal(grids.Count, index.Count);
    }

    [Fact]
    public void PointsOnSharedVerticesGoToOneGridThatTouchesThem()
    {
        var grids = Grids.Value;
        var index = LocateIndex.Build(grids);
        var parent = new IndexedPointInAreaLocator(OutlineRepair.MakeValid(DemoData.County(County)));
        var byId = grids.ToDictionary(g => g.Id, g => g.Outline);
        var checkedVertices = 0;
        foreach (var (_, outline) in grids)
        {
            foreach (var c in outline.Coordinates)
            {
                if (parent.Locate(c) != Location.Interior)
                {
                    continue;
                }

                checkedVertices++;
                var id = index.Locate(c.X, c.Y);
                Assert.NotNull(id);
                // Within 1e-12°: where levels meet at T-junctions the vertex may sit in a 1e-16-wide sliver.
                Assert.True(byId[id.Value].Distance(GeoJson.Factory.CreatePoint(c)) <= 1e-12);
            }
        }

        Assert.True(checkedVertices > 500);
    }

    [Fact]
    public void ConcurrentReadersGetTheSameAnswersAsOneReader()
    {
        var index = LocateIndex.Build(Grids.Value);
        var env = DemoData.County(County).EnvelopeInternal;
        var random = new Random(3);
        var points = Enumerable.Range(0, 50_000).Select(_ => (X: env.MinX + (random.NextDouble() * env.Width), Y: env.MinY + (random.NextDouble() * env.Height))).ToArray();
        var expected = points.Select(p => index.Locate(p.X, p.Y)).ToArray();

        var actual = new int?[points.Length];
        Parallel.For(0, points.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => actual[i] = index.Locate(points[i].X, points[i].Y));

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void AnEmptyIndexAndNonFinitePointsLocateNothing()
    {
        Assert.Null(LocateIndex.Build([]).Locate(113, 33));
        var index = LocateIndex.Build(Grids.Value);
        Assert.Null(index.Locate(double.NaN, 33.7));
        Assert.Null(index.Locate(0, 0));
    }
}
