using System.Text.RegularExpressions;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Audit;

/// <summary>Adds audit rows for the current request; they are written with the caller's next SaveChanges.</summary>
public sealed partial class AuditTrail(PoliceGridDb db, IHttpContextAccessor http)
{
    // Placeholder keys so several new rows can be tracked at once; the chain gives the real ids when they are saved.
    static long placeholder;

    public void Add(string action, string? recordType = null, string? recordId = null,
        string outcome = AuditOutcome.Success, string? detail = null, string? userName = null, int? accountId = null)
    {
        var context = http.HttpContext;
        db.AuditEntries.Add(new AuditEntry
        {
            Id = Interlocked.Decrement(ref placeholder),
            Action = action,
            RecordType = recordType,
            RecordId = recordId,
            Outcome = outcome,
            Detail = detail,
            UserName = userName ?? context?.User.Identity?.Name,
            AccountId = accountId ?? context?.User.AccountId(),
            ClientAddress = context?.Connection.RemoteIpAddress?.ToString(),
        });
    }

    /// <summary>Records one action on its own, e.g. a denied read that changes nothing else.</summary>
    public async Task WriteAsync(string action, string? recordType = null, string? recordId = null,
        string outcome = AuditOutcome.Success, string? detail = null, string? userName = null, int? accountId = null)
    {
        Add(action, recordType, recordId, outcome, detail, userName, accountId);
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Records one read of a list of personal data: the record type, the filter (its text, with every run of seven or
    /// more digits withheld, so no ID or phone number lands in the trail) and how many rows were shown.
    /// </summary>
    public Task ListedAsync(string recordType, object filter, int rows) =>
        WriteAsync("list", recordType, detail: $"rows={rows} {WithoutNumbers(filter.ToString() ?? "")}");

    /// <summary>Text with ID and phone numbers (seven or more digits, spaces or dashes between them allowed) withheld.</summary>
    public static string WithoutNumbers(string text) => LongNumber().Replace(text, "[number withheld]");

    [GeneratedRegex(@"\d(?:[\s-]?\d){6,}[\dXx]?")]
    private static partial Regex LongNumber();
}
