using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Accounts;

/// <summary>
/// One person, one account: the mobile, ID and police numbers of a new account are checked against the staff records,
/// which the Staff feature keeps and answers for (Accounts uses no feature). Numbers that do not read give field
/// problems; a number that already belongs to someone gives a conflict whose details are that <see cref="PersonOnRecord"/>;
/// otherwise the numbers are written onto the new account as a staff record holds them.
/// </summary>
public interface IPersonRecords
{
    Task<Result> CheckAsync(Account account, string? mobile, string? idNumber, string? policeNumber, CancellationToken ct = default);
}

/// <summary>The record a number already belongs to, and the page where it is kept (and given a sign-in).</summary>
public sealed record PersonOnRecord(int Id, string Name, string UnitName, bool SignsIn, string Page);
