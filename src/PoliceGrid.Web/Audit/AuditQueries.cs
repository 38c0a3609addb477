using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Data;
using static PoliceGrid.Web.Audit.AuditApi;

namespace PoliceGrid.Web.Audit;

/// <summary>What the auditor reads: the trail, searched (and the search recorded), and the chain, verified. The API and the audit page both use this.</summary>
public sealed class AuditQueries(PoliceGridDb db, AuditTrail audit)
{
    public const int PageSize = 50;

    /// <summary>Searches the trail and records that it was searched.</summary>
    public async Task<AuditPage> SearchAsync(AuditQuery query)
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
        await audit.WriteAsync("audit-search", detail: $"user={query.User} action={query.Action} record={query.Record} page={query.Page}");
        return new AuditPage(found.Take(PageSize).ToList(), page, found.Count > PageSize);
    }

    public async Task<Verification> VerifyAsync()
    {
        var broken = await AuditChain.VerifyAsync(db, CancellationToken.None);
        var count = await db.AuditEntries.LongCountAsync();
        await audit.WriteAsync("audit-verify", outcome: broken is null ? AuditOutcome.Success : AuditOutcome.Failure,
            detail: broken is null ? $"{count} rows intact" : $"{broken.Kind} at {broken.Id}");
        return new Verification(broken is null, broken?.Id, broken?.Kind.ToString(), count);
    }
}
