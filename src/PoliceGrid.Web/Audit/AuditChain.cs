using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PoliceGrid.Web.Data;

namespace PoliceGrid.Web.Audit;

/// <summary>Links new audit rows to the chain, seals them with the audit key, and checks the chain end to end.</summary>
public static class AuditChain
{
    // One writer at a time extends the chain: a process lock here, and on PostgreSQL an advisory lock so that
    // several instances on one database also take turns.
    static readonly SemaphoreSlim Gate = new(1, 1);
    const long AdvisoryLockKey = 0x5047_4155_4449_54; // "PGAUDIT"

    internal static async Task<int> SaveWithChainAsync(PoliceGridDb db, Func<CancellationToken, Task<int>> save, CancellationToken ct)
    {
        var added = db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (added.Count == 0)
            return await save(ct);
        var keys = db.AuditKeys ?? throw new InvalidOperationException("This context has no audit key, so it cannot write audit rows.");

        await Gate.WaitAsync(ct);
        try
        {
            var ownTransaction = db.Database.CurrentTransaction is null;
            await using var transaction = ownTransaction ? await db.Database.BeginTransactionAsync(ct) : null;
            if (db.Database.IsNpgsql())
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", ct);

            var last = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Id)
                .Select(e => new { e.Id, e.Hash }).FirstOrDefaultAsync(ct);
            var (id, hash) = (last?.Id ?? 0, last?.Hash ?? "");
            foreach (var entry in added)
            {
                entry.Id = ++id;
                if (entry.At == default)
                    entry.At = Now();
                entry.PreviousHash = hash;
                keys.Seal(entry);
                hash = entry.Hash;
            }

            var written = await save(ct);
            // The anchor moves when the transaction commits, ours or the caller's (AnchorOnCommit); a rollback drops it.
            db.PendingAnchor = (db.Database.CurrentTransaction!.TransactionId, new AuditAnchor.Mark(id, hash));
            if (transaction is not null)
                await transaction.CommitAsync(ct);
            return written;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static DateTime Now()
    {
        var now = DateTime.UtcNow;
        return new DateTime(now.Ticks - now.Ticks % 10, DateTimeKind.Utc);
    }

    /// <summary>
    /// Walks the whole chain and compares its end with the anchor; returns the first row that breaks it, or null when
    /// it is intact. Unkeyed rows (databases from before keys) are accepted only before the first keyed row.
    /// </summary>
    public static async Task<ChainBreak?> VerifyAsync(PoliceGridDb db, CancellationToken ct)
    {
        var keys = db.AuditKeys ?? throw new InvalidOperationException("This context has no audit key, so it cannot verify the chain.");
        // Read before the walk: the anchor only ever names committed rows, so a row written meanwhile cannot look missing.
        var anchor = db.AuditAnchor?.Read();
        const int batch = 5000;
        long expectedId = 1;
        var previousHash = "";
        var keyed = false;
        while (true)
        {
            var rows = await db.AuditEntries.AsNoTracking().Where(e => e.Id >= expectedId)
                .OrderBy(e => e.Id).Take(batch).ToListAsync(ct);
            if (rows.Count == 0)
                return anchor is { } mark && expectedId <= mark.Id ? new ChainBreak(expectedId, ChainBreakKind.Truncated) : null;
            foreach (var row in rows)
            {
                if (row.Id != expectedId)
                    return new ChainBreak(expectedId, ChainBreakKind.Missing);
                if (row.PreviousHash != previousHash)
                    return new ChainBreak(row.Id, ChainBreakKind.BrokenLink);
                var hash = keys.HashOf(row);
                if (hash is null)
                    return new ChainBreak(row.Id, ChainBreakKind.UnknownKey);
                if (hash != row.Hash || (keyed && row.KeyId is null))
                    return new ChainBreak(row.Id, ChainBreakKind.Tampered);
                if (anchor is { } mark && row.Id == mark.Id && row.Hash != mark.Hash)
                    return new ChainBreak(row.Id, ChainBreakKind.Truncated);
                keyed |= row.KeyId is not null;
                previousHash = row.Hash;
                expectedId++;
            }
        }
    }
}

/// <summary>
/// Missing: a row in the middle is gone. BrokenLink: a row does not point at the one before. Tampered: a row's content
/// does not match its HMAC. UnknownKey: a row names a key this server does not hold. Truncated: the newest rows the
/// anchor names are gone or were replaced.
/// </summary>
public enum ChainBreakKind { Missing, BrokenLink, Tampered, UnknownKey, Truncated }

public sealed record ChainBreak(long Id, ChainBreakKind Kind);

/// <summary>Moves the anchor file once the transaction that holds new audit rows has committed.</summary>
sealed class AnchorOnCommit : DbTransactionInterceptor
{
    public static readonly AnchorOnCommit Instance = new();

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Write(eventData);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Write(eventData);
        return Task.CompletedTask;
    }

    // Only the transaction that wrote the rows moves the anchor: one rolled back (or disposed unfinished) never does.
    static void Write(TransactionEndEventData eventData)
    {
        if (eventData.Context is PoliceGridDb { PendingAnchor: { } pending } db && pending.TransactionId == eventData.TransactionId)
        {
            db.PendingAnchor = null;
            db.AuditAnchor?.Write(pending.Mark);
        }
    }
}
