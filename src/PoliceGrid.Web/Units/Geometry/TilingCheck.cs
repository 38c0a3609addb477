using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace PoliceGrid.Web.Units.Geometry;

using Geometry = NetTopologySuite.Geometries.Geometry;

/// <summary>Part of the parent no child covers. Lon/Lat is a point inside it to show on the map.</summary>
public sealed record TilingGap(double Area, double Lon, double Lat);

/// <summary>Two children claiming the same area.</summary>
public sealed record TilingOverlap(string CodeA, string CodeB, double Area, double Lon, double Lat);

/// <summary>A child reaching outside its parent.</summary>
public sealed record TilingSpill(string Code, double Area, double Lon, double Lat);

/// <summary>Where children fail to tile their parent; areas are in squared coordinate units (degrees² for lon/lat).</summary>
public sealed record TilingReport(IReadOnlyList<TilingGap> Gaps, IReadOnlyList<TilingOverlap> Overlaps, IReadOnlyList<TilingSpill> Outside)
{
    public bool IsTiling => Gaps.Count == 0 && Overlaps.Count == 0 && Outside.Count == 0;
}

/// <summary>
/// Checks that sibling outlines still tile their parent, e.g. after an admin uploads a replacement outline for one
/// unit, and says where they do not.
/// </summary>
public static class TilingCheck
{
    /// <summary>
    /// Reports every gap, overlap and spill-over whose area exceeds <paramref name="tolerance"/> (degrees²; 1e-10 is
    /// roughly 1 m² at this latitude), which absorbs the floating-point slivers of outlines that match by design.
    /// </summary>
    public static TilingReport Check(Geometry parent, IReadOnlyList<(string Code, Geometry Outline)> children, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(children);
        ArgumentOutOfRangeException.ThrowIfNegative(tolerance);
        parent = OutlineRepair.MakeValid(parent);
        var outlines = children.Select(c => OutlineRepair.MakeValid(c.Outline)).ToArray();

        var gaps = new List<TilingGap>();
        if (outlines.Length == 0)
        {
            AddPieces(parent, tolerance, (area, at) => gaps.Add(new TilingGap(area, at.X, at.Y)));
        }
        else
        {
            var covered = OverlayNGRobust.Union(GeoJson.Factory.BuildGeometry(outlines));
            AddPieces(OverlayNGRobust.Overlay(parent, covered, SpatialFunction.Difference), tolerance,
                (area, at) => gaps.Add(new TilingGap(area, at.X, at.Y)));
        }

        var overlaps = new List<TilingOverlap>();
        var tree = new STRtree<int>();
        for (var i = 0; i < outlines.Length; i++)
        {
            tree.Insert(outlines[i].EnvelopeInternal, i);
        }

        for (var i = 0; i < outlines.Length; i++)
        {
            var prepared = PreparedGeometryFactory.Prepare(outlines[i]);
            foreach (var j in tree.Query(outlines[i].EnvelopeInternal).Where(j => j > i).Order())
            {
                if (!prepared.Intersects(outlines[j]))
                {
                    continue;
                }

                var shared = OverlayNGRobust.Overlay(outlines[i], outlines[j], SpatialFunction.Intersection);
                if (shared.Area > tolerance)
                {
                    var at = shared.InteriorPoint.Coordinate;
                    overlaps.Add(new TilingOverlap(children[i].Code, children[j].Code, shared.Area, at.X, at.Y));
                }
            }
        }

        var outside = new List<TilingSpill>();
        var preparedParent = PreparedGeometryFactory.Prepare(parent);
        for (var i = 0; i < outlines.Length; i++)
        {
            if (preparedParent.Covers(outlines[i]))
            {
                continue;
            }

            var spill = OverlayNGRobust.Overlay(outlines[i], parent, SpatialFunction.Difference);
            if (spill.Area > tolerance)
            {
                var at = spill.InteriorPoint.Coordinate;
                outside.Add(new TilingSpill(children[i].Code, spill.Area, at.X, at.Y));
            }
        }

        return new TilingReport(
            [.. gaps.OrderByDescending(g => g.Area)],
            [.. overlaps.OrderByDescending(o => o.Area)],
            [.. outside.OrderByDescending(o => o.Area)]);
    }

    // Each separate gap is reported on its own so the admin sees every place that needs fixing.
    private static void AddPieces(Geometry area, double tolerance, Action<double, Coordinate> add)
    {
        for (var i = 0; i < area.NumGeometries; i++)
        {
            var piece = area.GetGeometryN(i);
            if (piece is Polygon && piece.Area > tolerance)
            {
                add(piece.Area, piece.InteriorPoint.Coordinate);
            }
        }
    }
}
