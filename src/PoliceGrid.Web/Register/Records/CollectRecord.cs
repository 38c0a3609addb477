using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Register.PersonalData;
using PoliceGrid.Web.Register.Verification;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Register.Records;

/// <summary>Where a record is collected: its standard address and, for a resident, the house she lives in.</summary>
public sealed record Place(StandardAddress Address, int? HouseId = null);

/// <summary>A sealed field of a form: the vault's name for it, its sealed value on record, and how to read and fill it in a form.</summary>
public sealed record SealedInput<TRecord, TForm>(string VaultField, Func<TRecord, string?> OnRecord, Func<TForm, string?> Read, Func<TForm, string, TForm> Fill);

/// <summary>What <see cref="VerifyRecord"/> needs of every record type: find one, and apply a pending change's proposal to it.</summary>
public interface IRecordChanges
{
    RecordType Type { get; }

    Task<RegisterRecord> FindAsync(int id);

    Task ApplyProposedAsync(RegisterRecord record, string proposed);
}

/// <summary>
/// The one collect-and-change path of every register record: who may collect, keeping the sealed fields a change left
/// blank, validation, the duplicate check, then <see cref="RegisterLoop"/> (pending vs verified). Each record type
/// declares only its own parts: its form, its values, its sealed fields, where it is, how it is checked and what
/// counts as the same record.
/// </summary>
public abstract class CollectRecord<TRecord, TForm, TValues>(PoliceGridDb db, PersonalDataVault vault, PlaceAddress places, RegisterLoop loop) : IRecordChanges
    where TRecord : RegisterRecord
    where TForm : class
    where TValues : class
{
    protected PoliceGridDb Db => db;

    protected PersonalDataVault Vault => vault;

    protected RegisterLoop Loop => loop;

    public static readonly Text NotACollector = new("Register.YourRoleDoesNotCollectRecords");

    public abstract RecordType Type { get; }

    /// <summary>The sealed fields of the form; a change that leaves one blank keeps what is on record.</summary>
    protected abstract IReadOnlyList<SealedInput<TRecord, TForm>> Sealed { get; }

    public abstract TValues ValuesOf(TRecord record);

    /// <summary>A new record with its required fields; the rest of the values are applied to it.</summary>
    protected abstract TRecord Blank(TValues values);

    public abstract void Apply(TValues values, TRecord record);

    public abstract FieldValues Display(TValues values, string address);

    /// <summary>Where the form places the record; for a change, null <paramref name="record"/> is never passed when the form names no place.</summary>
    protected abstract Task<Place?> WhereAsync(TForm form, TRecord? record, Viewer viewer, List<FieldProblem> problems);

    /// <summary>Checks a form and seals its numbers; null when a problem was added.</summary>
    protected abstract TValues? Validate(TForm form, Place place, Viewer viewer, List<FieldProblem> problems);

    /// <summary>Why the values repeat a record already on file (<paramref name="record"/> itself excepted), or null.</summary>
    protected abstract Task<Result<CollectResult>?> DuplicateAsync(TForm form, TValues values, Place place, TRecord? record, Viewer viewer);

    /// <summary>What a change keeps of the record that its collector cannot see (the grid side's police-only tags).</summary>
    protected virtual TValues Keep(TValues values, TRecord record, Viewer viewer) => values;

    /// <summary>The values with the record's place, as a verified change applies them.</summary>
    protected virtual TValues PlacedAt(TValues values, Place place) => values;

    public async Task<Result<CollectResult>> CreateAsync(TForm form, Viewer viewer)
    {
        if (!viewer.CanCollect())
            return Result.Forbidden(NotACollector).As<CollectResult>();
        var (place, values, refused) = await CheckAsync(form, null, viewer);
        if (refused is not null)
            return refused;
        var record = Blank(values);
        Apply(values, record);
        return await loop.CreateAsync(Type, record, place.Address, Display(values, place.Address.Canonical), viewer);
    }

    public async Task<Result<CollectResult>> UpdateAsync(int id, TForm form, Viewer viewer)
    {
        if (!viewer.CanCollect())
            return Result.Forbidden(NotACollector).As<CollectResult>();
        var record = await db.Set<TRecord>().SingleOrDefaultAsync(r => r.Id == id);
        if (record is null || !AccessPolicy.InArea(record.AreaPath, viewer))
            return Result.NotFound().As<CollectResult>();
        // Sealed numbers are never sent back to a form, so a blank one means "keep what is on record".
        foreach (var field in Sealed)
        {
            if (string.IsNullOrWhiteSpace(field.Read(form)) && field.OnRecord(record) is { } onRecord)
                form = field.Fill(form, vault.Open(field.VaultField, onRecord));
        }
        var (place, values, refused) = await CheckAsync(form, record, viewer);
        if (refused is not null)
            return refused;
        if (place.Address.Id == 0)
            await db.SaveChangesAsync();

        values = PlacedAt(Keep(values, record, viewer), place);
        var before = Display(ValuesOf(record), await loop.AddressTextAsync(record.AddressId));
        var after = Display(values, place.Address.Canonical);
        return await loop.UpdateAsync(Type, record, before, after, values, () => ApplyAt(values, record, place.Address), viewer);
    }

    /// <summary>Where the form places the record and its values, or why it is refused: problems, or a duplicate.</summary>
    async Task<(Place Place, TValues Values, Result<CollectResult>? Refused)> CheckAsync(TForm form, TRecord? record, Viewer viewer)
    {
        var problems = new List<FieldProblem>();
        var place = await WhereAsync(form, record, viewer, problems);
        var values = place is null ? null : Validate(form, place, viewer, problems);
        if (problems.Count > 0 || values is null || place is null)
            return (null!, null!, Result.Invalid(problems).As<CollectResult>());
        return (place, values, await DuplicateAsync(form, values, place, record, viewer));
    }

    /// <summary>The record's values as they would be after a change; the residence check moves a resident through it.</summary>
    public (FieldValues Before, FieldValues After) Move(TRecord record, string from, Func<TValues, TValues> change, StandardAddress to)
    {
        var values = change(ValuesOf(record));
        var before = Display(ValuesOf(record), from);
        ApplyAt(values, record, to);
        return (before, Display(values, to.Canonical));
    }

    void ApplyAt(TValues values, TRecord record, StandardAddress address)
    {
        Apply(values, record);
        record.PlaceAt(address);
    }

    async Task<RegisterRecord> IRecordChanges.FindAsync(int id) => await db.Set<TRecord>().SingleAsync(r => r.Id == id);

    async Task IRecordChanges.ApplyProposedAsync(RegisterRecord record, string proposed)
    {
        var values = JsonSerializer.Deserialize<TValues>(proposed, RegisterRules.Json)!;
        var address = await db.Set<StandardAddress>().SingleAsync(a => a.Id == AddressOf(values, record.AddressId));
        ApplyAt(values, (TRecord)record, address);
    }

    /// <summary>The address the values place the record at; only a resident moves with a change.</summary>
    protected virtual int AddressOf(TValues values, int current) => current;

    /// <summary>The record's own place, for a change that names none.</summary>
    protected async Task<Place> CurrentPlaceAsync(TRecord record, int? houseId = null) =>
        new(await db.Set<StandardAddress>().SingleAsync(a => a.Id == record.AddressId), houseId);

    /// <summary>A new record's address (an existing one in the viewer's area, or one placed for what was entered); a change keeps the record's.</summary>
    protected async Task<Place?> AddressAsync(TRecord? record, int? addressId, AddressForm? address, Viewer viewer, List<FieldProblem> problems) =>
        record is not null ? await CurrentPlaceAsync(record)
        : await RegisterAddresses.ResolveAsync(db, places, addressId, address, viewer, problems) is { } found ? new Place(found) : null;

    /// <summary>A duplicate that is already on record, shown to the collector so she can open it.</summary>
    protected static Result<CollectResult> Existing(DuplicateHit existing) =>
        new(Outcome.Conflict, new CollectResult(0, 0, Existing: existing),
            new Text("Register.ThisIsAlreadyOnRecord0", existing.Name, existing.Address));

    /// <summary>An optional phone number: none, a valid one sealed, or a problem for <paramref name="field"/>.</summary>
    protected PersonalDataVault.Protected? SealPhone(string? input, RecordField field, List<FieldProblem> problems) =>
        RegisterRules.OptionalPhone(input, field.Form(), problems) is { } phone ? vault.Protect(SealedField.Phone, phone, PhoneNumber.Mask) : null;

    /// <summary>A required text of at most <paramref name="max"/> characters, trimmed.</summary>
    protected static string Required(string? input, int max, RecordField field, Text missing, Text tooLong, List<FieldProblem> problems)
    {
        var text = (input ?? "").Trim();
        if (text.Length == 0)
            problems.Add(field.Problem(missing));
        else if (text.Length > max)
            problems.Add(field.Problem(tooLong));
        return text;
    }

    /// <summary>One of an enumeration's values, or a problem and the fallback.</summary>
    protected static TEnum Choice<TEnum>(TEnum? input, RecordField field, Text missing, TEnum fallback, List<FieldProblem> problems) where TEnum : struct, Enum
    {
        if (input is { } value && Enum.IsDefined(value))
            return value;
        problems.Add(field.Problem(missing));
        return fallback;
    }
}
