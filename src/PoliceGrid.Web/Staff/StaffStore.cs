using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Events;
using PoliceGrid.Web.Register.PersonalData;
using PoliceGrid.Web.Shared;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Staff;

/// <summary>What the staff use cases share: the lookups a record is checked against, and how a checked record is written.</summary>
public sealed class StaffStore(PoliceGridDb db, PersonalDataVault vault, TimeProvider clock)
{
    public DateTime Now => ReportEvent.Now(clock);

    public DateOnly Today => ChinaTime.Today(clock);

    public async Task<IReadOnlySet<string>> DepartmentsAsync(CancellationToken ct = default) =>
        (await db.Departments.AsNoTracking().Where(d => d.RetiredAt == null).Select(d => d.Name).ToListAsync(ct)).ToHashSet();

    public async Task<Dictionary<string, Unit>> UnitsAsync(IEnumerable<string?> codes, CancellationToken ct = default)
    {
        var wanted = codes.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!.Trim()).Distinct().ToList();
        var found = new Dictionary<string, Unit>();
        foreach (var chunk in wanted.Chunk(1000))
        {
            foreach (var unit in await db.Units.AsNoTracking().Where(u => chunk.Contains(u.Code)).ToListAsync(ct))
                found[unit.Code] = unit;
        }
        return found;
    }

    /// <summary>Checks a record; <paramref name="unit"/> is the person's unit when it is known already (an edit keeps it).</summary>
    public async Task<StaffEntry?> CheckAsync(StaffInput input, Viewer viewer, List<FieldProblem> problems, Unit? unit = null, CancellationToken ct = default)
    {
        var units = unit is not null ? new Dictionary<string, Unit> { [unit.Code] = unit } : await UnitsAsync([input.UnitCode], ct);
        return StaffRules.Check(unit is null ? input : input with { UnitCode = unit.Code }, viewer, units.GetValueOrDefault, await DepartmentsAsync(ct), Today, problems);
    }

    public string? IdHashOf(StaffEntry entry) => entry.IdNumber is { } id ? vault.LookupHash(SealedField.IdNumber, id.Value) : null;

    /// <summary>Another person already holding the entry's police number or ID number, if any.</summary>
    public async Task<FieldProblem?> ClashAsync(StaffEntry entry, int? except, CancellationToken ct = default)
    {
        if (entry.PoliceNumber is { } number && await db.Users.AnyAsync(a => a.PoliceNumber == number && a.Id != except, ct))
            return new FieldProblem("policeNumber", new Text("Staff.AnotherPersonHasThisPoliceNumber"));
        if (IdHashOf(entry) is { } hash && await db.Users.AnyAsync(a => a.IdNumberHash == hash && a.Id != except, ct))
            return new FieldProblem("idNumber", new Text("Staff.AnotherPersonHasThisIDNumber"));
        return null;
    }

    /// <summary>
    /// Writes the entry onto the person; what changed, in the ledger's words, for the record's history. A number or
    /// employment left empty keeps the one on record: ledgers often lack a column, and the form never shows the ID in full.
    /// </summary>
    public List<string> Apply(StaffEntry entry, Account person)
    {
        var changed = new List<string>();
        void Set<T>(string field, T now, T was, Action<T> set)
        {
            if (EqualityComparer<T>.Default.Equals(now, was) || (now is null && field != "department"))
                return;
            set(now);
            changed.Add(field);
        }
        Set("name", entry.Name, person.DisplayName, v => person.DisplayName = v);
        Set("mobile", entry.Mobile, person.PhoneNumber, v => person.PhoneNumber = v);
        Set("policeNumber", entry.PoliceNumber, person.PoliceNumber, v => person.PoliceNumber = v);
        var hash = IdHashOf(entry);
        Set("idNumber", hash, person.IdNumberHash, v =>
        {
            var sealedId = entry.IdNumber is { } id ? vault.Protect(SealedField.IdNumber, id.Value, IdNumber.Mask) : null;
            (person.IdNumberHash, person.IdNumberSealed, person.IdNumberMasked) = (sealedId?.Hash, sealedId?.Sealed, sealedId?.Masked);
        });
        Set("role", entry.Role, person.Role, v =>
        {
            // Another role reaches other data: its grant is asked for again (三员分立).
            (person.Role, person.Side, person.GrantApprovedAt, person.GrantApprovedById) = (v, v.DefaultSide(), null, null);
        });
        Set("employment", entry.Employment, person.Employment, v => person.Employment = v);
        Set("department", entry.Department, person.Department, v => person.Department = v);
        return changed;
    }

    /// <summary>A person made from a checked entry, with no sign-in: a user name no one signs in with and no password.</summary>
    public Account NewPerson(StaffEntry entry)
    {
        var userName = "staff-" + Guid.NewGuid().ToString("N")[..16];
        var person = new Account
        {
            UserName = userName, NormalizedUserName = userName.ToUpperInvariant(), SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString(), DisplayName = entry.Name, UnitId = entry.Unit.Id,
        };
        Apply(entry, person);
        return person;
    }

    public void Record(Viewer viewer, int accountId, StaffChangeKind kind, Text detail) => db.StaffChanges.Add(new StaffChange
    {
        AccountId = accountId, Kind = kind, At = Now, ById = viewer.AccountId, ByName = viewer.DisplayName, Detail = Words.Store(detail),
    });

    /// <summary>The person, when the viewer keeps her record; null when there is none or she is not the viewer's to keep.</summary>
    public async Task<(Account Person, Unit Unit)?> KeptAsync(Viewer viewer, int id, CancellationToken ct = default)
    {
        var person = await db.Users.SingleOrDefaultAsync(a => a.Id == id, ct);
        if (person is null)
            return null;
        var unit = await db.Units.AsNoTracking().SingleAsync(u => u.Id == person.UnitId, ct);
        return StaffRules.Keeps(viewer, person.Role, unit) ? (person, unit) : null;
    }
}
