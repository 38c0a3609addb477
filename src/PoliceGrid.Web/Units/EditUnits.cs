using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;
using PoliceGrid.Web.Units.Geometry;

namespace PoliceGrid.Web.Units;

/// <summary>The administrator's changes to units: rename, move a grid to another police district, merge or split
/// districts, replace outlines with surveyed ones. Each is audited in the same transaction.</summary>
public sealed class EditUnits(PoliceGridDb db, AuditTrail audit, UnitLocator locator, UnitLayout layout)
{
    public sealed record Change(string? Name, int? PoliceDistrictId, int? Version);

    public sealed record MergeRequest(int IntoId);

    public sealed record SplitRequest(string? Name, IReadOnlyList<int>? GridIds);

    /// <summary>Refused as invalid; <paramref name="where"/> (missing codes, a tiling report) goes in the problem's errors.</summary>
    static Result<UnitQueries.UnitRow> Bad(string zh, string en, object? where = null) =>
        Result.Invalid(Text.Data(zh, en)).As<UnitQueries.UnitRow>() with { Details = where };

    static Result<UnitQueries.UnitRow> Missing => Result.NotFound().As<UnitQueries.UnitRow>();

    static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    public async Task<Result<UnitQueries.UnitRow>> ChangeAsync(int id, Change change)
    {
        var unit = await db.Units.SingleOrDefaultAsync(u => u.Id == id);
        if (unit is null)
            return Missing;
        if (change.Version is { } version && version != unit.Version)
            return Bad(Words.Zh("Units.SomeoneElseChangedThisUnitReload"), Words.En("Units.SomeoneElseChangedThisUnitReload"));
        var notes = new List<string>();
        if (change.Name is not null)
        {
            var name = change.Name.Trim();
            if (name.Length is 0 or > 100)
                return Bad(Words.Zh("Units.TheNameMustBe1To"), Words.En("Units.TheNameMustBe1To"));
            notes.Add($"name '{unit.Name}' -> '{name}'");
            unit.Name = name;
        }
        if (change.PoliceDistrictId is { } districtId)
        {
            if (unit.Kind != UnitKind.Grid)
                return Bad(Words.Zh("Units.OnlyAGridCanBeMoved"), Words.En("Units.OnlyAGridCanBeMoved"));
            var district = await db.Units.SingleOrDefaultAsync(u => u.Id == districtId && u.Kind == UnitKind.PoliceDistrict);
            if (district is null)
                return Bad(Words.Zh("Units.TheTargetPoliceDistrictDoesNot"), Words.En("Units.TheTargetPoliceDistrictDoesNot"));
            notes.Add($"police district {unit.PoliceDistrictId} -> {districtId}");
            unit.PoliceDistrictId = districtId;
        }
        if (notes.Count == 0)
            return Bad(Words.Zh("Units.NothingToChange"), Words.En("Units.NothingToChange"));
        unit.Version++;
        audit.Add("edit-unit", "unit", Id(id), detail: string.Join("; ", notes));
        await db.SaveChangesAsync();
        await locator.RefreshEverywhereAsync();
        return UnitQueries.RowOf(unit);
    }

    public async Task<Result<UnitQueries.UnitRow>> MergeAsync(int id, MergeRequest request)
    {
        var source = await db.Units.SingleOrDefaultAsync(u => u.Id == id && u.Kind == UnitKind.PoliceDistrict);
        var target = await db.Units.SingleOrDefaultAsync(u => u.Id == request.IntoId && u.Kind == UnitKind.PoliceDistrict);
        if (source is null || target is null)
            return Bad(Words.Zh("Units.BothSidesOfAMergeMust"), Words.En("Units.BothSidesOfAMergeMust"));
        if (source.Id == target.Id)
            return Bad(Words.Zh("Units.ADistrictCannotBeMergedInto"), Words.En("Units.ADistrictCannotBeMergedInto"));
        if (source.ParentId != target.ParentId)
            return Bad(Words.Zh("Units.OnlyDistrictsOfTheSamePolice"), Words.En("Units.OnlyDistrictsOfTheSamePolice"));

        await using var transaction = await db.Database.BeginTransactionAsync();
        var moved = await db.Units.Where(u => u.PoliceDistrictId == source.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.PoliceDistrictId, target.Id));
        await db.Users.Where(a => a.UnitId == source.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.UnitId, target.Id));
        db.Units.Remove(source);
        target.Version++;
        audit.Add("merge-districts", "unit", Id(target.Id), detail: $"merged {source.Code} {source.Name} ({moved} grids) into {target.Code}");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        await locator.RefreshEverywhereAsync();
        return UnitQueries.RowOf(target);
    }

    public async Task<Result<UnitQueries.UnitRow>> SplitAsync(int id, SplitRequest request)
    {
        var source = await db.Units.SingleOrDefaultAsync(u => u.Id == id && u.Kind == UnitKind.PoliceDistrict);
        if (source is null)
            return Missing;
        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100)
            return Bad(Words.Zh("Units.TheNewDistrictNeedsAName"), Words.En("Units.TheNewDistrictNeedsAName"));
        var gridIds = request.GridIds?.Distinct().ToList() ?? [];
        var grids = await db.Units.Where(u => gridIds.Contains(u.Id) && u.Kind == UnitKind.Grid && u.PoliceDistrictId == id).ToListAsync();
        if (gridIds.Count == 0 || grids.Count != gridIds.Count)
            return Bad(Words.Zh("Units.ChooseGridsThatBelongToThis"), Words.En("Units.ChooseGridsThatBelongToThis"));
        var remaining = await db.Units.CountAsync(u => u.PoliceDistrictId == id) - grids.Count;
        if (remaining == 0)
            return Bad(Words.Zh("Units.TheDistrictMustKeepAtLeast"), Words.En("Units.TheDistrictMustKeepAtLeast"));

        var siblings = await db.Units.CountAsync(u => u.Code.StartsWith(source.Code + "-"));
        var code = $"{source.Code}-{siblings + 1}";
        var split = new Unit
        {
            Code = code, Name = name, Kind = UnitKind.PoliceDistrict, ParentId = source.ParentId,
            Path = source.Path[..^(source.Code.Length + 1)] + code + "/", AreaPath = source.AreaPath,
        };
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Units.Add(split);
        await db.SaveChangesAsync();
        foreach (var grid in grids)
            grid.PoliceDistrictId = split.Id;
        audit.Add("split-district", "unit", Id(source.Id), detail: $"grids {string.Join(',', grids.Select(g => g.Code))} -> new district {code} {name}");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        await locator.RefreshEverywhereAsync();
        return UnitQueries.RowOf(split);
    }

    /// <summary>
    /// Replaces the outlines of some children of one parent with surveyed ones (a GeoJSON FeatureCollection whose
    /// features carry <c>code</c>). The children must still tile the parent; where they do not, nothing changes and
    /// the answer says where. Generated outlines below a replaced unit are generated again inside it.
    /// </summary>
    public async Task<Result<UnitQueries.UnitRow>> ReplaceOutlinesAsync(Stream geoJson, CancellationToken ct)
    {
        IReadOnlyList<GeoJsonFeature> features;
        try
        {
            features = GeoJson.ReadFeatureCollection(geoJson);
        }
        catch (GeoJsonException e)
        {
            return Bad(e.Message, e.Message);
        }
        var codes = features.Select(f => f.Properties.GetValueOrDefault("code") ?? "").ToList();
        var units = await db.Units.Where(u => codes.Contains(u.Code)).ToListAsync(ct);
        var missing = codes.Except(units.Select(u => u.Code)).ToList();
        if (features.Count == 0 || missing.Count > 0)
            return Bad(Words.Zh("Units.EveryFeaturesCodeMustNameAn"), Words.En("Units.EveryFeaturesCodeMustNameAn"), new { missing });
        var parentIds = units.Select(u => u.ParentId).Distinct().ToList();
        if (parentIds.Count != 1 || parentIds[0] is not { } parentId)
            return Bad(Words.Zh("Units.ReplaceTheOutlinesOfChildrenOf"), Words.En("Units.ReplaceTheOutlinesOfChildrenOf"));
        var parent = await db.Units.SingleAsync(u => u.Id == parentId, ct);
        if (parent.Outline is null)
            return Bad(Words.Zh("Units.TheParentUnitHasNoOutline"), Words.En("Units.TheParentUnitHasNoOutline"));

        var siblings = await db.Units.Where(u => u.ParentId == parentId && u.Outline != null
            && (u.Kind == UnitKind.Township || u.Kind == UnitKind.Village || u.Kind == UnitKind.Grid)).ToListAsync(ct);
        var replaced = units.ToDictionary(u => u.Code, u => OutlineRepair.MakeValid(features[codes.IndexOf(u.Code)].Geometry));
        var tiling = siblings.Select(s => (s.Code, replaced.TryGetValue(s.Code, out var g) ? g : Wkb.Read(s.Outline!))).ToList();
        var report = TilingCheck.Check(Wkb.Read(parent.Outline), tiling, 1e-9);
        if (!report.IsTiling)
            return Bad(Words.Zh("Units.TheNewOutlinesDoNotTile"), Words.En("Units.TheNewOutlinesDoNotTile"), report);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var unit in units)
        {
            (unit.Outline, unit.OutlineGenerated) = (Wkb.Write(replaced[unit.Code]), false);
            unit.Version++;
        }
        await db.SaveChangesAsync(ct);
        var county = parent.Kind == UnitKind.County ? parent
            : await db.Units.SingleAsync(u => u.Kind == UnitKind.County && parent.Path.StartsWith(u.Path), ct);
        await layout.LayOutAsync([county.Id], units.Select(u => u.Code).ToHashSet(), ct);
        audit.Add("replace-outlines", "unit", Id(parentId), detail: $"surveyed outlines for {string.Join(',', units.Select(u => u.Code))}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await locator.RefreshEverywhereAsync(ct);
        return UnitQueries.RowOf(parent);
    }
}
