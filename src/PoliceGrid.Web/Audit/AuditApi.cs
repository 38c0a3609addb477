using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Data;

namespace PoliceGrid.Web.Audit;

public static class AuditApi
{
    public static void MapAuditApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/audit").Requires(Capability.ReadAudit);
        api.MapGet("/", SearchAudit).WithName("SearchAudit");
        api.MapPost("/verify", VerifyAudit).WithName("VerifyAudit");
    }

    public sealed record AuditQuery(string? User, string? Action, string? Record, string? Outcome, DateTime? From, DateTime? To, int Page = 1);

    public sealed record AuditRow(long Id, DateTime At, string? UserName, string Action, string? RecordType, string? RecordId,
        string? ClientAddress, string Outcome, string? Detail);

    public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, int Page, bool HasMore);

    public sealed record Verification(bool Intact, long? BrokenAt, string? Kind, long Rows);

    public const int PageSize = 50;

    public static async Task<AuditPage> Search(PoliceGridDb db, AuditQuery query)
    {
        var rows = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.User))
            rows = rows.Where(e => e.UserName == query.User.Trim());
        if (!string.IsNullOrWhiteSpace(query.Action))
            rows = rows.Where(e => e.Action == query.Action.Trim());
        if (!string.IsNullOrWhiteSpace(query.Record))
            rows = rows.Where(e => e.RecordId == query.Record.Trim() || e.RecordType == query.Record.Trim());
        if (!string.IsNullOrWhiteSpace(query.Outcome))
            rows = rows.Where(e => e.Outcome == query.Outcome.Trim());
        if (query.From is { } from)
            rows = rows.Where(e => e.At >= DateTime.SpecifyKind(from, DateTimeKind.Utc));
        if (query.To is { } to)
            rows = rows.Where(e => e.At < DateTime.SpecifyKind(to, DateTimeKind.Utc));
        var page = Math.Max(1, query.Page);
        var found = await rows.OrderByDescending(e => e.Id).Skip((page - 1) * PageSize).Take(PageSize + 1)
            .Select(e => new AuditRow(e.Id, e.At, e.UserName, e.Action, e.RecordType, e.RecordId, e.ClientAddress, e.Outcome, e.Detail))
            .ToListAsync();
        return new AuditPage(found.Take(PageSize).ToList(), page, found.Count > PageSize);
    }

    /// <summary>Searches the trail and records that it was searched; the API and the audit page both use this.</summary>
    public static async Task<AuditPage> SearchAndRecord(PoliceGridDb db, AuditTrail audit, AuditQuery query)
    {
        var page = await Search(db, query);
        await audit.WriteAsync("audit-search", detail: $"user={query.User} action={query.Action} record={query.Record} page={query.Page}");
        return page;
    }

    static async Task<Ok<AuditPage>> SearchAudit([AsParameters] AuditQuery query, PoliceGridDb db, AuditTrail audit) =>
        TypedResults.Ok(await SearchAndRecord(db, audit, query));

    public static async Task<Verification> Verify(PoliceGridDb db, AuditTrail audit)
    {
        var broken = await AuditChain.VerifyAsync(db, CancellationToken.None);
        var count = await db.AuditEntries.LongCountAsync();
        await audit.WriteAsync("audit-verify", outcome: broken is null ? AuditOutcome.Success : AuditOutcome.Failure,
            detail: broken is null ? $"{count} rows intact" : $"{broken.Kind} at {broken.Id}");
        return new Verification(broken is null, broken?.Id, broken?.Kind.ToString(), count);
    }

    /// <summary>What a break means, for the auditor's page.</summary>
    public static Shared.Text KindText(string? kind) => Enum.TryParse<ChainBreakKind>(kind, out var value) ? value switch
    {
        ChainBreakKind.Missing => new("中间有记录被删除", "a row in the middle was deleted"),
        ChainBreakKind.BrokenLink => new("记录未指向上一条", "the row does not link to the one before it"),
        ChainBreakKind.Tampered => new("记录内容与其密钥签名不符（被修改）", "the row does not match its keyed hash (it was changed)"),
        ChainBreakKind.UnknownKey => new("记录所用的审计密钥本服务器没有", "the row names an audit key this server does not hold"),
        _ => new("最新的记录被删除或替换（与库外锚点不符）", "the newest rows were deleted or replaced (they no longer match the anchor outside the database)"),
    } : new(kind ?? "", kind ?? "");

    static async Task<Ok<Verification>> VerifyAudit(PoliceGridDb db, AuditTrail audit) => TypedResults.Ok(await Verify(db, audit));
}
