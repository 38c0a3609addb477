using Microsoft.AspNetCore.Http.HttpResults;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Accounts;

public static class AuthApi
{
    public static void MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/auth");
        api.MapPost("/login", Login).WithName("Login").AllowAnonymous().RequireRateLimiting(AccountsSetup.LoginRateLimit).DisableAntiforgery();
        api.MapPost("/logout", Logout).WithName("Logout").RequireAuthorization();
        api.MapGet("/me", Me).WithName("Me").RequireAuthorization();
    }

    public sealed record LoginRequest(string? UserName, string? Password);

    public sealed record SignedIn(string UserName, string DisplayName, string Role, string Side, int UnitId);

    static async Task<Results<Ok<SignedIn>, ProblemHttpResult>> Login(LoginRequest request, SignIn signIn)
    {
        var account = await signIn.AttemptAsync(request.UserName, request.Password);
        return account is null
            ? Problems.Of(StatusCodes.Status401Unauthorized, SignIn.Refused)
            : TypedResults.Ok(new SignedIn(account.UserName!, account.DisplayName, account.Role.ToString(), account.Side.ToString(), account.UnitId));
    }

    static async Task<NoContent> Logout(SignIn signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }

    static async Task<Ok<SignedIn>> Me(AccessPolicy access)
    {
        var viewer = await access.CurrentAsync();
        return TypedResults.Ok(new SignedIn(viewer.UserName, viewer.DisplayName, viewer.Role.ToString(), viewer.Side.ToString(), viewer.Unit.Id));
    }
}
