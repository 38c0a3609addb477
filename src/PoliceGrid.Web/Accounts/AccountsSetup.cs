using Microsoft.AspNetCore.DataProtection;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Accounts;

public static class AccountsSetup
{
    public static void AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddHttpContextAccessor();
        // One key ring for every node, in the database (see DatabaseKeyRing); the application name keeps it one ring
        // whatever folder each node runs from.
        services.AddDataProtection().SetApplicationName("PoliceGrid");
        services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>()
            .Configure<IServiceScopeFactory>((o, scopes) => o.XmlRepository = new DatabaseKeyRing(scopes));
        services.AddScoped<SignIn>();
        services.AddScoped<ApproveGrant>();
        services.AddScoped<CreateAccount>();
        services.AddScoped<ActOnAccount>();
        services.AddScoped<ChangePassword>();
        services.AddScoped<EnrolTwoFactor>();
        services.AddOptions<AccountOptions>().BindConfiguration("Security").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AccountSettings>();
        services.AddSingleton<SignInThrottle>();

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddIdentityCore<Account>(options =>
            {
                options.Password.RequiredLength = PasswordRules.MinimumLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = false;
            })
            .AddUserStore<AccountStore>()
            .AddPasswordValidator<PasswordRules>()
            .AddClaimsPrincipalFactory<AccountClaimsFactory>()
            .AddTokenProvider<SingleUseAuthenticator>(TokenOptions.DefaultAuthenticatorProvider)
            .AddSignInManager();
        // Every request checks its session against the database (ValidationInterval zero), on every instance alike.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero);
        services.Replace(ServiceDescriptor.Scoped<ISecurityStampValidator, SessionValidator>());

        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "policegrid.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            // __Host-policegrid.auth and Secure when the request came over HTTPS (directly or through a known proxy).
            cookie.CookieManager = new PoliceGrid.Web.Shared.HostPrefixCookies();
            cookie.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            cookie.SlidingExpiration = true;
            cookie.LoginPath = "/login";
            cookie.AccessDeniedPath = "/denied";
            // API clients get status codes, people get the sign-in page.
            cookie.Events.OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden);
            cookie.Events.OnSigningIn = SessionValidator.BeginAsync;
        });

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after))
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(after.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
        });
    }

    static Task Answer(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (Shell.IsApi(context.HttpContext))
            context.Response.StatusCode = status;
        else
            context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}

/// <summary>Puts the account's role, unit and side into its cookie, and what it must do first (change its password, enrol a second factor).</summary>
public sealed class AccountClaimsFactory(Microsoft.AspNetCore.Identity.UserManager<Account> users, IOptions<IdentityOptions> options,
    AccountSettings settings, TimeProvider clock)
    : UserClaimsPrincipalFactory<Account>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Account account)
    {
        var identity = await base.GenerateClaimsAsync(account);
        identity.AddClaim(new Claim(ClaimTypes.Role, account.Role.ToString()));
        identity.AddClaim(new Claim(ClaimsPrincipalExtensions.UnitClaim, account.UnitId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(ClaimsPrincipalExtensions.SideClaim, account.Side.ToString()));
        identity.AddClaim(new Claim("policegrid:name", account.DisplayName));
        if (settings.Pending(account, clock.GetUtcNow().UtcDateTime) is { } pending)
            identity.AddClaim(new Claim(AccountSettings.PendingClaim, pending));
        return identity;
    }
}
public static class ClaimsPrincipalExtensions
{
    public const string UnitClaim = "policegrid:unit";
    public const string SideClaim = "policegrid:side";

    public static int? AccountId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static Role? Role(this ClaimsPrincipal user) =>
        Enum.TryParse<Role>(user.FindFirstValue(ClaimTypes.Role), out var role) ? role : null;
}
