using Microsoft.AspNetCore.Http.HttpResults;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;

namespace PoliceGrid.Web.Audit;

public static class AuditApi
{
    public static void MapAuditApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/audit").Requires(Capability.ReadAudit).WithTags("Audit");
        api.MapGet("/", SearchAudit).WithName("SearchAudit").WithSummary("Search the audit trail (the search itself is recorded)");
        api.MapPost("/verify", VerifyAudit).WithName("VerifyAudit").WithSummary("Verify the audit trail's hash chain and anchor");
    }

    public sealed record AuditQuery(string? User, string? Action, string? Record, string? Outcome, DateTime? From, DateTime? To, int Page = 1);

    public sealed record AuditRow(long Id, DateTime At, string? UserName, string Action, string? RecordType, string? RecordId,
        string? ClientAddress, string Outcome, string? Detail);

    public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, int Page, bool HasMore);

    public sealed record Verification(bool Intact, long? BrokenAt, string? Kind, long Rows);

    /// <summary>What a break means, for the auditor's page.</summary>
    public static Shared.Text KindText(string? kind) => Enum.TryParse<ChainBreakKind>(kind, out var value) ? value switch
    {
        ChainBreakKind.Missing => new("中间有记录被删除", "a row in the middle was deleted"),
        ChainBreakKind.BrokenLink => new("记录未指向上一条", "the row does not link to the one before it"),
        ChainBreakKind.Tampered => new("记录内容与其密钥签名不符（被修改）", "the row does not match its keyed hash (it was changed)"),
        ChainBreakKind.UnknownKey => new("记录所用的审计密钥本服务器没有", "the row names an audit key this server does not hold"),
        _ => new("最新的记录被删除或替换（与库外锚点不符）", "the newest rows were deleted or replaced (they no longer match the anchor outside the database)"),
    } : new(kind ?? "", kind ?? "");

    static async Task<Ok<AuditPage>> SearchAudit([AsParameters] AuditQuery query, AuditQueries audit) => TypedResults.Ok(await audit.SearchAsync(query));

    static async Task<Ok<Verification>> VerifyAudit(AuditQueries audit) => TypedResults.Ok(await audit.VerifyAsync());
}
