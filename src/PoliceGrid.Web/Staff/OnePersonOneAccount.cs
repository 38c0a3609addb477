using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Register.PersonalData;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Staff;

/// <summary>
/// Answers Accounts' <see cref="IPersonRecords"/>: a new account's numbers are read as a staff record reads them, and one
/// that already belongs to a person (with or without a sign-in) refuses the account, pointing to her record.
/// </summary>
public sealed class OnePersonOneAccount(PoliceGridDb db, StaffStore store, PersonalDataVault vault) : IPersonRecords
{
    public async Task<Result> CheckAsync(Account account, string? mobile, string? idNumber, string? policeNumber, CancellationToken ct = default)
    {
        var problems = new List<FieldProblem>();
        var (phone, number, id) = StaffRules.CheckNumbers(mobile, policeNumber, idNumber, store.Today, problems);
        if (problems.Count > 0)
            return Result.Invalid(problems);
        var sealedId = id is null ? null : vault.Protect(SealedField.IdNumber, id.Value, IdNumber.Mask);
        var idHash = sealedId?.Hash;
        if (phone is not null || number is not null || idHash is not null)
        {
            var holder = await (from a in db.Users.AsNoTracking()
                                where (phone != null && a.PhoneNumber == phone) || (number != null && a.PoliceNumber == number) || (idHash != null && a.IdNumberHash == idHash)
                                join u in db.Units on a.UnitId equals u.Id
                                orderby a.Id
                                select new { a.Id, a.DisplayName, UnitName = u.Name, SignsIn = a.PasswordHash != null }).FirstOrDefaultAsync(ct);
            if (holder is { } h)
            {
                var record = new PersonOnRecord(h.Id, h.DisplayName, h.UnitName, h.SignsIn, $"/staff/{h.Id.ToString(CultureInfo.InvariantCulture)}");
                return Result.Conflict(new Text("Staff.ThisPersonIsOnRecordAlready", Text.Literal(record.Name), Text.Literal(record.UnitName), record.Page))
                    with { Details = record };
            }
        }
        (account.PhoneNumber, account.PoliceNumber) = (phone, number);
        (account.IdNumberSealed, account.IdNumberHash, account.IdNumberMasked) = (sealedId?.Sealed, sealedId?.Hash, sealedId?.Masked);
        return Result.Done;
    }
}
