using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.IO;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;
using PoliceGrid.Web.Units.Geometry;

namespace PoliceGrid.Web.Units;

/// <summary>
/// Imports a city's or county's divisions (CSV) and county outlines (GeoJSON), then lays out what the files do not
/// hold: generated outlines, grids and the police side. All or nothing; importing the same files again changes nothing.
/// </summary>
public sealed class ImportUnits(PoliceGridDb db, AuditTrail audit, UnitLayout layout, UnitLocator locator)
{
    public sealed record Problem(int Row, string Column, string Zh, string En);

    public sealed record Summary(
        int Created, int Updated, int Unchanged, int OutlinesImported, IReadOnlyList<UnitRef> CountiesWithoutOutline,
        UnitLayout.Made Layout);

    public sealed record UnitRef(string Code, string Name);

    sealed record Row(int Line, string Code, string Name, UnitKind Kind, string? ParentCode);

    static readonly Dictionary<string, UnitKind> Levels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["city"] = UnitKind.City, ["county"] = UnitKind.County, ["township"] = UnitKind.Township, ["village"] = UnitKind.Village,
    };

    public static readonly Text FilesHaveErrors = new("Units.TheFilesHaveErrorsNothingWas");

    /// <summary>Done with the summary, or invalid with the problem of each row and column (<see cref="ProblemsOf"/>).</summary>
    public async Task<Result<Summary>> RunAsync(Stream divisions, Stream? outlines, CancellationToken ct = default)
    {
        var problems = new List<Problem>();
        var rows = ReadDivisions(divisions, problems);
        var shapes = outlines is null ? [] : ReadOutlines(outlines, rows, problems);
        if (problems.Count > 0)
            return Refused(problems);

        var existing = await db.Units.Where(u => u.Kind >= UnitKind.City && u.Kind <= UnitKind.Village).ToDictionaryAsync(u => u.Code, ct);
        CheckParents(rows, existing, problems);
        if (problems.Count > 0)
            return Refused(problems);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        int created = 0, updated = 0, unchanged = 0, outlinesImported = 0;
        var changedOutlines = new HashSet<string>();
        foreach (var level in rows.GroupBy(r => r.Kind).OrderBy(g => g.Key))
        {
            foreach (var row in level)
            {
                var parent = row.ParentCode is null ? null : existing.GetValueOrDefault(row.ParentCode);
                var path = (parent?.Path ?? "/") + row.Code + "/";
                if (!existing.TryGetValue(row.Code, out var unit))
                {
                    unit = new Unit { Code = row.Code, Name = row.Name, Kind = row.Kind, ParentId = parent?.Id, Path = path, AreaPath = path };
                    db.Units.Add(unit);
                    existing[row.Code] = unit;
                    created++;
                }
                else if (unit.Name != row.Name || unit.ParentId != parent?.Id || unit.Path != path)
                {
                    if (unit.Path != path)
                        await MoveDescendants(unit.Path, path, ct);
                    (unit.Name, unit.ParentId, unit.Path, unit.AreaPath) = (row.Name, parent?.Id, path, path);
                    unit.Version++;
                    updated++;
                }
                else
                    unchanged++;

                if (shapes.TryGetValue(row.Code, out var shape) && (unit.Outline is null || !unit.Outline.AsSpan().SequenceEqual(shape)))
                {
                    (unit.Outline, unit.OutlineGenerated) = (shape, false);
                    changedOutlines.Add(row.Code);
                    outlinesImported++;
                }
            }
            await db.SaveChangesAsync(ct);
        }

        var counties = rows.Where(r => r.Kind == UnitKind.County).Select(r => existing[r.Code]).ToList();
        var withoutOutline = counties.Where(c => c.Outline is null).Select(c => new UnitRef(c.Code, c.Name)).ToList();
        var laidOut = await layout.LayOutAsync(counties.Select(c => c.Id).ToList(), changedOutlines, ct);

        var summary = new Summary(created, updated, unchanged, outlinesImported, withoutOutline, laidOut);
        audit.Add("import-units", "unit", null, AuditOutcome.Success,
            $"created {created}, updated {updated}, unchanged {unchanged}, outlines {outlinesImported}, generated {laidOut.OutlinesGenerated}, grids {laidOut.GridsCreated}, police units {laidOut.PoliceUnitsCreated}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await locator.RefreshEverywhereAsync(ct);
        return summary;
    }

    async Task MoveDescendants(string oldPath, string newPath, CancellationToken ct) =>
        await db.Units.Where(u => u.Path.StartsWith(oldPath) && u.Path != oldPath)
            .ExecuteUpdateAsync(s => s
                .SetProperty(u => u.Path, u => newPath + u.Path.Substring(oldPath.Length))
                .SetProperty(u => u.AreaPath, u => u.AreaPath.StartsWith(oldPath) ? newPath + u.AreaPath.Substring(oldPath.Length) : u.AreaPath), ct);

    static List<Row> ReadDivisions(Stream stream, List<Problem> problems)
    {
        var rows = new List<Row>();
        var seen = new Dictionary<string, int>();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var header = true;
        foreach (var (line, fields) in Csv.Read(reader))
        {
            if (header)
            {
                header = false;
                if (fields.Length != 4 || !fields.Select(f => f.Trim()).SequenceEqual(["code", "name", "level", "parent_code"]))
                {
                    problems.Add(new Problem(line, "header", Words.Zh("Units.TheHeaderMustBeCodeName"), Words.En("Units.TheHeaderMustBeCodeName")));
                    return rows;
                }
                continue;
            }
            if (fields.Length != 4)
            {
                problems.Add(new Problem(line, "", Words.Zh("Units.Expected4ColumnsFound0", fields.Length), Words.En("Units.Expected4ColumnsFound0", fields.Length)));
                continue;
            }
            var (code, name, level, parent) = (fields[0].Trim(), fields[1].Trim(), fields[2].Trim(), fields[3].Trim());
            var ok = true;
            if (code.Length is < 2 or > 12 || !code.All(char.IsAsciiDigit))
                ok = Fail(line, "code", Words.Zh("Units.TheDivisionCodeMustBe2"), Words.En("Units.TheDivisionCodeMustBe2"));
            else if (seen.TryGetValue(code, out var first))
                ok = Fail(line, "code", Words.Zh("Units.TheCodeRepeatsRow0", first), Words.En("Units.TheCodeRepeatsRow0", first));
            if (name.Length is 0 or > 100)
                ok = Fail(line, "name", Words.Zh("Units.TheNameMustBe1To"), Words.En("Units.TheNameMustBe1To"));
            if (!Levels.TryGetValue(level, out var kind))
                ok = Fail(line, "level", Words.Zh("Units.TheLevelMustBeCityCounty"), Words.En("Units.TheLevelMustBeCityCounty"));
            if (parent.Length > 0 && (parent.Length > 12 || !parent.All(char.IsAsciiDigit)))
                ok = Fail(line, "parent_code", Words.Zh("Units.TheParentCodeMustBeDigits"), Words.En("Units.TheParentCodeMustBeDigits"));
            if (ok)
            {
                seen[code] = line;
                rows.Add(new Row(line, code, name, kind, parent.Length == 0 ? null : parent));
            }
        }
        if (header)
            problems.Add(new Problem(1, "header", Words.Zh("Units.TheFileIsEmpty"), Words.En("Units.TheFileIsEmpty")));
        else if (rows.Count == 0 && problems.Count == 0)
            problems.Add(new Problem(2, "", Words.Zh("Units.TheFileHoldsNoDivisions"), Words.En("Units.TheFileHoldsNoDivisions")));
        return rows;

        bool Fail(int line, string column, string zh, string en)
        {
            problems.Add(new Problem(line, column, zh, en));
            return false;
        }
    }

    static void CheckParents(List<Row> rows, Dictionary<string, Unit> existing, List<Problem> problems)
    {
        var inFile = rows.ToDictionary(r => r.Code);
        foreach (var row in rows.Where(r => r.ParentCode is not null))
        {
            var parentKind = inFile.TryGetValue(row.ParentCode!, out var parentRow) ? parentRow.Kind
                : existing.TryGetValue(row.ParentCode!, out var parentUnit) ? parentUnit.Kind : (UnitKind?)null;
            // A parent neither in the file nor in the product makes this unit a top unit: a county imported on its own.
            if (parentKind is { } kind && kind != row.Kind - 1)
                problems.Add(new Problem(row.Line, "parent_code",
                    Words.Zh("Units.Parent0IsNotOneLevel", row.ParentCode), Words.En("Units.Parent0IsNotOneLevel", row.ParentCode)));
        }
    }

    static Dictionary<string, byte[]> ReadOutlines(Stream stream, List<Row> rows, List<Problem> problems)
    {
        var shapes = new Dictionary<string, byte[]>();
        IReadOnlyList<GeoJsonFeature> features;
        try
        {
            features = GeoJson.ReadFeatureCollection(stream);
        }
        catch (GeoJsonException e)
        {
            problems.Add(new Problem(0, "outlines", e.Message, e.Message));
            return shapes;
        }
        var counties = rows.Where(r => r.Kind == UnitKind.County).Select(r => r.Code).ToHashSet();
        for (var i = 0; i < features.Count; i++)
        {
            var code = features[i].Properties.GetValueOrDefault("code")?.Trim();
            var number = i + 1;
            if (string.IsNullOrEmpty(code))
                problems.Add(new Problem(number, "outlines.code", Words.Zh("Units.Feature0HasNoCodeProperty", number), Words.En("Units.Feature0HasNoCodeProperty", number)));
            else if (!counties.Contains(code))
                problems.Add(new Problem(number, "outlines.code", Words.Zh("Units.Feature0Code1IsNot", number, code), Words.En("Units.Feature0Code1IsNot", number, code)));
            else if (shapes.ContainsKey(code))
                problems.Add(new Problem(number, "outlines.code", Words.Zh("Units.Code0HasTwoOutlines", code), Words.En("Units.Code0HasTwoOutlines", code)));
            else
                shapes[code] = Wkb.Write(OutlineRepair.MakeValid(features[i].Geometry));
        }
        return shapes;
    }

    static Result<Summary> Refused(IReadOnlyList<Problem> problems) => Result.Invalid(FilesHaveErrors).As<Summary>() with { Details = problems };

    /// <summary>The rows and columns an import was refused for.</summary>
    public static IReadOnlyList<Problem> ProblemsOf(Result result) => result.Details as IReadOnlyList<Problem> ?? [];

    public static string Describe(IEnumerable<Problem> problems) =>
        string.Join("; ", problems.Take(20).Select(p => string.Create(CultureInfo.InvariantCulture, $"row {p.Row} {p.Column}: {p.En}")));
}
