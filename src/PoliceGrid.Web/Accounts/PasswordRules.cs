using Microsoft.AspNetCore.Identity;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Accounts;

/// <summary>
/// At least 8 characters drawn from at least 3 of: lower case, upper case, digits, symbols; not a common or breached
/// password, not the product's name, the user name or (outside demo mode) the demo password; not one of the account's
/// last five. Checked on the server for every password set, whichever page or API sets it.
/// </summary>
public sealed class PasswordRules(AccountSettings settings) : IPasswordValidator<Account>
{
    public const int MinimumLength = 8;

    public Task<IdentityResult> ValidateAsync(UserManager<Account> manager, Account user, string? password)
    {
        var problem = Check(password) ?? InContext(user, password!, settings.Demo) ?? Reused(manager, user, password!);
        return Task.FromResult(problem is null
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError { Code = "PasswordRules", Description = problem.ToString() }));
    }

    public static Text? Check(string? password)
    {
        password ??= "";
        var classes = new[]
        {
            password.Any(char.IsLower), password.Any(char.IsUpper), password.Any(char.IsDigit),
            password.Any(c => !char.IsLetterOrDigit(c)),
        }.Count(present => present);
        return password.Length < MinimumLength || classes < 3
            ? new Text("Accounts.ThePasswordNeedsAtLeast8")
            : null;
    }

    /// <summary>Passwords an attacker tries first: common and breached ones, and the words of this product and account.</summary>
    public static Text? InContext(Account user, string password, bool demo)
    {
        if (password == DemoSeed.Password)
            return demo ? null : new Text("Accounts.TheDemoPasswordCannotBeUsed");
        var folded = password.ToLowerInvariant();
        if (folded.Contains("policegrid", StringComparison.Ordinal) || password.Contains("警网", StringComparison.Ordinal))
            return new Text("Accounts.ThePasswordCannotContainTheProducts");
        if (user.UserName is { Length: >= 3 } name && folded.Contains(name.ToLowerInvariant(), StringComparison.Ordinal))
            return new Text("Accounts.ThePasswordCannotContainTheUser");
        if (CommonPasswords.Value.Contains(folded))
            return new Text("Accounts.ThisPasswordIsCommonOrKnown");
        return null;
    }

    static Text? Reused(UserManager<Account> manager, Account user, string password)
    {
        var hashes = AccountStore.PreviousHashes(user).Prepend(user.PasswordHash).OfType<string>();
        return hashes.Any(hash => manager.PasswordHasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Failed)
            ? new Text("Accounts.ThePasswordCannotBeOneOf", AccountStore.RememberedPasswords)
            : null;
    }

    /// <summary>Accounts/Passwords/common-passwords.txt (see SOURCES.md there), lower case.</summary>
    static readonly Lazy<HashSet<string>> CommonPasswords = new(() =>
    {
        using var stream = typeof(PasswordRules).Assembly.GetManifestResourceStream("accounts/common-passwords.txt")!;
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0)
                set.Add(line.ToLowerInvariant());
        return set;
    });
}
