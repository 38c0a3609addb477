using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Register.PersonalData;
using PoliceGrid.Web.Register.Records;
using PoliceGrid.Web.Register.Verification;
using PoliceGrid.Web.Shared;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Register.Bulk;

public sealed record LedgerProblem(int Row, string Column, string Zh, string En);

public sealed record RejectedRow(int Row, IReadOnlyList<LedgerProblem> Problems, IReadOnlyList<string> Values);

/// <summary>What an import kept out, with the file's own header, so the importer can correct the rows and import them again.</summary>
public sealed record RejectedLedger(IReadOnlyList<string> Headers, IReadOnlyList<RejectedRow> Rows);

public sealed record ImportSummary(long Id, string FileName, int Rows, int Stored, int Duplicates, int Rejected, double Seconds,
    IReadOnlyList<LedgerProblem> Problems, bool ProblemsTruncated, IReadOnlyList<string> IgnoredColumns);

/// <summary>
/// Imports a residents ledger (台账) into the importer's area: each row goes through the same validation, sealing and
/// placement as a collection in the API, and is stored pending verification with its first version. Rows are handled
/// in batches — validated and sealed in memory on all cores, deduplicated with one query per batch, and on PostgreSQL
/// written with binary COPY — so a ledger of a million rows imports in minutes. The whole import is one transaction:
/// a file that turns out not to be a ledger stores nothing.
/// </summary>
public sealed class ImportLedger(PoliceGridDb db, CollectResident collect, PlaceAddress places, RegisterLoop loop, PersonalDataVault vault,
    AuditTrail audit, DuplicateLookups lookups)
{
    public const int BatchSize = 5000;
    public const int ProblemsShown = 1000;
    public const string RejectedField = "import_rejected";
    const long ImportLockKey = 0x5047_494D_504F_5254; // "PGIMPORT": one import at a time, so two cannot store one person twice

    static readonly Text NoHeader = new("Register.NotAResidentsLedgerNoHeader");

    static readonly Text NoRows = new("Register.TheLedgerHasAHeaderBut");

    public async Task<Result<ImportSummary>> RunAsync(Stream file, string fileName, Viewer viewer, CancellationToken ct = default)
    {
        if (!viewer.CanCollect())
            return Result.Forbidden(CollectResident.NotACollector).As<ImportSummary>();
        var started = Stopwatch.StartNew();
        var rows = LedgerFile.Open(file);
        if (rows is null)
            return await RefuseAsync(LedgerFile.NotALedger, fileName);
        using var reader = new LedgerReader(rows);

        var header = LedgerHeader.Find(reader, LedgerColumns.All);
        if (reader.Failure is { } unreadable)
            return await RefuseAsync(unreadable, fileName);
        if (header is null)
            return await RefuseAsync(NoHeader, fileName);
        var missing = header.Missing(LedgerColumns.Required);
        if (!header.Has("idNumber") && !header.Has("birthDate"))
            missing.Add(new LedgerColumn("idNumber", Words.Zh("Register.IDNumberOrBirthDate"), Words.En("Register.IDNumberOrBirthDate")));
        if (missing.Count > 0)
            return await RefuseAsync(LedgerHeader.MissingColumns(missing), fileName);

        var run = new Run(header, viewer, await DefaultGridAsync(viewer));
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({ImportLockKey})", ct);
        // Validation and sealing of one batch (all cores) overlap with the database work of the one before; the
        // database is only ever used by one of them at a time.
        Task<Candidate[]>? parsing = null;
        var batch = new List<(int Row, string[] Fields)>(BatchSize);
        while (true)
        {
            var more = reader.Next();
            if (more)
                batch.Add(reader.Current);
            if (batch.Count == BatchSize || (!more && batch.Count > 0 && reader.Failure is null))
            {
                await ResolveGridsAsync(batch, run, ct);
                var lines = batch;
                var next = Task.Run(() => ParseBatch(lines, run), ct);
                if (parsing is not null)
                    await StoreBatchAsync(await parsing, run, ct);
                parsing = next;
                batch = new List<(int Row, string[] Fields)>(BatchSize);
            }
            if (!more)
                break;
        }
        if (parsing is not null && reader.Failure is null)
            await StoreBatchAsync(await parsing, run, ct);
        if ((reader.Failure ?? (run.Rows == 0 ? NoRows : null)) is { } refusal)
        {
            await transaction.RollbackAsync(ct);
            return await RefuseAsync(refusal, fileName);
        }

        var record = new ImportRun
        {
            AccountId = viewer.AccountId,
            UserName = viewer.UserName,
            At = loop.Now,
            FileName = Truncate(fileName, 260),
            AreaPath = viewer.Unit.AreaPath,
            Rows = run.Rows,
            Stored = run.Stored,
            Duplicates = run.Duplicates,
            Rejected = run.Rejected.Count,
            Seconds = Math.Round(started.Elapsed.TotalSeconds, 2),
            RejectedSealed = run.Rejected.Count == 0 ? null
                : vault.Seal(RejectedField, JsonSerializer.Serialize(new RejectedLedger(header.Names, run.Rejected), RegisterRules.Json)),
        };
        db.Add(record);
        await db.SaveChangesAsync(ct);
        audit.Add("register.import", nameof(ImportRun), record.Id.ToString(CultureInfo.InvariantCulture),
            detail: $"{record.FileName}: rows {record.Rows}, stored {record.Stored}, duplicates {record.Duplicates}, rejected {record.Rejected}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        var problems = run.Rejected.SelectMany(r => r.Problems).Take(ProblemsShown + 1).ToList();
        return new ImportSummary(record.Id, record.FileName, record.Rows, record.Stored, record.Duplicates, record.Rejected, record.Seconds,
            problems.Take(ProblemsShown).ToList(), problems.Count > ProblemsShown, header.Ignored);
    }

    /// <summary>The rejected rows of an import, for the importer only.</summary>
    public async Task<RejectedLedger?> RejectedAsync(long id, Viewer viewer)
    {
        var run = await db.Set<ImportRun>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.AccountId == viewer.AccountId);
        if (run is null)
            return null;
        return run.RejectedSealed is null
            ? new RejectedLedger([], [])
            : JsonSerializer.Deserialize<RejectedLedger>(vault.Open(RejectedField, run.RejectedSealed), RegisterRules.Json);
    }

    async Task<Result<ImportSummary>> RefuseAsync(Text why, string fileName)
    {
        db.ChangeTracker.Clear();
        await audit.WriteAsync("register.import", nameof(ImportRun), null, AuditOutcome.Failure, $"{Truncate(fileName, 260)}: {why.En}");
        return Result.Invalid(why).As<ImportSummary>();
    }

    static string Truncate(string text, int length) => text.Length > length ? text[..length] : text;

    /// <summary>The grid rows without a 网格编码 go to: the importer's own grid, or her police district's only grid.</summary>
    async Task<GridChoice> DefaultGridAsync(Viewer viewer)
    {
        var unit = viewer.Unit;
        if (unit.Kind == UnitKind.MicroGrid && unit.ParentId is { } parent)
            unit = await db.Units.AsNoTracking().SingleAsync(u => u.Id == parent);
        if (unit.Kind == UnitKind.Grid)
            return await ChoiceAsync(unit, viewer);
        if (unit.Kind == UnitKind.PoliceDistrict)
        {
            var grids = await db.Units.AsNoTracking().Where(u => u.PoliceDistrictId == unit.Id && u.Kind == UnitKind.Grid).Take(2).ToListAsync();
            if (grids.Count == 1)
                return await ChoiceAsync(grids[0], viewer);
        }
        return new GridChoice(null, new FieldProblem("grid", new Text("Register.EnterTheGridCodeYouLook")));
    }

    async Task<GridChoice> ChoiceAsync(Unit? grid, Viewer viewer, string? code = null)
    {
        if (grid is null)
            return new GridChoice(null, new FieldProblem("grid", new Text("Register.NoGridHasTheCode0", code)));
        if (!AccessPolicy.InArea(grid.Path, viewer))
            return new GridChoice(null, PlaceAddress.OutsideArea);
        return await places.GridPlaceAsync(grid) is { } place ? new GridChoice(place, null) : new GridChoice(null, PlaceAddress.NoVillage);
    }

    async Task ResolveGridsAsync(List<(int Row, string[] Fields)> batch, Run run, CancellationToken ct)
    {
        foreach (var code in batch.Select(line => run.Header.Cell(line.Fields, "grid")).Distinct().Where(c => !run.Grids.ContainsKey(c)).ToList())
        {
            var grid = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Code == code && u.Kind == UnitKind.Grid, ct);
            run.Grids[code] = await ChoiceAsync(grid, run.Viewer, code);
        }
    }

    /// <summary>Validation and sealing hold no state but their own: all cores share the batch.</summary>
    Candidate[] ParseBatch(List<(int Row, string[] Fields)> batch, Run run)
    {
        var candidates = new Candidate[batch.Count];
        Parallel.For(0, batch.Count, i => candidates[i] = Parse(batch[i].Row, batch[i].Fields, run));
        return candidates;
    }

    async Task StoreBatchAsync(Candidate[] candidates, Run run, CancellationToken ct)
    {
        run.Rows += candidates.Length;
        var valid = new List<Candidate>(candidates.Length);
        foreach (var candidate in candidates)
        {
            if (candidate.Rejected is { } rejected)
                run.Rejected.Add(rejected);
            else
                valid.Add(candidate);
        }

        // One person, one record: an ID number already on record, or met earlier in this batch, is a duplicate. One on
        // record outside the importer's area is reported only as registered elsewhere, counts as a lookup, and asks the
        // record's officer to confirm a move; beyond the importer's hourly lookups the row is refused without looking.
        var hashes = valid.Select(c => c.Values!.IdNumberHash).OfType<string>().Distinct().ToList();
        var onRecord = await lookups.HoldersAsync(hashes, null, ct);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var prevented = new List<DuplicatePrevented>();
        var kept = new List<Candidate>(valid.Count);
        var elsewhere = new List<(Candidate Candidate, NumberHolder Holder)>();
        var (left, _) = onRecord.Count == 0 ? (0, TimeSpan.Zero) : await lookups.BudgetAsync(run.Viewer, ct);
        var throttled = false;
        foreach (var candidate in valid)
        {
            if (candidate.Values!.IdNumberHash is not { } hash)
                kept.Add(candidate);
            else if (onRecord.TryGetValue(hash, out var holder) && AccessPolicy.InArea(holder.AreaPath, run.Viewer))
            {
                prevented.Add(new DuplicatePrevented { At = loop.Now, ExistingResidentId = holder.Id, AreaPath = candidate.Place!.Grid.Path, AccountId = run.Viewer.AccountId });
                run.Duplicates++;
            }
            else if (holder is not null && left-- > 0)
            {
                elsewhere.Add((candidate, holder));
                run.Rejected.Add(candidate.RejectedFor(run.Header, DuplicateLookups.Elsewhere));
            }
            else if (holder is not null)
            {
                throttled = true;
                run.Rejected.Add(candidate.RejectedFor(run.Header, DuplicateLookups.TooMany(TimeSpan.FromHours(1))));
            }
            else if (seen.Add(hash))
                kept.Add(candidate);
            else
                run.Duplicates++;
        }
        if (throttled)
            audit.Add(DuplicateLookups.ThrottledAction, nameof(RecordType.Resident), null, AuditOutcome.Denied, $"import: limit {lookups.PerHour} per hour");

        // The standard addresses: found by key, or created once for all the rows at them (and at the addresses a check proposes).
        var keys = kept.Concat(elsewhere.Select(e => e.Candidate)).Select(c => c.AddressKey!).Distinct().ToList();
        var addresses = await db.Set<StandardAddress>().AsNoTracking().Where(a => keys.Contains(a.Key)).ToDictionaryAsync(a => a.Key, ct);
        var existingAddressIds = addresses.Values.Select(a => a.Id).ToList();
        var created = new List<StandardAddress>();
        foreach (var candidate in kept.Concat(elsewhere.Select(e => e.Candidate)))
        {
            if (!addresses.ContainsKey(candidate.AddressKey!))
            {
                var address = places.New(candidate.Parts!, candidate.Place!, null, run.Viewer.AccountId);
                addresses[address.Key] = address;
                created.Add(address);
            }
        }

        // Without an ID number, the same name and birth date at the same address is the same person.
        var withoutId = kept.Where(c => c.Values!.IdNumberHash is null).ToList();
        var people = new HashSet<string>(StringComparer.Ordinal);
        if (withoutId.Count > 0)
        {
            var at = withoutId.Select(c => addresses[c.AddressKey!].Id).Where(id => id != 0).Distinct().ToList();
            foreach (var r in await db.Set<Resident>().Where(r => at.Contains(r.AddressId)).Select(r => new { r.Name, r.BirthDate, r.AddressId }).ToListAsync(ct))
                people.Add(PersonKey(r.Name, r.BirthDate, r.AddressId.ToString(CultureInfo.InvariantCulture)));
        }
        var toStore = new List<Candidate>(kept.Count);
        foreach (var candidate in kept)
        {
            var address = addresses[candidate.AddressKey!];
            var where = address.Id == 0 ? candidate.AddressKey! : address.Id.ToString(CultureInfo.InvariantCulture);
            var person = PersonKey(candidate.Values!.Name, candidate.Values.BirthDate, where);
            if (people.Add(person) || candidate.Values.IdNumberHash is not null)
                toStore.Add(candidate);
        }
        run.Duplicates += kept.Count - toStore.Count;

        var houses = existingAddressIds.Count == 0 ? []
            : await db.Set<House>().Where(h => existingAddressIds.Contains(h.AddressId)).Select(h => new { h.AddressId, h.Id })
                .ToDictionaryAsync(h => h.AddressId, h => h.Id, ct);
        var residents = new List<(Resident Resident, StandardAddress Address, ResidentValues Values)>(toStore.Count);
        foreach (var candidate in toStore)
        {
            var address = addresses[candidate.AddressKey!];
            var values = candidate.Values! with { HouseId = address.Id != 0 && houses.TryGetValue(address.Id, out var house) ? house : null };
            var resident = new Resident { Name = values.Name };
            collect.Apply(values, resident);
            loop.Collected(resident, run.Viewer);
            residents.Add((resident, address, values));
        }
        if (db.Database.IsNpgsql())
            await WriteWithCopyAsync(created, residents, prevented, run.Viewer, ct);
        else
            await WriteWithContextAsync(created, residents, prevented, run.Viewer, ct);
        run.Stored += residents.Count;
        if (elsewhere.Count > 0 || throttled)
        {
            foreach (var (candidate, holder) in elsewhere)
                await lookups.HitAsync(holder, addresses[candidate.AddressKey!].Id, candidate.Place!.Grid.Path, run.Viewer, ct);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    static string PersonKey(string name, DateOnly? birthDate, string address) =>
        $"{name}\u001f{birthDate?.DayNumber}\u001f{address}";

    RegisterChange FirstVersion(Resident resident, StandardAddress address, ResidentValues values, Viewer viewer) =>
        loop.NewChange(RecordType.Resident, resident, ChangeKind.Create, RegisterLoop.Diff(new Dictionary<string, string?>(), collect.Display(values, address.Canonical)), null, viewer);

    async Task WriteWithContextAsync(List<StandardAddress> created, List<(Resident Resident, StandardAddress Address, ResidentValues Values)> residents,
        List<DuplicatePrevented> prevented, Viewer viewer, CancellationToken ct)
    {
        db.AddRange(created);
        await db.SaveChangesAsync(ct);
        foreach (var (resident, address, _) in residents)
            resident.PlaceAt(address);
        db.AddRange(residents.Select(r => r.Resident));
        await db.SaveChangesAsync(ct);
        db.AddRange(residents.Select(r => FirstVersion(r.Resident, r.Address, r.Values, viewer)));
        db.AddRange(prevented);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    async Task WriteWithCopyAsync(List<StandardAddress> created, List<(Resident Resident, StandardAddress Address, ResidentValues Values)> residents,
        List<DuplicatePrevented> prevented, Viewer viewer, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var addressIds = await BulkCopy.ReserveIdsAsync(connection, "standard_addresses", created.Count, ct);
        for (var i = 0; i < created.Count; i++)
            created[i].Id = (int)addressIds[i];
        var residentIds = await BulkCopy.ReserveIdsAsync(connection, "residents", residents.Count, ct);
        for (var i = 0; i < residents.Count; i++)
        {
            residents[i].Resident.Id = (int)residentIds[i];
            residents[i].Resident.PlaceAt(residents[i].Address);
        }
        var changes = new RegisterChange[residents.Count];
        Parallel.For(0, residents.Count, i => changes[i] = FirstVersion(residents[i].Resident, residents[i].Address, residents[i].Values, viewer));
        var changeIds = await BulkCopy.ReserveIdsAsync(connection, "register_changes", changes.Length, ct);
        for (var i = 0; i < changes.Length; i++)
            changes[i].Id = changeIds[i];
        await BulkCopy.WriteAsync(db, connection, created, ct);
        await BulkCopy.WriteAsync(db, connection, residents.Select(r => r.Resident).ToList(), ct);
        await BulkCopy.WriteAsync(db, connection, changes, ct);
        if (prevented.Count > 0)
        {
            db.AddRange(prevented);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    Candidate Parse(int row, string[] fields, Run run)
    {
        var header = run.Header;
        var problems = new List<FieldProblem>();
        string Cell(string key) => header.Cell(fields, key);
        var sex = LedgerColumns.ParseSex(Cell("sex"), problems);
        var birthDate = LedgerColumns.ParseDate(Cell("birthDate"), "birthDate", problems);
        var type = LedgerColumns.ParseHouseholdType(Cell("householdType"), problems);
        var since = LedgerColumns.ParseDate(Cell("residentSince"), "residentSince", problems);
        var expires = LedgerColumns.ParseDate(Cell("registrationExpires"), "registrationExpires", problems);
        var tags = Cell("tags") is { Length: > 0 } t ? LedgerColumns.ParseTags(t, run.Viewer.SeesPoliceOnly()) : null;
        var parts = PlaceAddress.Check(new AddressForm(Cell("road"), Cell("doorNumber"), Cell("building"), Cell("unitNumber"), Cell("room")), problems);
        var grid = run.Grids[Cell("grid")];
        if (grid.Problem is { } gridProblem)
            problems.Add(gridProblem);
        var form = new ResidentForm(Cell("name"), Cell("idNumber"), sex, birthDate, Cell("phone"), type,
            ResidentSince: since, RegistrationNumber: Cell("registrationNumber"), RegistrationExpires: expires, Tags: tags);
        var values = collect.Validate(form, run.Viewer, 0, null, problems);
        if (problems.Count > 0 || values is null || grid.Place is null)
        {
            // One reason per column: a household type that does not read is not also "missing".
            var shown = problems.DistinctBy(p => LedgerColumns.KeyOf(p.Field))
                .Select(p => new LedgerProblem(row, header.ColumnName(LedgerColumns.KeyOf(p.Field)), p.Message.Zh, p.Message.En)).ToList();
            return new Candidate(null, null, null, null, new RejectedRow(row, shown, fields));
        }
        return new Candidate(values, parts, grid.Place, parts.KeyIn(grid.Place.VillageCode), null, row, fields);
    }

    sealed record Candidate(ResidentValues? Values, AddressParts? Parts, PlaceAddress.GridPlace? Place, string? AddressKey, RejectedRow? Rejected,
        int Row = 0, string[]? Fields = null)
    {
        /// <summary>A valid row kept out after all, for a reason about its ID number.</summary>
        public RejectedRow RejectedFor(LedgerHeader header, Text why) =>
            new(Row, [new LedgerProblem(Row, header.ColumnName("idNumber"), why.Zh, why.En)], Fields ?? []);
    }

    sealed record GridChoice(PlaceAddress.GridPlace? Place, FieldProblem? Problem);

    sealed class Run(LedgerHeader header, Viewer viewer, GridChoice defaultGrid)
    {
        public LedgerHeader Header => header;
        public Viewer Viewer => viewer;
        // Read by the batch being validated while the next batch's grid codes are added.
        public System.Collections.Concurrent.ConcurrentDictionary<string, GridChoice> Grids { get; } = new(StringComparer.Ordinal) { [""] = defaultGrid };
        public List<RejectedRow> Rejected { get; } = [];
        public int Rows { get; set; }
        public int Stored { get; set; }
        public int Duplicates { get; set; }
    }

    /// <summary>Which column of the file holds which field.</summary>
}
