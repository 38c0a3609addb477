using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using PoliceGrid.Web.Data;

namespace PoliceGrid.Web.Accounts;

/// <summary>
/// Identity's store, plus what every password set needs whichever path sets it (create, change): when it was set,
/// for rotation, and the hashes of the ones before, so none of the last <see cref="RememberedPasswords"/> is reused.
/// </summary>
public sealed class AccountStore(PoliceGridDb db, TimeProvider clock, IdentityErrorDescriber? describer = null)
    : UserOnlyStore<Account, PoliceGridDb, int>(db, describer)
{
    /// <summary>The current password and the four before it.</summary>
    public const int RememberedPasswords = 5;

    // A rehash of the same password (after a change of hashing options) also passes here; it counts as a change.
    public override Task SetPasswordHashAsync(Account user, string? passwordHash, CancellationToken cancellationToken = default)
    {
        if (user.PasswordHash is { } previous && previous != passwordHash)
            user.PreviousPasswordHashes = string.Join('\n', PreviousHashes(user).Prepend(previous).Take(RememberedPasswords - 1));
        user.PasswordChangedAt = clock.GetUtcNow().UtcDateTime;
        return base.SetPasswordHashAsync(user, passwordHash, cancellationToken);
    }

    public static IEnumerable<string> PreviousHashes(Account user) =>
        (user.PreviousPasswordHashes ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
