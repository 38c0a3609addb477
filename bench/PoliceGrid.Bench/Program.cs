using System.Diagnostics;
using PoliceGrid.Bench;
using PoliceGrid.Web.Units.Geometry;

// Figures to run: any of outlines, locate, postgis (default all), register (on demand: minutes at city scale),
// or "events [count] [post_seconds] [clients]" on its own. Each prints "bench <name> key=value..." lines.
if (args is ["events", ..])
{
    int Arg(int i, int fallback) => args.Length > i && int.TryParse(args[i], System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : fallback;
    var server = Environment.GetEnvironmentVariable("POLICEGRID_BENCH_PG") ?? throw new InvalidOperationException("POLICEGRID_BENCH_PG is not set; use bench/run.");
    await EventsBench.RunAsync(server, Arg(1, 1_000_000), Arg(2, 20), Arg(3, 8), 200);
    return;
}

var which = new HashSet<string>(args.Length == 0 ? ["outlines", "locate", "postgis"] : args, StringComparer.OrdinalIgnoreCase);
if (which.Contains("register"))
{
    await RegisterBench.RunAsync();
    if (which.Count == 1)
    {
        return;
    }
}

var city = new Pingdingshan(Pingdingshan.FindDemoFolder());

var sw = Stopwatch.StartNew();
if (which.Contains("outlines"))
{
    var demo = city.Grids(null);
    Console.WriteLine($"bench outlines scale=demo grids={demo.Count} seconds={sw.Elapsed.TotalSeconds:F2} threads=1");
    sw.Restart();
}

var full = city.Grids(21351);
if (which.Contains("outlines"))
{
    Console.WriteLine($"bench outlines scale=full grids={full.Count} seconds={sw.Elapsed.TotalSeconds:F2} threads=1");
}

var grids = full.Select((g, i) => (Id: i + 1, g.Outline)).ToList();
sw.Restart();
var index = LocateIndex.Build(grids);
var buildMs = sw.Elapsed.TotalMilliseconds;

const int PointCount = 2_000_000;
var extent = city.Extent;
var random = new Random(20240601);
var xs = new double[PointCount];
var ys = new double[PointCount];
for (var i = 0; i < PointCount; i++)
{
    xs[i] = extent.MinX + (random.NextDouble() * extent.Width);
    ys[i] = extent.MinY + (random.NextDouble() * extent.Height);
}

// Warm up the JIT so the figure measures steady state.
for (var i = 0; i < 100_000; i++)
{
    index.Locate(xs[i], ys[i]);
}

var hits = 0;
sw.Restart();
for (var i = 0; i < PointCount; i++)
{
    if (index.Locate(xs[i], ys[i]) is not null)
    {
        hits++;
    }
}

var oursPerSecond = PointCount / sw.Elapsed.TotalSeconds;
if (which.Contains("locate"))
{
    Console.WriteLine($"bench locate grids={index.Count} points={PointCount} inside={hits} build_ms={buildMs:F0} lookups_per_s={oursPerSecond:F0} threads=1");
}

if (which.Contains("postgis"))
{
    await PostGis.RunAsync(grids, xs, ys, index, oursPerSecond);
}
