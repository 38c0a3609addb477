using Microsoft.AspNetCore.Http.HttpResults;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Shared;

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
        ChainBreakKind.Missing => new("Audit.ARowInTheMiddleWas"),
        ChainBreakKind.BrokenLink => new("Audit.TheRowDoesNotLinkTo"),
        ChainBreakKind.Tampered => new("Audit.TheRowDoesNotMatchIts"),
        ChainBreakKind.UnknownKey => new("Audit.TheRowNamesAnAuditKey"),
        _ => new("Audit.TheNewestRowsWereDeletedOr"),
    } : new(kind ?? "", kind ?? "");

    static async Task<Ok<AuditPage>> SearchAudit([AsParameters] AuditQuery query, AuditQueries audit) => TypedResults.Ok(await audit.SearchAsync(query));

    static async Task<Ok<Verification>> VerifyAudit(AuditQueries audit) => TypedResults.Ok(await audit.VerifyAsync());
}
