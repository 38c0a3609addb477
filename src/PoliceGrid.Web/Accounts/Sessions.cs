using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Accounts;

/// <summary>
/// Checks every signed-in request against the database, so a session ends on every instance at once when the account
/// is signed out, disabled, changes its password, is given another role or unit, or an administrator ends its sessions
/// (each rotates the security stamp or changes what the cookie says), and ends anyway after the absolute lifetime.
/// Nothing is kept in memory, so two instances behind one PostgreSQL agree.
/// </summary>
public sealed class SessionValidator(PoliceGridDb db, TimeProvider clock, AccountSettings settings, IOptions<IdentityOptions> identity)
    : ISecurityStampValidator
{
    const string StartedItem = ".policegrid.started";
    const string SessionItem = ".policegrid.session";

    /// <summary>A new session id and start time for a new sign-in; a refreshed sign-in keeps both (fixation, absolute lifetime).</summary>
    public static Task BeginAsync(CookieSigningInContext context)
    {
        if (!context.Properties.Items.ContainsKey(StartedItem))
        {
            var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            context.Properties.Items[StartedItem] = now.ToString("O", CultureInfo.InvariantCulture);
            context.Properties.Items[SessionItem] = Guid.NewGuid().ToString("N");
        }
        return Task.CompletedTask;
    }

    public static string? SessionOf(AuthenticationProperties? properties) => properties is not null && properties.Items.TryGetValue(SessionItem, out var session) ? session : null;

    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (await IsCurrentAsync(context.Principal, context.Properties))
            return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    async Task<bool> IsCurrentAsync(ClaimsPrincipal? principal, AuthenticationProperties properties)
    {
        if (principal?.AccountId() is not { } id
            || !properties.Items.TryGetValue(StartedItem, out var startedText)
            || !DateTimeOffset.TryParse(startedText, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var started)
            || clock.GetUtcNow() - started > settings.AbsoluteSession)
            return false;
        var account = await db.Users.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new { a.SecurityStamp, a.Role, a.UnitId, a.DisabledAt }).SingleOrDefaultAsync();
        return account is not null && account.DisabledAt is null
            && account.SecurityStamp == principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType)
            && principal.Role() == account.Role
            && principal.FindFirstValue(ClaimsPrincipalExtensions.UnitClaim) == account.UnitId.ToString(CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// An account that must change its password or enrol a second factor can do only that (and sign out): APIs answer 403
/// saying so, pages send it to the page where it does it.
/// </summary>
public static class SignInGate
{
    public const string PasswordPage = "/account/password";
    public const string TwoFactorPage = "/account/two-factor";

    // The antiforgery token is what the change-password and enrolment forms post with, so it stays reachable too.
    static readonly string[] Open = [PasswordPage, TwoFactorPage, "/api/auth", "/api/antiforgery", "/logout", "/login", "/language", "/error", "/denied"];

    public static void UseSignInGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var pending = context.User.FindFirstValue(AccountSettings.PendingClaim);
        if (pending is null || Open.Any(path => context.Request.Path.StartsWithSegments(path)))
        {
            await next(context);
            return;
        }
        var page = pending == AccountSettings.PendingPassword ? PasswordPage : TwoFactorPage;
        if (Shell.IsApi(context))
        {
            var problem = Problems.Of(StatusCodes.Status403Forbidden, Message(pending));
            problem.ProblemDetails.Extensions["pending"] = pending;
            problem.ProblemDetails.Extensions["location"] = page;
            await problem.ExecuteAsync(context);
        }
        else
            context.Response.Redirect(page);
    });

    public static Text Message(string pending) => pending == AccountSettings.PendingPassword
        ? new Text("Accounts.YourPasswordIsAFirstPassword")
        : new Text("Accounts.EnrolAnAuthenticatorSecondFactorFirst");
}
