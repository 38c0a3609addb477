using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Data;

namespace PoliceGrid.Web.Audit;

/// <summary>Links new audit rows to the chain and checks the chain end to end.</summary>
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
                entry.Hash = hash = entry.ComputeHash();
            }

            var written = await save(ct);
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

    /// <summary>Walks the whole chain; returns the first row that breaks it, or null when it is intact.</summary>
    public static async Task<ChainBreak?> VerifyAsync(PoliceGridDb db, CancellationToken ct)
    {
        const int batch = 5000;
        long expectedId = 1;
        var previousHash = "";
        while (true)
        {
            var rows = await db.AuditEntries.AsNoTracking().Where(e => e.Id >= expectedId)
                .OrderBy(e => e.Id).Take(batch).ToListAsync(ct);
            if (rows.Count == 0)
                return null;
            foreach (var row in rows)
            {
                if (row.Id != expectedId)
                    return new ChainBreak(expectedId, ChainBreakKind.Missing);
                if (row.PreviousHash != previousHash)
                    return new ChainBreak(row.Id, ChainBreakKind.BrokenLink);
                if (row.ComputeHash() != row.Hash)
                    return new ChainBreak(row.Id, ChainBreakKind.Tampered);
                previousHash = row.Hash;
                expectedId++;
            }
        }
    }
}

public enum ChainBreakKind { Missing, BrokenLink, Tampered }

public sealed record ChainBreak(long Id, ChainBreakKind Kind);
