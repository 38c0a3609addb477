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
        Result.Invalid(new Text(zh, en)).As<UnitQueries.UnitRow>() with { Details = where };

    static Result<UnitQueries.UnitRow> Missing => Result.NotFound().As<UnitQueries.UnitRow>();

    static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    public async Task<Result<UnitQueries.UnitRow>> ChangeAsync(int id, Change change)
    {
        var unit = await db.Units.SingleOrDefaultAsync(u => u.Id == id);
        if (unit is null)
            return Missing;
        if (change.Version is { } version && version != unit.Version)
            return Bad("该单位已被他人修改，请刷新后重试", "Someone else changed this unit; reload and try again");
        var notes = new List<string>();
        if (change.Name is not null)
        {
            var name = change.Name.Trim();
            if (name.Length is 0 or > 100)
                return Bad("名称不能为空且不超过100字", "The name must be 1 to 100 characters");
            notes.Add($"name '{unit.Name}' -> '{name}'");
            unit.Name = name;
        }
        if (change.PoliceDistrictId is { } districtId)
        {
            if (unit.Kind != UnitKind.Grid)
                return Bad("只有网格可以调整所属警务区", "Only a grid can be moved to another police district");
            var district = await db.Units.SingleOrDefaultAsync(u => u.Id == districtId && u.Kind == UnitKind.PoliceDistrict);
            if (district is null)
                return Bad("目标警务区不存在", "The target police district does not exist");
            notes.Add($"police district {unit.PoliceDistrictId} -> {districtId}");
            unit.PoliceDistrictId = districtId;
        }
        if (notes.Count == 0)
            return Bad("没有要修改的内容", "Nothing to change");
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
            return Bad("合并的两方都必须是警务区", "Both sides of a merge must be police districts");
        if (source.Id == target.Id)
            return Bad("不能与自身合并", "A district cannot be merged into itself");
        if (source.ParentId != target.ParentId)
            return Bad("只能合并同一派出所的警务区", "Only districts of the same police station can be merged");

        await using var transaction = await db.Database.BeginTransactionAsync();
        var moved = await db.Units.Where(u => u.PoliceDistrictId == source.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.PoliceDistrictId, target.Id));
        await db.Users.Where(a => a.UnitId == source.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.UnitId, target.Id));
        var targetPairs = await db.Pairings.Where(p => p.PoliceDistrictId == target.Id).Select(p => new { p.OfficerId, p.GridWorkerId }).ToListAsync();
        foreach (var pair in await db.Pairings.Where(p => p.PoliceDistrictId == source.Id).ToListAsync())
        {
            if (targetPairs.Contains(new { pair.OfficerId, pair.GridWorkerId }))
                db.Pairings.Remove(pair);
            else
                pair.PoliceDistrictId = target.Id;
        }
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
            return Bad("新警务区名称不能为空且不超过100字", "The new district needs a name of 1 to 100 characters");
        var gridIds = request.GridIds?.Distinct().ToList() ?? [];
        var grids = await db.Units.Where(u => gridIds.Contains(u.Id) && u.Kind == UnitKind.Grid && u.PoliceDistrictId == id).ToListAsync();
        if (gridIds.Count == 0 || grids.Count != gridIds.Count)
            return Bad("请选择本警务区内的网格", "Choose grids that belong to this district");
        var remaining = await db.Units.CountAsync(u => u.PoliceDistrictId == id) - grids.Count;
        if (remaining == 0)
            return Bad("拆分后原警务区至少保留一个网格", "The district must keep at least one grid");

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
            return Bad("要素的 code 必须对应已有单位", "Every feature's code must name an existing unit", new { missing });
        var parentIds = units.Select(u => u.ParentId).Distinct().ToList();
        if (parentIds.Count != 1 || parentIds[0] is not { } parentId)
            return Bad("一次只能替换同一上级下的单位轮廓", "Replace the outlines of children of one parent at a time");
        var parent = await db.Units.SingleAsync(u => u.Id == parentId, ct);
        if (parent.Outline is null)
            return Bad("上级单位没有轮廓", "The parent unit has no outline");

        var siblings = await db.Units.Where(u => u.ParentId == parentId && u.Outline != null
            && (u.Kind == UnitKind.Township || u.Kind == UnitKind.Village || u.Kind == UnitKind.Grid)).ToListAsync(ct);
        var replaced = units.ToDictionary(u => u.Code, u => OutlineRepair.MakeValid(features[codes.IndexOf(u.Code)].Geometry));
        var tiling = siblings.Select(s => (s.Code, replaced.TryGetValue(s.Code, out var g) ? g : Wkb.Read(s.Outline!))).ToList();
        var report = TilingCheck.Check(Wkb.Read(parent.Outline), tiling, 1e-9);
        if (!report.IsTiling)
            return Bad("新轮廓与同级单位不能无缝、无重叠地铺满上级单位，未作修改", "The new outlines do not tile the parent without gaps or overlaps; nothing changed", report);

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
