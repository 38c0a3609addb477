using System.Text;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Operation.Polygonize;
using NetTopologySuite.Triangulate;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Units.Geometry;

using Geometry = NetTopologySuite.Geometries.Geometry;

/// <summary>
/// Generates plausible outlines for units that have none (demo data, new grids): splits a parent outline into
/// parts of similar area using a centroidal Voronoi tessellation clipped to the parent.
/// </summary>
public static class OutlineGenerator
{
    // Sample-based Lloyd (k-means) is cheap and does most of the evening out; the exact clipped-cell
    // iterations then correct for the parent's real shape.
    private const int SamplesPerPart = 40;
    private const int SampleIterations = 10;
    private const int ExactIterations = 2;

    /// <summary>
    /// Splits <paramref name="parent"/> into <paramref name="count"/> Polygon/MultiPolygon parts that tile it.
    /// An invalid parent is repaired first (<see cref="OutlineRepair.MakeValid"/>) and the parts tile the repaired one.
    /// All parts come from one noding of the Voronoi edges with the parent boundary, so neighbours share
    /// their boundary coordinates exactly. Same input and seed give identical coordinates.
    /// </summary>
    public static IReadOnlyList<Geometry> Split(Geometry parent, int count, int seed)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (parent is not (Polygon or MultiPolygon) || parent.IsEmpty)
        {
            throw new ArgumentException(new Text("Units.ParentMustBeANonEmpty").ToString(), nameof(parent));
        }

        if (count == 1)
        {
            return [parent];
        }

        parent = OutlineRepair.MakeValid(parent);

        var locator = new IndexedPointInAreaLocator(parent);
        var random = new Random(seed);
        var samples = SampleInterior(parent, locator, random, Math.Max(count * SamplesPerPart, 200));
        var sites = KMeans(samples, count, locator);

        var parts = Tile(parent, locator, sites);
        for (var i = 0; i < ExactIterations; i++)
        {
            for (var s = 0; s < sites.Length; s++)
            {
                var centroid = parts[s].Centroid.Coordinate;
                sites[s] = locator.Locate(centroid) == Location.Interior ? centroid : parts[s].InteriorPoint.Coordinate;
            }

            parts = Tile(parent, locator, sites);
        }

        return parts;
    }

    /// <summary>Splits a parent among named children (sorted by code so the result does not depend on input order).</summary>
    public static IReadOnlyDictionary<string, Geometry> SplitAmong(string parentCode, Geometry parent, IEnumerable<string> childCodes)
    {
        ArgumentNullException.ThrowIfNull(parentCode);
        ArgumentNullException.ThrowIfNull(childCodes);
        var codes = childCodes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var result = new Dictionary<string, Geometry>(codes.Length, StringComparer.Ordinal);
        if (codes.Length == 0)
        {
            return result;
        }

        var parts = Split(parent, codes.Length, SeedFor(parentCode));
        for (var i = 0; i < codes.Length; i++)
        {
            result[codes[i]] = parts[i];
        }

        return result;
    }

    /// <summary>
    /// A stable seed for a unit code (32-bit FNV-1a over UTF-8). string.GetHashCode is randomised per process
    /// and would give different outlines on every start.
    /// </summary>
    public static int SeedFor(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(code))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return unchecked((int)hash);
    }

    private static Coordinate[] SampleInterior(Geometry parent, IndexedPointInAreaLocator locator, Random random, int wanted)
    {
        var env = parent.EnvelopeInternal;
        var result = new List<Coordinate>(wanted);
        // Thin diagonal parents accept few envelope points; the cap only guards against degenerate input.
        var attempts = 0L;
        var maxAttempts = wanted * 2000L;
        while (result.Count < wanted && attempts++ < maxAttempts)
        {
            var c = new Coordinate(env.MinX + (random.NextDouble() * env.Width), env.MinY + (random.NextDouble() * env.Height));
            if (locator.Locate(c) == Location.Interior)
            {
                result.Add(c);
            }
        }

        if (result.Count < wanted)
        {
            throw new ArgumentException(new Text("Units.ParentOutlineIsTooThinTo").ToString(), nameof(parent));
        }

        return [.. result];
    }

    // Lloyd relaxation on interior samples: the mean of the samples nearest a site estimates the centroid
    // of its clipped Voronoi cell without any overlay work.
    private static Coordinate[] KMeans(Coordinate[] samples, int count, IndexedPointInAreaLocator locator)
    {
        var sites = new Coordinate[count];
        for (var i = 0; i < count; i++)
        {
            // Samples are already random, so taking them spread over the array is a random pick.
            sites[i] = samples[(int)((long)i * samples.Length / count)].Copy();
        }

        var sumX = new double[count];
        var sumY = new double[count];
        var n = new int[count];
        var nearest = new int[samples.Length];
        for (var iteration = 0; iteration < SampleIterations; iteration++)
        {
            Array.Clear(sumX);
            Array.Clear(sumY);
            Array.Clear(n);
            for (var p = 0; p < samples.Length; p++)
            {
                var k = Nearest(sites, samples[p]);
                nearest[p] = k;
                sumX[k] += samples[p].X;
                sumY[k] += samples[p].Y;
                n[k]++;
            }

            for (var k = 0; k < count; k++)
            {
                if (n[k] == 0)
                {
                    continue;
                }

                var mean = new Coordinate(sumX[k] / n[k], sumY[k] / n[k]);
                if (locator.Locate(mean) != Location.Interior)
                {
                    // A concave cluster's mean can fall outside; its closest own sample is inside.
                    var best = -1;
                    var bestD = double.MaxValue;
                    for (var p = 0; p < samples.Length; p++)
                    {
                        if (nearest[p] == k && samples[p].Distance(mean) < bestD)
                        {
                            bestD = samples[p].Distance(mean);
                            best = p;
                        }
                    }

                    mean = samples[best].Copy();
                }

                sites[k] = mean;
            }
        }

        return sites;
    }

    private static int Nearest(Coordinate[] sites, Coordinate p)
    {
        var best = 0;
        var bestD = double.MaxValue;
        for (var k = 0; k < sites.Length; k++)
        {
            var dx = sites[k].X - p.X;
            var dy = sites[k].Y - p.Y;
            var d = (dx * dx) + (dy * dy);
            if (d < bestD)
            {
                bestD = d;
                best = k;
            }
        }

        return best;
    }

    // Nodes all Voronoi edges together with the parent boundary in one overlay and polygonizes the result, so
    // every intersection point is computed once and shared by the cells on both sides.
    private static Geometry[] Tile(Geometry parent, IndexedPointInAreaLocator locator, Coordinate[] sites)
    {
        var factory = GeoJson.Factory;
        var env = new Envelope(parent.EnvelopeInternal);
        env.ExpandBy(Math.Max(env.Width, env.Height) * 0.1);
        var builder = new VoronoiDiagramBuilder { ClipEnvelope = env };
        builder.SetSites(sites);
        var cells = builder.GetDiagram(factory);

        var lines = new List<Geometry>(cells.NumGeometries + 8);
        for (var i = 0; i < cells.NumGeometries; i++)
        {
            lines.Add(cells.GetGeometryN(i).Boundary);
        }

        lines.Add(parent.Boundary);
        var noded = OverlayNGRobust.Union(factory.BuildGeometry(lines));

        var polygonizer = new Polygonizer(extractOnlyPolygonal: false);
        polygonizer.Add(noded);
        var facesBySite = new List<Polygon>[sites.Length];
        foreach (var face in polygonizer.GetPolygons().Cast<Polygon>())
        {
            var inside = face.InteriorPoint.Coordinate;
            if (locator.Locate(inside) != Location.Interior)
            {
                continue;
            }

            var k = Nearest(sites, inside);
            (facesBySite[k] ??= []).Add(face);
        }

        var parts = new Geometry[sites.Length];
        for (var k = 0; k < sites.Length; k++)
        {
            var faces = facesBySite[k] ?? throw new InvalidOperationException($"site {k} received no area");
            parts[k] = faces.Count == 1 ? faces[0] : OverlayNGRobust.Union((Geometry)factory.CreateMultiPolygon([.. faces]));
            parts[k].SRID = parent.SRID == 0 ? factory.SRID : parent.SRID;
        }

        return parts;
    }
}
