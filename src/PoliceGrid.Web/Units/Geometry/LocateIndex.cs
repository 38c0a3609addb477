using NetTopologySuite.Geometries;

namespace PoliceGrid.Web.Units.Geometry;

using Geometry = NetTopologySuite.Geometries.Geometry;

/// <summary>
/// Immutable point-to-grid index for incident and patrol locations. Never mutated after <see cref="Build"/>, so any
/// number of threads may call <see cref="Locate"/>; when outlines change the product builds a new one and swaps it in.
/// </summary>
/// <remarks>
/// A uniform bucket grid over the extent lists, per bucket, the grids whose edges pass through it; a bucket lying
/// wholly inside one grid answers without any polygon test. Polygon tests are even-odd ray casting over flat
/// coordinate arrays, so a lookup allocates nothing.
/// </remarks>
public sealed class LocateIndex
{
    // Buckets per grid: more buckets means fewer polygon tests but more memory; 8 keeps the index under ~2 MB
    // per 20k grids while most lookups hit a bucket wholly inside one grid.
    private const int BucketsPerGrid = 8;

    private readonly int[] _ids;
    private readonly double[] _minX, _minY, _maxX, _maxY;
    private readonly int[] _gridRingStart;
    private readonly int[] _ringStart;
    private readonly double[] _xs, _ys;

    private readonly double _originX, _originY, _endX, _endY, _invW, _invH;
    private readonly int _nx, _ny;
    private readonly double _snap;
    private readonly int[] _direct;
    private readonly int[] _bucketStart;
    private readonly int[] _bucketItems;

    private LocateIndex(List<(int Id, Geometry Outline)> grids)
    {
        var n = grids.Count;
        _ids = new int[n];
        _minX = new double[n];
        _minY = new double[n];
        _maxX = new double[n];
        _maxY = new double[n];
        _gridRingStart = new int[n + 1];
        var ringStarts = new List<int> { 0 };
        var xs = new List<double>();
        var ys = new List<double>();
        var extent = new Envelope();
        for (var g = 0; g < n; g++)
        {
            var (id, outline) = grids[g];
            _ids[g] = id;
            var env = outline.EnvelopeInternal;
            extent.ExpandToInclude(env);
            (_minX[g], _minY[g], _maxX[g], _maxY[g]) = (env.MinX, env.MinY, env.MaxX, env.MaxY);
            foreach (var ring in Rings(outline))
            {
                var seq = ring.CoordinateSequence;
                for (var i = 0; i < seq.Count; i++)
                {
                    xs.Add(seq.GetX(i));
                    ys.Add(seq.GetY(i));
                }

                ringStarts.Add(xs.Count);
            }

            _gridRingStart[g + 1] = ringStarts.Count - 1;
        }

        _ringStart = [.. ringStarts];
        _xs = [.. xs];
        _ys = [.. ys];

        if (n == 0)
        {
            extent = new Envelope(0, 1, 0, 1);
        }

        (_originX, _originY, _endX, _endY) = (extent.MinX, extent.MinY, extent.MaxX, extent.MaxY);
        var width = Math.Max(extent.Width, 1e-12);
        var height = Math.Max(extent.Height, 1e-12);
        // About 0.1 mm for a city: far below any real boundary accuracy, far above floating-point slivers.
        _snap = Math.Max(width, height) * 1e-9;
        var cellSize = Math.Sqrt(width * height / Math.Max(1, (long)n * BucketsPerGrid));
        _nx = Math.Clamp((int)Math.Ceiling(width / cellSize), 1, 4096);
        _ny = Math.Clamp((int)Math.Ceiling(height / cellSize), 1, 4096);
        _invW = _nx / width;
        _invH = _ny / height;
        var cellW = width / _nx;
        var cellH = height / _ny;

        var buckets = _nx * _ny;
        _direct = new int[buckets];
        Array.Fill(_direct, -1);
        var touchedBy = new int[buckets];
        Array.Fill(touchedBy, -1);
        var pairs = new List<(int Bucket, int Grid)>();
        // Edges are widened by a sliver so a bucket an edge merely grazes still counts as touched: a wrongly
        // "untouched" bucket would answer directly for points that are not in the grid.
        var slack = Math.Max(cellW, cellH) * 1e-9;
        for (var g = 0; g < n; g++)
        {
            for (var r = _gridRingStart[g]; r < _gridRingStart[g + 1]; r++)
            {
                for (var i = _ringStart[r] + 1; i < _ringStart[r + 1]; i++)
                {
                    var x0 = Cx(Math.Min(_xs[i - 1], _xs[i]) - slack);
                    var x1 = Cx(Math.Max(_xs[i - 1], _xs[i]) + slack);
                    var y0 = Cy(Math.Min(_ys[i - 1], _ys[i]) - slack);
                    var y1 = Cy(Math.Max(_ys[i - 1], _ys[i]) + slack);
                    for (var cy = y0; cy <= y1; cy++)
                    {
                        for (var cx = x0; cx <= x1; cx++)
                        {
                            var b = (cy * _nx) + cx;
                            if (touchedBy[b] != g)
                            {
                                touchedBy[b] = g;
                                pairs.Add((b, g));
                            }
                        }
                    }
                }
            }

            // Buckets in the grid's box that no edge touches are wholly inside or wholly outside it.
            for (var cy = Cy(_minY[g]); cy <= Cy(_maxY[g]); cy++)
            {
                for (var cx = Cx(_minX[g]); cx <= Cx(_maxX[g]); cx++)
                {
                    var b = (cy * _nx) + cx;
                    if (touchedBy[b] != g && _direct[b] < 0
                        && Contains(g, _originX + ((cx + 0.5) * cellW), _originY + ((cy + 0.5) * cellH)))
                    {
                        _direct[b] = g;
                    }
                }
            }
        }

        _bucketStart = new int[buckets + 1];
        foreach (var (b, _) in pairs)
        {
            _bucketStart[b + 1]++;
        }

        for (var b = 0; b < buckets; b++)
        {
            _bucketStart[b + 1] += _bucketStart[b];
        }

        _bucketItems = new int[pairs.Count];
        var fill = (int[])_bucketStart.Clone();
        foreach (var (b, g) in pairs)
        {
            _bucketItems[fill[b]++] = g;
        }
    }

    /// <summary>Number of grids indexed.</summary>
    public int Count => _ids.Length;

    /// <summary>Builds the index; outlines are Polygon or MultiPolygon in lon/lat, ids are returned by <see cref="Locate"/>.</summary>
    public static LocateIndex Build(IReadOnlyList<(int Id, Geometry Outline)> grids)
    {
        ArgumentNullException.ThrowIfNull(grids);
        return new LocateIndex([.. grids]);
    }

    /// <summary>The id of the grid containing the point, or null when it is in none. A point on an edge shared by two grids goes to exactly one of them.</summary>
    public int? Locate(double lon, double lat)
    {
        // Negated comparisons also reject NaN.
        if (!(lon >= _originX && lon <= _endX && lat >= _originY && lat <= _endY))
        {
            return null;
        }

        var b = (Cy(lat) * _nx) + Cx(lon);
        var direct = _direct[b];
        if (direct >= 0)
        {
            return _ids[direct];
        }

        for (var k = _bucketStart[b]; k < _bucketStart[b + 1]; k++)
        {
            var g = _bucketItems[k];
            if (Contains(g, lon, lat))
            {
                return _ids[g];
            }
        }

        // Outlines split level by level meet at T-junctions (a vertex on one side, none on the other), leaving
        // slivers about 1e-16 wide; a point in one still belongs to the grid it touches.
        var best = -1;
        var bestD = _snap * _snap;
        for (var k = _bucketStart[b]; k < _bucketStart[b + 1]; k++)
        {
            var g = _bucketItems[k];
            var d = DistanceSquaredToEdges(g, lon, lat);
            if (d <= bestD)
            {
                (best, bestD) = (g, d);
            }
        }

        return best >= 0 ? _ids[best] : null;
    }

    private double DistanceSquaredToEdges(int g, double px, double py)
    {
        if (px < _minX[g] - _snap || px > _maxX[g] + _snap || py < _minY[g] - _snap || py > _maxY[g] + _snap)
        {
            return double.MaxValue;
        }

        var best = double.MaxValue;
        for (var r = _gridRingStart[g]; r < _gridRingStart[g + 1]; r++)
        {
            for (var i = _ringStart[r] + 1; i < _ringStart[r + 1]; i++)
            {
                double ax = _xs[i - 1], ay = _ys[i - 1];
                double dx = _xs[i] - ax, dy = _ys[i] - ay;
                var length2 = (dx * dx) + (dy * dy);
                var t = length2 > 0 ? Math.Clamp((((px - ax) * dx) + ((py - ay) * dy)) / length2, 0, 1) : 0;
                var ex = ax + (t * dx) - px;
                var ey = ay + (t * dy) - py;
                best = Math.Min(best, (ex * ex) + (ey * ey));
            }
        }

        return best;
    }

    private int Cx(double x) => Math.Clamp((int)((x - _originX) * _invW), 0, _nx - 1);

    private int Cy(double y) => Math.Clamp((int)((y - _originY) * _invH), 0, _ny - 1);

    private bool Contains(int g, double px, double py)
    {
        if (px < _minX[g] || px > _maxX[g] || py < _minY[g] || py > _maxY[g])
        {
            return false;
        }

        var xs = _xs;
        var ys = _ys;
        var inside = false;
        for (var r = _gridRingStart[g]; r < _gridRingStart[g + 1]; r++)
        {
            var end = _ringStart[r + 1];
            for (var i = _ringStart[r] + 1; i < end; i++)
            {
                double ax = xs[i - 1], ay = ys[i - 1], bx = xs[i], by = ys[i];
                if ((ay > py) == (by > py))
                {
                    continue;
                }

                // Always interpolate from the lower end so both grids sharing this edge compute the same crossing
                // and a point exactly on it lands in exactly one of them.
                if (ay > by)
                {
                    (ax, ay, bx, by) = (bx, by, ax, ay);
                }

                if (px < ax + ((py - ay) * (bx - ax) / (by - ay)))
                {
                    inside = !inside;
                }
            }
        }

        return inside;
    }

    private static IEnumerable<LineString> Rings(Geometry outline)
    {
        for (var p = 0; p < outline.NumGeometries; p++)
        {
            if (outline.GetGeometryN(p) is Polygon polygon)
            {
                yield return polygon.Shell;
                foreach (var hole in polygon.Holes)
                {
                    yield return hole;
                }
            }
        }
    }
}
