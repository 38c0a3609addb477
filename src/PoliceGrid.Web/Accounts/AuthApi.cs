using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Accounts;

public static class AuthApi
{
    public static void MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/auth").WithTags("Auth");
        // Throttled inside SignIn, which the sign-in page shares.
        api.MapPost("/login", Login).WithName("Login").AllowAnonymous().DisableAntiforgery()
            .WithSummary("Sign in with user name, password and, where enrolled, a second-factor code");
        api.MapPost("/logout", Logout).WithName("Logout").RequireAuthorization().WithSummary("Sign out and end every session of the account");
        api.MapGet("/me", Me).WithName("Me").RequireAuthorization().WithSummary("Get the signed-in account and what it must do first");
        api.MapPost("/password", ChangePassword).WithName("ChangePassword").RequireAuthorization().WithSummary("Change the signed-in account's password");
        api.MapGet("/two-factor", TwoFactorKey).WithName("TwoFactorKey").RequireAuthorization().WithSummary("Get the key to enrol an authenticator app");
        api.MapPost("/two-factor", ConfirmTwoFactor).WithName("EnrolTwoFactor").RequireAuthorization()
            .WithSummary("Confirm the authenticator app with a code from it");
    }

    public sealed record LoginRequest(string? UserName, string? Password, string? Code);

    public sealed record SignedIn(string UserName, string DisplayName, string Role, string Side, int UnitId, string? Pending = null, string? Session = null);

    static async Task<Results<Ok<SignedIn>, ProblemHttpResult>> Login(LoginRequest request, SignIn signIn, AccountSettings settings, TimeProvider clock, HttpContext http)
    {
        var outcome = await signIn.AttemptAsync(request.UserName, request.Password, request.Code);
        if (outcome.Account is { } account)
            return TypedResults.Ok(new SignedIn(account.UserName!, account.DisplayName, account.Role.ToString(), account.Side.ToString(), account.UnitId,
                settings.Pending(account, clock.GetUtcNow().UtcDateTime)));
        if (outcome.Status == SignInStatus.Throttled)
        {
            http.Response.Headers.RetryAfter = outcome.RetryAfterSeconds;
            return Problems.Of(StatusCodes.Status429TooManyRequests, outcome.Message);
        }
        var problem = Problems.Of(StatusCodes.Status401Unauthorized, outcome.Message);
        if (outcome.Status is SignInStatus.CodeNeeded or SignInStatus.CodeRefused)
            problem.ProblemDetails.Extensions["codeNeeded"] = true;
        return problem;
    }

    static async Task<NoContent> Logout(SignIn signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }

    static async Task<Ok<SignedIn>> Me(AccessPolicy access, HttpContext http)
    {
        var viewer = await access.CurrentAsync();
        var session = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        return TypedResults.Ok(new SignedIn(viewer.UserName, viewer.DisplayName, viewer.Role.ToString(), viewer.Side.ToString(), viewer.Unit.Id,
            http.User.FindFirst(AccountSettings.PendingClaim)?.Value, SessionValidator.SessionOf(session.Properties)));
    }

    public sealed record PasswordChange(string? CurrentPassword, string? NewPassword);

    static async Task<Results<NoContent, ProblemHttpResult>> ChangePassword(PasswordChange request, ChangePassword change) =>
        (await change.RunAsync(request.CurrentPassword, request.NewPassword)).ToNoContent();

    public sealed record AuthenticatorKey(string Key, string Grouped, string Uri);

    static async Task<Results<Ok<AuthenticatorKey>, ProblemHttpResult>> TwoFactorKey(EnrolTwoFactor enrol) => (await enrol.KeyAsync()).ToOk();

    public sealed record TwoFactorCode(string? Code);

    static async Task<Results<NoContent, ProblemHttpResult>> ConfirmTwoFactor(TwoFactorCode request, EnrolTwoFactor enrol) =>
        (await enrol.ConfirmAsync(request.Code)).ToNoContent();
}
