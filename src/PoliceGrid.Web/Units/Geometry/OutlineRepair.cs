using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;

namespace PoliceGrid.Web.Units.Geometry;

using Geometry = NetTopologySuite.Geometries.Geometry;

/// <summary>
/// Real outlines are often slightly invalid (the demo county outlines all have self-touching rings from coordinate
/// quantisation); overlay operations need valid input, so every entry point repairs first.
/// </summary>
public static class OutlineRepair
{
    /// <summary>Returns <paramref name="outline"/> itself when valid, otherwise a valid Polygon/MultiPolygon covering the same area.</summary>
    public static Geometry MakeValid(Geometry outline)
    {
        ArgumentNullException.ThrowIfNull(outline);
        if (outline is (Polygon or MultiPolygon) && outline.IsValid)
        {
            return outline;
        }

        var fixedGeometry = GeometryFixer.Fix(outline);
        var polygons = new List<Polygon>();
        for (var i = 0; i < fixedGeometry.NumGeometries; i++)
        {
            // The fixer may return a collection with collapsed lines or points; only the area matters for outlines.
            CollectPolygons(fixedGeometry.GetGeometryN(i), polygons);
        }

        Geometry result = polygons.Count == 1 ? polygons[0] : GeoJson.Factory.CreateMultiPolygon([.. polygons]);
        result.SRID = GeoJson.Factory.SRID;
        return result;
    }

    private static void CollectPolygons(Geometry geometry, List<Polygon> into)
    {
        switch (geometry)
        {
            case Polygon p when !p.IsEmpty:
                into.Add(p);
                break;
            case GeometryCollection c:
                for (var i = 0; i < c.NumGeometries; i++)
                {
                    CollectPolygons(c.GetGeometryN(i), into);
                }

                break;
        }
    }
}
