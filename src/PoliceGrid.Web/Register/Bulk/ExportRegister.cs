using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Register.PersonalData;
using PoliceGrid.Web.Register.Records;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Register.Bulk;

/// <summary>The filters of an export: those of the residents list, without paging.</summary>
public sealed record ExportFilters(string? Q = null, SpecialGroup? Tag = null, RecordStatus? Status = null, HouseholdType? HouseholdType = null, int? UnitId = null)
{
    public RegisterQuery Query() => new(Q, Tag, Status, HouseholdType, UnitId);
}

public sealed record ExportRow(long Id, string RequesterName, string Description, int Count, ExportStatus Status, DateTime RequestedAt,
    string? DecidedByName, DateTime? DecidedAt, string? Reason, int Downloads, bool Mine, bool CanApprove, bool CanDownload);

/// <summary>
/// Exports residents to XLSX: what the requester may see through <see cref="RegisterQueries.ResidentsAsync"/>, ID and
/// phone numbers masked. More than <see cref="WithoutApproval"/> people wait for a station head's or centre director's
/// approval; every request, decision and download is audited.
/// </summary>
public sealed class ExportRegister(PoliceGridDb db, RegisterQueries queries, PersonalDataVault vault, AuditTrail audit, TimeProvider clock)
{
    public const int WithoutApproval = 1000;
    public const int MaxPeople = 200_000;

    /// <summary>The filters may hold a full ID or phone number to search by, so they are sealed like one.</summary>
    public const string FiltersField = "export_filters";

    public async Task<Result<ExportRow>> RequestAsync(ExportFilters filters, Viewer viewer)
    {
        if (filters.Q?.Length > 100)
            return Fail(Outcome.Invalid, new Text("Register.TheSearchTextIsTooLong"));
        var count = await (await queries.ResidentsAsync(filters.Query(), viewer)).CountAsync();
        if (count > MaxPeople)
        {
            return Fail(Outcome.Invalid, new Text("Register.AnExportHoldsAtMost0", MaxPeople, count));
        }
        var export = new ExportRequest
        {
            RequesterId = viewer.AccountId,
            RequesterName = viewer.DisplayName,
            RequesterUnitId = viewer.Unit.Id,
            RequesterAreaPath = viewer.Unit.AreaPath,
            Filters = vault.Seal(FiltersField, JsonSerializer.Serialize(filters, RegisterRules.Json)),
            Description = Describe(filters),
            Count = count,
            Status = count <= WithoutApproval ? ExportStatus.Ready : ExportStatus.AwaitingApproval,
            RequestedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(export);
        await db.SaveChangesAsync();
        audit.Add("register.export", nameof(ExportRequest), Id(export.Id), detail: $"{count} people; {export.Description}; {export.Status}");
        await db.SaveChangesAsync();
        return RowOf(export, viewer);
    }

    /// <summary>The viewer's own exports, and those waiting for her approval.</summary>
    public async Task<IReadOnlyList<ExportRow>> ListAsync(Viewer viewer)
    {
        var mine = await db.Set<ExportRequest>().AsNoTracking().Where(e => e.RequesterId == viewer.AccountId)
            .OrderByDescending(e => e.Id).Take(100).ToListAsync();
        var waiting = !IsApprover(viewer) ? []
            : await AccessPolicy.InArea(db.Set<ExportRequest>().AsNoTracking(), viewer, e => e.RequesterAreaPath)
                .Where(e => e.Status == ExportStatus.AwaitingApproval && e.RequesterId != viewer.AccountId)
                .OrderBy(e => e.Id).Take(100).ToListAsync();
        return waiting.Concat(mine).Select(e => RowOf(e, viewer)).ToList();
    }

    public async Task<Result<ExportRow>> ApproveAsync(long id, Viewer viewer) => await DecideAsync(id, viewer, approve: true, null);

    public async Task<Result<ExportRow>> RefuseAsync(long id, string? reason, Viewer viewer) => await DecideAsync(id, viewer, approve: false, reason);

    async Task<Result<ExportRow>> DecideAsync(long id, Viewer viewer, bool approve, string? reason)
    {
        var export = await db.Set<ExportRequest>().SingleOrDefaultAsync(e => e.Id == id);
        if (export is null || (export.RequesterId != viewer.AccountId && !AccessPolicy.InArea(export.RequesterAreaPath, viewer)))
            return Result.NotFound().As<ExportRow>();
        if (export.RequesterId == viewer.AccountId)
            return await DeniedAsync(export, new Text("Register.YouCannotDecideOnYourOwn"));
        if (!IsApprover(viewer))
            return await DeniedAsync(export, new Text("Register.OnlyAStationHeadOrCentre"));
        if (export.Status != ExportStatus.AwaitingApproval)
            return Fail(Outcome.Conflict, new Text("Register.ThisExportHasBeenDecidedAlready"));
        reason = reason?.Trim();
        if (!approve && string.IsNullOrEmpty(reason))
            return Fail(Outcome.Invalid, new Text("Register.GiveTheReasonForRefusing"));
        if (reason?.Length > 500)
            return Fail(Outcome.Invalid, new Text("Register.TheReasonIsTooLong500"));

        export.Status = approve ? ExportStatus.Approved : ExportStatus.Refused;
        export.DecidedById = viewer.AccountId;
        export.DecidedByName = viewer.DisplayName;
        export.DecidedAt = clock.GetUtcNow().UtcDateTime;
        export.Reason = reason;
        audit.Add(approve ? "register.export.approve" : "register.export.refuse", nameof(ExportRequest), Id(export.Id),
            detail: approve ? $"{export.Count} people for {export.RequesterName}" : reason);
        await db.SaveChangesAsync();
        return RowOf(export, viewer);
    }

    async Task<Result<ExportRow>> DeniedAsync(ExportRequest export, Text why)
    {
        await audit.WriteAsync("register.export.decide", nameof(ExportRequest), Id(export.Id), AuditOutcome.Denied, why.En);
        return Fail(Outcome.Forbidden, why);
    }

    /// <summary>Writes the requester's ready or approved export as XLSX, through her scope as it is now.</summary>
    public async Task<Result<ExportRow>> WriteFileAsync(long id, Viewer viewer, Stream output, CancellationToken ct = default)
    {
        var export = await db.Set<ExportRequest>().SingleOrDefaultAsync(e => e.Id == id && e.RequesterId == viewer.AccountId, ct);
        if (export is null)
            return Result.NotFound().As<ExportRow>();
        if (export.Status is not (ExportStatus.Ready or ExportStatus.Approved))
        {
            return Fail(Outcome.Conflict, export.Status == ExportStatus.Refused
                ? new Text("Register.ThisExportWasRefused")
                : new Text("Register.ThisExportIsWaitingForApproval"));
        }
        var filters = JsonSerializer.Deserialize<ExportFilters>(vault.Open(FiltersField, export.Filters), RegisterRules.Json)!;
        var residents = await queries.ResidentsAsync(filters.Query(), viewer);
        var written = 0;
        await Spreadsheet.WriteXlsxAsync(output, "实有人口", Rows(), ct);
        export.Downloads++;
        audit.Add("register.export.download", nameof(ExportRequest), Id(export.Id), detail: $"{written} people");
        await db.SaveChangesAsync(ct);
        return RowOf(export, viewer);

        async IAsyncEnumerable<IReadOnlyList<string?>> Rows()
        {
            yield return Columns;
            var rows = residents.OrderBy(r => r.Name).ThenBy(r => r.Id)
                .Join(db.Set<StandardAddress>(), r => r.AddressId, a => a.Id, (r, a) => new { r, a.Canonical })
                .AsAsyncEnumerable();
            await foreach (var x in rows)
            {
                written++;
                yield return Cells(x.r, x.Canonical, viewer);
            }
        }
    }

    static readonly string[] Columns =
        ["姓名", "身份证号（脱敏）", "性别", "出生日期", "联系电话（脱敏）", "户籍类型", "居住地址", "居住起始日期", "居住登记编号", "登记有效期至", "人员标签", "核实状态"];

    static string?[] Cells(Resident r, string address, Viewer viewer) =>
    [
        r.Name, r.IdNumberMasked, r.Sex switch { Sex.Male => "男", Sex.Female => "女", _ => "" }, Date(r.BirthDate), r.PhoneMasked,
        r.HouseholdType switch { HouseholdType.Registered => "户籍", HouseholdType.Floating => "流动", _ => "境外" }, address,
        Date(r.ResidentSince), r.RegistrationNumber, Date(r.RegistrationExpires),
        string.Join("、", RegisterQueries.VisibleTags(r.Tags, viewer).Select(t => t.Label().Zh)), r.Status.Label().Zh,
    ];

    static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    static Result<ExportRow> Fail(Outcome outcome, Text why) => new(outcome, Message: why);

    public static bool IsApprover(Viewer viewer) => viewer.Can(Capability.ApproveExports);

    static ExportRow RowOf(ExportRequest e, Viewer viewer) => new(e.Id, e.RequesterName, e.Description, e.Count, e.Status, e.RequestedAt,
        e.DecidedByName, e.DecidedAt, e.Reason, e.Downloads, e.RequesterId == viewer.AccountId,
        e.Status == ExportStatus.AwaitingApproval && e.RequesterId != viewer.AccountId && IsApprover(viewer) && AccessPolicy.InArea(e.RequesterAreaPath, viewer),
        e.RequesterId == viewer.AccountId && e.Status is ExportStatus.Ready or ExportStatus.Approved);

    static string Describe(ExportFilters f)
    {
        var parts = new List<string>();
        if (f.Q?.Trim() is { Length: > 0 } q)
        {
            var shown = IdNumber.TryParse(q, DateOnly.MaxValue, out var id, out _) ? IdNumber.Mask(id.Value)
                : PhoneNumber.TryParse(q, out var phone, out _) ? PhoneNumber.Mask(phone) : q;
            parts.Add($"关键词：{shown}");
        }
        if (f.Tag is { } tag)
            parts.Add($"标签：{tag.Label().Zh}");
        if (f.Status is { } status)
            parts.Add($"状态：{status.Label().Zh}");
        if (f.HouseholdType is { } type)
            parts.Add($"户籍类型：{type switch { HouseholdType.Registered => "户籍", HouseholdType.Floating => "流动", _ => "境外" }}");
        if (f.UnitId is { } unit)
            parts.Add($"单位：{unit}");
        var text = parts.Count == 0 ? "全部可见人员" : string.Join("；", parts);
        return text.Length > 500 ? text[..500] : text;
    }

    static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
