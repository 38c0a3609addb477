using System.Diagnostics;
using PoliceGrid.Bench;
using PoliceGrid.Web.Units.Geometry;

// Figures to run: any of outlines, locate, postgis (default all), register (on demand: minutes at city scale),
// or "events [count] [post_seconds] [clients]", "delivery [messages]", "staff [rows]", "care [cared_for]" or "disputes [count] [samples]" on its own, or "tiny": every benchmark once at a tiny scale, in seconds,
// so that CI (scripts/test) notices when one no longer runs; its figures mean nothing.
// Each prints "bench <name> key=value..." lines.
int Arg(int i, int fallback) => args.Length > i && int.TryParse(args[i], System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : fallback;
string Server() => Environment.GetEnvironmentVariable("POLICEGRID_BENCH_PG") ?? throw new InvalidOperationException("POLICEGRID_BENCH_PG is not set; use bench/run.");

if (args is ["tiny"])
{
    var tiny = Stopwatch.StartNew();
    await GeometryAsync(["outlines", "locate", "postgis"], fullGrids: null, pointCount: 2_000, postGisRequired: true, counties: 1);
    await RegisterBench.RunAsync(scale: 0.0004, importRows: 300, totalGrids: "", queries: 25, gridsPerVillage: 1);
    // The demo seed is most of a tiny run: the events figures start from the register's seeded database.
    await EventsBench.RunAsync(Server(), count: 2_000, seconds: 2, clients: 2, samples: 5, template: RegisterBench.Database);
    await DeliveryBench.RunAsync(Server(), count: 200, template: RegisterBench.Database);
    await StaffBench.RunAsync(Server(), rows: 300, template: RegisterBench.Database);
    await CareBench.RunAsync(Server(), caredFor: 600, template: RegisterBench.Database);
    await DisputesBench.RunAsync(Server(), count: 2_000, samples: 5, template: RegisterBench.Database);
    Console.WriteLine($"bench tiny seconds={tiny.Elapsed.TotalSeconds:F1}");
    return;
}

if (args is ["care", ..])
{
    await CareBench.RunAsync(Server(), Arg(1, 250_000));
    return;
}

if (args is ["disputes", ..])
{
    await DisputesBench.RunAsync(Server(), Arg(1, 150_000), Arg(2, 100));
    return;
}

if (args is ["staff", ..])
{
    await StaffBench.RunAsync(Server(), Arg(1, 50_000));
    return;
}

if (args is ["delivery", ..])
{
    await DeliveryBench.RunAsync(Server(), Arg(1, 10_000));
    return;
}

if (args is ["events", ..])
{
    await EventsBench.RunAsync(Server(), Arg(1, 1_000_000), Arg(2, 20), Arg(3, 8), 200);
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

await GeometryAsync(which, fullGrids: 21351, pointCount: 2_000_000, postGisRequired: false);

// Outlines at demo scale and at fullGrids (null: demo scale only), then locate and PostGIS over the largest.
static async Task GeometryAsync(IReadOnlyCollection<string> which, int? fullGrids, int pointCount, bool postGisRequired, int counties = int.MaxValue)
{
    var city = new Pingdingshan(Pingdingshan.FindDemoFolder());

    var sw = Stopwatch.StartNew();
    List<(string Code, NetTopologySuite.Geometries.Geometry Outline)>? full = null;
    if (which.Contains("outlines") || fullGrids is null)
    {
        full = city.Grids(null, counties);
        if (which.Contains("outlines"))
        {
            Console.WriteLine($"bench outlines scale=demo grids={full.Count} seconds={sw.Elapsed.TotalSeconds:F2} threads=1");
        }
    }

    if (fullGrids is { } total)
    {
        sw.Restart();
        full = city.Grids(total);
        if (which.Contains("outlines"))
        {
            Console.WriteLine($"bench outlines scale=full grids={full.Count} seconds={sw.Elapsed.TotalSeconds:F2} threads=1");
        }
    }

    var grids = full!.Select((g, i) => (Id: i + 1, g.Outline)).ToList();
    sw.Restart();
    var index = LocateIndex.Build(grids);
    var buildMs = sw.Elapsed.TotalMilliseconds;

    var extent = city.Extent;
    var random = new Random(20240601);
    var xs = new double[pointCount];
    var ys = new double[pointCount];
    for (var i = 0; i < pointCount; i++)
    {
        xs[i] = extent.MinX + (random.NextDouble() * extent.Width);
        ys[i] = extent.MinY + (random.NextDouble() * extent.Height);
    }

    // Warm up the JIT so the figure measures steady state.
    for (var i = 0; i < Math.Min(100_000, pointCount); i++)
    {
        index.Locate(xs[i], ys[i]);
    }

    var hits = 0;
    sw.Restart();
    for (var i = 0; i < pointCount; i++)
    {
        if (index.Locate(xs[i], ys[i]) is not null)
        {
            hits++;
        }
    }

    var oursPerSecond = pointCount / sw.Elapsed.TotalSeconds;
    if (which.Contains("locate"))
    {
        Console.WriteLine($"bench locate grids={index.Count} points={pointCount} inside={hits} build_ms={buildMs:F0} lookups_per_s={oursPerSecond:F0} threads=1");
    }

    if (which.Contains("postgis"))
    {
        await PostGis.RunAsync(grids, xs, ys, index, oursPerSecond, postGisRequired);
    }
}
