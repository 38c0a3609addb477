using System.Globalization;
using Microsoft.AspNetCore.Localization;
using PoliceGrid.Web.Access;
using Microsoft.Extensions.Localization;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Components;

namespace PoliceGrid.Web.Shared;

/// <summary>The product's shell: server-rendered pages, the two languages, error pages, sign-in and sign-out forms.</summary>
public static class Shell
{
    public const string LanguageCookie = "policegrid.lang";

    public static void AddShell(this WebApplicationBuilder builder)
    {
        // The one clock every feature reads (tests replace it).
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ProductMetrics>();
        builder.Services.AddRazorComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        builder.Services.AddScoped<Lang>();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddExceptionHandler<BadInput>();
        // A body or parameter that cannot be read reaches BadInput, which says why, instead of an empty 400.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.AddSecurityHeaders();
        builder.Services.AddOptions<MapOptions>().BindConfiguration("Map").ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<MapOptions>, MapOptions.Validation>();
        // Chinese text goes out as text, not as &#x...; entities: a third of the bytes on a slow phone connection.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            options.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
            // A field we do not know is refused, not dropped: a client that thinks it set it learns that it did not.
            options.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow;
        });
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = new[] { new CultureInfo("zh-CN"), new CultureInfo("en") };
            options.DefaultRequestCulture = new RequestCulture("zh-CN");
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.RequestCultureProviders = [new CookieRequestCultureProvider { CookieName = LanguageCookie }];
        });
    }

    public static void UseShell(this WebApplication app)
    {
        app.UseSecurityHeaders();
        // People get an error page; API clients get a problem response and the status as it is. The pages' handler sits
        // on the main pipeline, outermost, because only there does it route /error again: in a branch the error page
        // went unrouted, met the fallback policy and told a signed-in person "not allowed". The API's handler, inside
        // it, answers API errors first.
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseWhen(IsApi, api => api.UseExceptionHandler());
        // A fresh scope: re-executing in the failed request's scope reuses its already-initialised NavigationManager and throws.
        app.UseWhen(context => !IsApi(context), pages => pages.UseStatusCodePagesWithReExecute("/error/{0}", createScopeForStatusCodePages: true));
        app.UseRequestLocalization();
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = SecurityHeaders.MarkStaticFile });
        app.UseAuthentication();
        app.UseSignInGate();
        app.UseApiRequestGuard();
        app.UseAuthorization();
        app.UseViewerBeforePages();
        app.UseOfflinePages();
        app.UseRateLimiter();
        app.UseAntiforgery();
    }

    /// <summary>Requests from programs rather than people: they get status codes and problem responses, never a redirect to a page.</summary>
    public static bool IsApi(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/open311")
        || context.Request.Path.StartsWithSegments("/openapi");

    /// <summary>
    /// The OpenAPI document of the whole API at /openapi/v1.json. It names every route, parameter and record shape of
    /// the register and the events, so only the system administrator (who connects other systems, such as the 12345
    /// hotline) reads it; it is not published to every signed-in account, citizens included.
    /// </summary>
    public static void MapApiDescription(this WebApplication app) =>
        app.MapOpenApi().Requires(Capability.ReadApiDescription);

    public static void MapPages(this WebApplication app)
    {
        app.MapRazorComponents<App>();
        app.MapAntiforgeryToken();
        app.MapPost("/logout", async (SignIn signIn, HttpContext http) =>
        {
            await signIn.SignOutAsync();
            http.Response.Headers["Clear-Site-Data"] = OfflinePages.ClearSiteData;
            return TypedResults.LocalRedirect("/login");
        }).RequireAuthorization().ExcludeFromDescription();
        app.MapGet("/language/{code}", (string code, string? back, HttpContext http) =>
        {
            var culture = code == "en" ? "en" : "zh-CN";
            http.Response.Cookies.Append(LanguageCookie, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax });
            return TypedResults.LocalRedirect(FormPosts.LocalPath(back));
        }).AllowAnonymous().ExcludeFromDescription();
    }
}

/// <summary>The words of the current request's language: <c>L["Key"]</c>, <c>L["Key", args]</c>, <c>L[text]</c>, <c>L[enumValue]</c>.</summary>
public sealed class Lang(IStringLocalizerFactory factory)
{
    readonly IStringLocalizer words = factory.Create("Words", typeof(Lang).Assembly.GetName().Name!);

    public bool English => Words.IsEnglish(CultureInfo.CurrentUICulture);

    public string this[string key] => words[key];

    public string this[string key, params object?[] args] => words[key, Words.Render(args, CultureInfo.CurrentUICulture)!];

    public string this[Text text] => text.In(CultureInfo.CurrentUICulture);

    public string this[Enum value] => Words.Label(value).In(CultureInfo.CurrentUICulture);


    public string this[(string Zh, string En) label] => English ? label.En : label.Zh;
}
