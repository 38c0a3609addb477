using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Register.Records;

namespace PoliceGrid.Web.Register.PersonalData;

/// <summary>
/// Moves every sealed value to the current key after a key rotation, in batches; values already under it are left
/// alone, so it can be stopped and run again. The security administrator starts it; nothing is revealed to anyone.
/// </summary>
public sealed class ResealPersonalData(PoliceGridDb db, PersonalDataVault vault, AuditTrail audit)
{
    const int Batch = 500;

    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var prefix = vault.CurrentKeyId + ":";
        var moved = await ResealAsync(db.Set<Resident>(), r => (r.IdNumberSealed != null && !r.IdNumberSealed.StartsWith(prefix)) || (r.PhoneSealed != null && !r.PhoneSealed.StartsWith(prefix)),
            r => { r.IdNumberSealed = Moved(SealedField.IdNumber, r.IdNumberSealed); r.PhoneSealed = Moved(SealedField.Phone, r.PhoneSealed); }, ct);
        moved += await ResealAsync(db.Set<House>(), h => h.OwnerPhoneSealed != null && !h.OwnerPhoneSealed.StartsWith(prefix),
            h => h.OwnerPhoneSealed = Moved(SealedField.Phone, h.OwnerPhoneSealed), ct);
        moved += await ResealAsync(db.Set<Organisation>(), o => o.ResponsiblePhoneSealed != null && !o.ResponsiblePhoneSealed.StartsWith(prefix),
            o => o.ResponsiblePhoneSealed = Moved(SealedField.Phone, o.ResponsiblePhoneSealed), ct);
        await audit.WriteAsync("register.reseal", detail: $"{moved} records moved to key {vault.CurrentKeyId}");
        return moved;
    }

    string? Moved(string field, string? sealedValue) => sealedValue is null ? null : vault.Reseal(field, sealedValue) ?? sealedValue;

    async Task<int> ResealAsync<T>(DbSet<T> records, System.Linq.Expressions.Expression<Func<T, bool>> stale, Action<T> reseal, CancellationToken ct)
        where T : RegisterRecord
    {
        var moved = 0;
        while (true)
        {
            var batch = await records.Where(stale).OrderBy(r => r.Id).Take(Batch).ToListAsync(ct);
            if (batch.Count == 0)
                return moved;
            foreach (var record in batch)
                reseal(record);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            moved += batch.Count;
        }
    }
}
