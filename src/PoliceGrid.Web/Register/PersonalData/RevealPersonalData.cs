using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Register.Records;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Register.PersonalData;

/// <summary>Shows a person's full ID and phone number: a separate action, with a reason, left in the audit trail.</summary>
public sealed class RevealPersonalData(PoliceGridDb db, PersonalDataVault vault, AuditTrail audit)
{
    public sealed record Revealed(string? IdNumber, string? Phone);

    public async Task<Result<Revealed>> ResidentAsync(int id, string? reason, Viewer viewer)
    {
        var resident = await db.Set<Resident>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id);
        if (resident is null || !AccessPolicy.InArea(resident.AreaPath, viewer))
            return Result.NotFound().As<Revealed>();
        var why = reason?.Trim() ?? "";
        if (why.Length is < 2 or > 200)
            return Result.Invalid(new Text("Register.SayWhyYouNeedTheFull")).As<Revealed>();
        await audit.WriteAsync("register.reveal", nameof(RecordType.Resident), id.ToString(CultureInfo.InvariantCulture), detail: why);
        return new Revealed(
            resident.IdNumberSealed is { } idNumber ? vault.Open(SealedField.IdNumber, idNumber) : null,
            resident.PhoneSealed is { } phone ? vault.Open(SealedField.Phone, phone) : null);
    }
}
