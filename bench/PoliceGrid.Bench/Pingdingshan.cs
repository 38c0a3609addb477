using NetTopologySuite.Geometries;
using PoliceGrid.Web.Units.Geometry;

namespace PoliceGrid.Bench;

/// <summary>Generates the demo city's outlines top-down: counties (given) → townships → villages → grids.</summary>
internal sealed class Pingdingshan
{
    private readonly List<(string Code, string Level, string Parent)> _divisions = [];
    private readonly Dictionary<string, NetTopologySuite.Geometries.Geometry> _counties = new(StringComparer.Ordinal);

    public Pingdingshan(string demoFolder)
    {
        foreach (var line in File.ReadLines(Path.Combine(demoFolder, "divisions.csv")).Skip(1))
        {
            var f = line.Split(',');
            _divisions.Add((f[0], f[2], f[3]));
        }

        foreach (var feature in GeoJson.ReadFeatureCollection(File.ReadAllText(Path.Combine(demoFolder, "counties.geojson"))))
        {
            _counties[feature.Properties["code"]!] = feature.Geometry;
        }
    }

    public Envelope Extent
    {
        get
        {
            var env = new Envelope();
            foreach (var c in _counties.Values)
            {
                env.ExpandToInclude(c.EnvelopeInternal);
            }

            return env;
        }
    }

    /// <summary>
    /// Returns all grid outlines. Villages of the two development zones have no county outline to split, so the
    /// full-scale total is spread over the villages that do. <paramref name="counties"/> limits it to the first few counties.
    /// </summary>
    public List<(string Code, NetTopologySuite.Geometries.Geometry Outline)> Grids(int? totalGrids, int counties = int.MaxValue)
    {
        var children = _divisions.GroupBy(d => d.Parent).ToDictionary(g => g.Key, g => g.Select(d => d.Code).ToList(), StringComparer.Ordinal);
        var villages = new List<(string Code, NetTopologySuite.Geometries.Geometry Outline)>();
        foreach (var (county, outline) in _counties.OrderBy(c => c.Key, StringComparer.Ordinal).Take(counties))
        {
            foreach (var (township, townshipOutline) in OutlineGenerator.SplitAmong(county, outline, children[county]))
            {
                foreach (var (village, villageOutline) in OutlineGenerator.SplitAmong(township, townshipOutline, children[township]))
                {
                    villages.Add((village, villageOutline));
                }
            }
        }

        var perVillage = villages.ToDictionary(v => v.Code, _ => 3, StringComparer.Ordinal);
        if (totalGrids is { } total)
        {
            var baseCount = total / villages.Count;
            var extra = total - (baseCount * villages.Count);
            var order = villages.Select(v => v.Code).OrderBy(OutlineGenerator.SeedFor).ThenBy(c => c, StringComparer.Ordinal).ToList();
            for (var i = 0; i < order.Count; i++)
            {
                perVillage[order[i]] = baseCount + (i < extra ? 1 : 0);
            }
        }

        var grids = new List<(string Code, NetTopologySuite.Geometries.Geometry Outline)>();
        foreach (var (village, outline) in villages)
        {
            var codes = Enumerable.Range(1, perVillage[village]).Select(i => $"{village}-{i:D2}");
            foreach (var (code, grid) in OutlineGenerator.SplitAmong(village, outline, codes))
            {
                grids.Add((code, grid));
            }
        }

        return grids;
    }

    public static string FindDemoFolder()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PoliceGrid.slnx")))
                {
                    return Path.Combine(dir.FullName, "src", "PoliceGrid.Web", "Data", "Demo", "pingdingshan");
                }
            }
        }

        throw new DirectoryNotFoundException("PoliceGrid.slnx not found above " + AppContext.BaseDirectory);
    }
}
