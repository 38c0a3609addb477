using Microsoft.AspNetCore.Identity;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Accounts;

/// <summary>At least 8 characters drawn from at least 3 of: lower case, upper case, digits, symbols.</summary>
public sealed class PasswordRules : IPasswordValidator<Account>
{
    public const int MinimumLength = 8;

    public Task<IdentityResult> ValidateAsync(UserManager<Account> manager, Account user, string? password)
    {
        var problem = Check(password);
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
            ? new Text("密码至少8位，且包含大写字母、小写字母、数字、符号中的至少3类",
                "The password needs at least 8 characters from at least 3 of: upper case, lower case, digits, symbols")
            : null;
    }
}
