using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Register.Bulk;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Staff;

public sealed record StaffImportSummary(string FileName, int Rows, int Created, int Updated, int Transferred, int Unchanged, int Rejected, double Seconds,
    IReadOnlyList<LedgerProblem> Problems, bool ProblemsTruncated, IReadOnlyList<string> IgnoredColumns);

/// <summary>
/// Imports a staff ledger (XLSX or CSV) the way the register's ledger imports: each row checked as the form checks it,
/// each rejected row named with its column and reason, the rest stored in one transaction. A row is the same person as
/// a record with its police number, else its ID number, else its mobile and name: that record is brought up to date,
/// moved when the unit changed (her work handed back), and left alone when nothing changed, so importing a file again
/// changes nothing. People missing from the file are not deactivated: a ledger may be one office's part of the staff.
/// </summary>
public sealed class ImportStaff(PoliceGridDb db, StaffStore store, HandBackWork handBack, AuditTrail audit)
{
    public const int ProblemsShown = 1000;
    const int Chunk = 2000;

    public async Task<Result<StaffImportSummary>> RunAsync(Stream file, string fileName, Viewer viewer, CancellationToken ct = default)
    {
        if (!viewer.Can(Capability.KeepStaff))
            return Result.Forbidden(new Text("Staff.OnlyHeadsKeepStaff")).As<StaffImportSummary>();
        var started = Stopwatch.StartNew();
        var opened = LedgerFile.Open(file);
        if (opened is null)
            return await RefuseAsync(LedgerFile.NotALedger, fileName);
        using var reader = new LedgerReader(opened);
        var header = LedgerHeader.Find(reader, StaffLedger.Columns);
        if (header is null)
            return await RefuseAsync(reader.Failure ?? new Text("Staff.NotAStaffLedgerNoHeader"), fileName);
        if (header.Missing(StaffLedger.Required) is { Count: > 0 } missing)
            return await RefuseAsync(LedgerHeader.MissingColumns(missing), fileName);
        var lines = new List<(int Row, string[] Fields)>();
        while (reader.Next())
            lines.Add(reader.Current);
        if (reader.Failure is { } damaged)
            return await RefuseAsync(damaged, fileName);
        if (lines.Count == 0)
            return await RefuseAsync(new Text("Register.TheLedgerHasAHeaderBut"), fileName);

        var inputs = lines.Select(l => StaffLedger.InputOf(header, l.Fields)).ToList();
        var units = await store.UnitsAsync(inputs.Select(i => i.UnitCode), ct);
        var departments = await store.DepartmentsAsync(ct);
        var rejected = new List<LedgerProblem>();
        var rejectedRows = 0;
        void Reject(int row, IEnumerable<FieldProblem> problems)
        {
            rejectedRows++;
            rejected.AddRange(problems.Take(ProblemsShown + 1 - Math.Min(rejected.Count, ProblemsShown + 1))
                .Select(p => new LedgerProblem(row, header.ColumnName(p.Field), p.Message.Zh, p.Message.En)));
        }

        // Check every row, and keep the first of two rows that are one person.
        var entries = new List<(int Row, StaffEntry Entry, string? IdHash)>(lines.Count);
        var firstRow = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            var problems = new List<FieldProblem>();
            var entry = StaffRules.Check(inputs[i], viewer, units.GetValueOrDefault, departments, store.Today, problems);
            if (entry is null)
            {
                Reject(lines[i].Row, problems);
                continue;
            }
            var idHash = store.IdHashOf(entry);
            var keys = KeysOf(entry, idHash).ToList();
            if (keys.FirstOrDefault(firstRow.ContainsKey) is { } seen)
            {
                Reject(lines[i].Row, [new FieldProblem(seen.StartsWith("id:", StringComparison.Ordinal) ? "idNumber" : seen.StartsWith("p:", StringComparison.Ordinal) ? "policeNumber" : "mobile",
                    new Text("Staff.TheSamePersonAsRow", firstRow[seen]))]);
                continue;
            }
            foreach (var key in keys)
                firstRow[key] = lines[i].Row;
            entries.Add((lines[i].Row, entry, idHash));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var existing = await ExistingAsync(entries, ct);
        var personUnitIds = existing.Values.Select(a => a.UnitId).Distinct().ToList();
        var unitOfPerson = await db.Units.AsNoTracking().Where(u => personUnitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var created = new List<Account>();
        int updated = 0, transferred = 0, unchanged = 0;
        foreach (var (row, entry, idHash) in entries)
        {
            var byNumber = entry.PoliceNumber is { } p ? existing.GetValueOrDefault("p:" + p) : null;
            var byId = idHash is not null ? existing.GetValueOrDefault("id:" + idHash) : null;
            if (byNumber is not null && byId is not null && byNumber.Id != byId.Id)
            {
                Reject(row, [new FieldProblem("idNumber", new Text("Staff.ThePoliceNumberAndIDNumberBelong"))]);
                continue;
            }
            var person = byNumber ?? byId ?? (entry.PoliceNumber is null && idHash is null ? existing.GetValueOrDefault(MobileKey(entry)) : null);
            if (person is null)
            {
                created.Add(store.NewPerson(entry));
                continue;
            }
            var was = unitOfPerson[person.UnitId];
            var moved = false;
            if (!StaffRules.Keeps(viewer, person.Role, was))
            {
                Reject(row, [new FieldProblem("name", new Text("Staff.ThisPersonIsKeptElsewhere"))]);
                continue;
            }
            if (person.UnitId != entry.Unit.Id && person.DisabledAt is null)
            {
                var back = await handBack.RunAsync(viewer, person.Id, person.DisplayName, ct);
                person.UnitId = entry.Unit.Id;
                person.SecurityStamp = Guid.NewGuid().ToString("N");
                store.Record(viewer, person.Id, StaffChangeKind.Transferred, new Text("Staff.Change.Transferred", was.Name, entry.Unit.Name, back.Events, back.Shifts));
                transferred++;
                moved = true;
            }
            var changed = store.Apply(entry, person);
            if (changed.Count > 0)
            {
                store.Record(viewer, person.Id, StaffChangeKind.Edited, new Text("Staff.Change.Imported", Text.Literal(string.Join(", ", changed))));
                updated++;
            }
            else if (!moved)
                unchanged++;
        }
        await db.SaveChangesAsync(ct);
        await AddAsync(viewer, created, ct);

        audit.Add("staff-import", "staff-ledger", null, detail: string.Create(CultureInfo.InvariantCulture,
            $"{fileName}: rows {lines.Count}, created {created.Count}, updated {updated}, transferred {transferred}, unchanged {unchanged}, rejected {rejectedRows}"));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new StaffImportSummary(fileName, lines.Count, created.Count, updated, transferred, unchanged, rejectedRows, Math.Round(started.Elapsed.TotalSeconds, 2),
            rejected.Take(ProblemsShown).ToList(), rejected.Count > ProblemsShown, header.Ignored);
    }

    static IEnumerable<string> KeysOf(StaffEntry entry, string? idHash)
    {
        if (entry.PoliceNumber is { } number)
            yield return "p:" + number;
        if (idHash is not null)
            yield return "id:" + idHash;
        if (entry.PoliceNumber is null && idHash is null)
            yield return MobileKey(entry);
    }

    static string MobileKey(StaffEntry entry) => $"m:{entry.Mobile}:{entry.Name}";

    /// <summary>The people already on record under the rows' keys, tracked, by key.</summary>
    async Task<Dictionary<string, Account>> ExistingAsync(List<(int Row, StaffEntry Entry, string? IdHash)> entries, CancellationToken ct)
    {
        var found = new Dictionary<string, Account>(StringComparer.Ordinal);
        void Keep(IEnumerable<Account> people)
        {
            foreach (var a in people)
            {
                if (a.PoliceNumber is { } p)
                    found["p:" + p] = a;
                if (a.IdNumberHash is { } h)
                    found["id:" + h] = a;
                if (a.PhoneNumber is { } m)
                    found.TryAdd($"m:{m}:{a.DisplayName}", a);
            }
        }
        foreach (var chunk in entries.Where(e => e.Entry.PoliceNumber is not null).Select(e => e.Entry.PoliceNumber!).Chunk(Chunk))
            Keep(await db.Users.Where(a => chunk.Contains(a.PoliceNumber!)).ToListAsync(ct));
        foreach (var chunk in entries.Where(e => e.IdHash is not null).Select(e => e.IdHash!).Chunk(Chunk))
            Keep(await db.Users.Where(a => chunk.Contains(a.IdNumberHash!)).ToListAsync(ct));
        foreach (var chunk in entries.Where(e => e.Entry.PoliceNumber is null && e.IdHash is null && e.Entry.Mobile is not null).Select(e => e.Entry.Mobile!).Distinct().Chunk(Chunk))
            Keep(await db.Users.Where(a => chunk.Contains(a.PhoneNumber!) && a.PoliceNumber == null && a.IdNumberHash == null).ToListAsync(ct));
        return found;
    }

    /// <summary>The new people and the first line of their records; on PostgreSQL with binary COPY.</summary>
    async Task AddAsync(Viewer viewer, List<Account> people, CancellationToken ct)
    {
        if (people.Count == 0)
            return;
        var unitIds = people.Select(p => p.UnitId).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        StaffChange FirstLine(Account a) => new()
        {
            AccountId = a.Id, Kind = StaffChangeKind.Imported, At = store.Now, ById = viewer.AccountId, ByName = viewer.DisplayName,
            Detail = Words.Store(new Text("Staff.Change.Created", units.GetValueOrDefault(a.UnitId) ?? "")),
        };
        if (!db.Database.IsNpgsql())
        {
            foreach (var chunk in people.Chunk(Chunk))
            {
                db.Users.AddRange(chunk);
                await db.SaveChangesAsync(ct);
                db.StaffChanges.AddRange(chunk.Select(FirstLine));
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
            return;
        }
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var ids = await BulkCopy.ReserveIdsAsync(connection, "accounts", people.Count, ct);
        for (var i = 0; i < people.Count; i++)
            people[i].Id = (int)ids[i];
        await BulkCopy.WriteAsync(db, connection, people, ct);
        var lines = people.Select(FirstLine).ToList();
        var lineIds = await BulkCopy.ReserveIdsAsync(connection, "staff_changes", lines.Count, ct);
        for (var i = 0; i < lines.Count; i++)
            lines[i].Id = lineIds[i];
        await BulkCopy.WriteAsync(db, connection, lines, ct);
    }

    async Task<Result<StaffImportSummary>> RefuseAsync(Text why, string fileName)
    {
        await audit.WriteAsync("staff-import", "staff-ledger", null, AuditOutcome.Failure, $"{fileName}: {why.En}");
        return Result.Invalid(why).As<StaffImportSummary>();
    }
}
