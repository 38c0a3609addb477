using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Delivery;

/// <summary>One person's messages: what waits for acknowledgement first, then the rest; acknowledging one (签收) is audited.</summary>
public sealed class Inbox(PoliceGridDb db, AccessPolicy access, AuditTrail audit, TimeProvider clock)
{
    public sealed record Row(int Id, MessageKind Kind, Text Title, string Link, DateTime CreatedAt, DateTime? AcknowledgedAt, DateTime AckDueAt, bool Overdue);

    /// <summary>The count on the badge and the newest unacknowledged message (for the browser's notification).</summary>
    public sealed record Waiting(int Count, int? NewestId, string? NewestTitle, string? NewestLink);

    public async Task<IReadOnlyList<Row>> ListAsync(Viewer viewer, bool waitingOnly = false, int take = 100)
    {
        var now = Now();
        var query = db.Messages.AsNoTracking().Where(m => m.RecipientId == viewer.AccountId);
        if (waitingOnly)
            query = query.Where(m => m.AcknowledgedAt == null);
        var rows = await query.OrderBy(m => m.AcknowledgedAt != null).ThenByDescending(m => m.Id).Take(take).ToListAsync();
        return rows.Select(m => new Row(m.Id, m.Kind, Words.Stored(m.Title), m.Link, m.CreatedAt, m.AcknowledgedAt, m.AckDueAt,
            m.AcknowledgedAt == null && (m.ChaseLevel > 0 || m.AckDueAt <= now))).ToList();
    }

    public static Task<int> CountWaitingAsync(PoliceGridDb db, int accountId) =>
        db.Messages.AsNoTracking().CountAsync(m => m.RecipientId == accountId && m.AcknowledgedAt == null);

    public async Task<Waiting> WaitingAsync(int accountId, Lang lang)
    {
        var waiting = db.Messages.AsNoTracking().Where(m => m.RecipientId == accountId && m.AcknowledgedAt == null);
        var count = await CountWaitingAsync(db, accountId);
        var newest = count == 0 ? null : await waiting.OrderByDescending(m => m.Id).Select(m => new { m.Id, m.Title, m.Link }).FirstAsync();
        return new Waiting(count, newest?.Id, newest is null ? null : lang[Words.Stored(newest.Title)], newest?.Link);
    }

    /// <summary>Done: the link the message opens. Someone else's message answers not found, and leaves an audit row.</summary>
    public async Task<Result<string>> AcknowledgeAsync(Viewer viewer, int id)
    {
        var message = await db.Messages.AsNoTracking().Where(m => m.Id == id).Select(m => new { m.RecipientId, m.Link, m.Kind, m.SubjectType, m.SubjectId }).SingleOrDefaultAsync();
        if (message is null || message.RecipientId != viewer.AccountId)
        {
            await access.RecordOutOfScopeAsync("message", id.ToString(CultureInfo.InvariantCulture));
            return Result.NotFound().As<string>();
        }
        var now = Now();
        // A statement of its own, so it neither waits on nor undoes a chase of the same message at the same moment.
        if (await db.Messages.Where(m => m.Id == id && m.AcknowledgedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.AcknowledgedAt, now).SetProperty(m => m.ReadAt, now)) > 0)
        {
            audit.Add("message-acknowledge", "message", id.ToString(CultureInfo.InvariantCulture), detail: $"{message.Kind} {message.SubjectType} {message.SubjectId}");
            await db.SaveChangesAsync();
        }
        return message.Link;
    }

    /// <summary>Acknowledges every waiting message of the viewer at once; returns how many.</summary>
    public async Task<int> AcknowledgeAllAsync(Viewer viewer)
    {
        var now = Now();
        var count = await db.Messages.Where(m => m.RecipientId == viewer.AccountId && m.AcknowledgedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.AcknowledgedAt, now).SetProperty(m => m.ReadAt, now));
        if (count > 0)
        {
            audit.Add("message-acknowledge", "message", "all", detail: $"{count} messages");
            await db.SaveChangesAsync();
        }
        return count;
    }

    DateTime Now() => clock.GetUtcNow().UtcDateTime;
}
