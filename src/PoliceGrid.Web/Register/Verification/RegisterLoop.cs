using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Register.Records;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Register.Verification;

/// <summary>
/// The collect → verify loop every record type goes through: a new record or a change is kept as a
/// <see cref="RegisterChange"/>, pending unless the collector is the officer who would verify it.
/// </summary>
public sealed class RegisterLoop(PoliceGridDb db, AuditTrail audit, TimeProvider clock)
{
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public DateOnly Today => ChinaTime.Today(clock);

    /// <summary>Adds a new record with its first version; saves.</summary>
    public async Task<Result<CollectResult>> CreateAsync(RecordType type, RegisterRecord record, StandardAddress address,
        IReadOnlyDictionary<string, string?> fields, Viewer viewer)
    {
        var verified = Collected(record, viewer);
        // The record needs its id before its first version can name it; one transaction keeps the two together.
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (address.Id == 0)
            await SaveAddressAsync(address);
        record.PlaceAt(address);
        db.Add(record);
        await db.SaveChangesAsync();
        db.Add(NewChange(type, record, ChangeKind.Create, Diff(new Dictionary<string, string?>(), fields), null, viewer));
        audit.Add("register.collect", type.ToString(), record.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            detail: verified ? "verified by collector" : "pending");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return CollectResult.Done(record.Id, record.Status);
    }

    /// <summary>Saves a new address (it gets its id) and leaves its audit row for the next save.</summary>
    public async Task SaveAddressAsync(StandardAddress address)
    {
        await db.SaveChangesAsync();
        audit.Add("register.address", "StandardAddress", address.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), detail: address.Canonical);
    }

    /// <summary>Marks a new record as the viewer's first version: verified at once when she verifies her own work.</summary>
    public bool Collected(RegisterRecord record, Viewer viewer)
    {
        var verified = viewer.VerifiesOwnWork();
        record.Status = verified ? RecordStatus.Verified : RecordStatus.Pending;
        record.CollectedById = viewer.AccountId;
        record.CollectedAt = Now;
        record.Version = 1;
        if (verified)
        {
            record.VerifiedById = viewer.AccountId;
            record.VerifiedAt = Now;
        }
        return verified;
    }

    /// <summary>
    /// A change to a record. A verified record keeps its values until the change is verified; a pending or returned one
    /// (not yet verified at all) takes the change at once and waits again.
    /// </summary>
    public async Task<Result<CollectResult>> UpdateAsync(RecordType type, RegisterRecord record, IReadOnlyDictionary<string, string?> before,
        IReadOnlyDictionary<string, string?> after, object proposed, Action apply, Viewer viewer)
    {
        var changes = Diff(before, after);
        if (changes.Count == 0)
            return CollectResult.Done(record.Id, record.Status);
        if (record.HasPendingChange)
            return Result.Conflict(new Text("Register.AChangeToThisRecordIs2")).As<CollectResult>();

        var verified = viewer.VerifiesOwnWork() && viewer.CanVerify(record.PoliceDistrictId);
        var change = NewChange(type, record, ChangeKind.Update, changes, null, viewer);
        if (verified || record.Status != RecordStatus.Verified)
        {
            apply();
            record.Version++;
            record.Status = verified ? RecordStatus.Verified : RecordStatus.Pending;
            record.ReturnReason = null;
            if (verified)
            {
                record.VerifiedById = viewer.AccountId;
                record.VerifiedAt = Now;
                Verify(change, record, viewer);
            }
        }
        else
        {
            change.Proposed = JsonSerializer.Serialize(proposed, proposed.GetType(), RegisterRules.Json);
            record.HasPendingChange = true;
            record.Version++;
        }
        db.Add(change);
        audit.Add("register.change", type.ToString(), record.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            detail: $"{string.Join(',', changes.Keys)}; {(verified ? "verified by collector" : "pending")}");
        await db.SaveChangesAsync();
        return CollectResult.Done(record.Id, record.Status);
    }

    public RegisterChange NewChange(RecordType type, RegisterRecord record, ChangeKind kind, Dictionary<string, string?[]> changes, string? proposed, Viewer viewer)
    {
        var verified = viewer.VerifiesOwnWork() && kind == ChangeKind.Create;
        return new RegisterChange
        {
            RecordType = type,
            RecordId = record.Id,
            Kind = kind,
            Status = verified ? ChangeStatus.Verified : ChangeStatus.Pending,
            Proposed = proposed,
            Changes = JsonSerializer.Serialize(changes, RegisterRules.Json),
            CollectedById = viewer.AccountId,
            CollectedByName = viewer.DisplayName,
            CollectedAt = Now,
            ReviewedById = verified ? viewer.AccountId : null,
            ReviewedByName = verified ? viewer.DisplayName : null,
            ReviewedAt = verified ? Now : null,
            AreaPath = record.AreaPath,
            PoliceDistrictId = record.PoliceDistrictId,
        };
    }

    public void Verify(RegisterChange change, RegisterRecord record, Viewer viewer)
    {
        change.Status = ChangeStatus.Verified;
        change.ReviewedById = viewer.AccountId;
        change.ReviewedByName = viewer.DisplayName;
        change.ReviewedAt = Now;
    }

    /// <summary>Field → [before, after] for the fields that differ.</summary>
    public static Dictionary<string, string?[]> Diff(IReadOnlyDictionary<string, string?> before, IReadOnlyDictionary<string, string?> after)
    {
        var changes = new Dictionary<string, string?[]>();
        foreach (var (field, value) in after)
        {
            var old = before.GetValueOrDefault(field);
            if (!string.Equals(old ?? "", value ?? "", StringComparison.Ordinal))
                changes[field] = [old, value];
        }
        return changes;
    }

    public async Task<string> AddressTextAsync(int addressId) =>
        await db.Set<StandardAddress>().Where(a => a.Id == addressId).Select(a => a.Canonical).SingleOrDefaultAsync() ?? "";
}
