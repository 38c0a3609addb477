using Microsoft.AspNetCore.Antiforgery;

namespace PoliceGrid.Web.Shared;

/// <summary>
/// Cross-site request forgery on the API: a browser sends the sign-in cookie with a form another site posts, so a
/// state-changing /api request signed in by cookie must carry JSON (which a cross-site form cannot send without a
/// CORS preflight we never grant) or a valid antiforgery token (header <c>RequestVerificationToken</c>, from
/// <c>GET /api/antiforgery</c>), and an Origin, when given, must be this site.
/// </summary>
public static class ApiRequestGuard
{
    public static void MapAntiforgeryToken(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/antiforgery", (HttpContext http, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            return TypedResults.Ok(new { token = tokens.RequestToken, header = tokens.HeaderName });
        }).RequireAuthorization().WithName("GetAntiforgeryToken").WithTags("Auth") // every signed-in account (reviewed in AccessModelTests)
        .WithSummary("Get an antiforgery token for state-changing API calls signed in by cookie");

    /// <summary>After authentication: only requests signed in by cookie are checked.</summary>
    public static void UseApiRequestGuard(this WebApplication app) =>
        app.UseWhen(Applies, guarded => guarded.Use(async (context, next) =>
        {
            if (await RefusalAsync(context) is { } refusal)
            {
                await refusal.ExecuteAsync(context);
                return;
            }
            await next(context);
        }));

    static bool Applies(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") && context.User.Identity?.IsAuthenticated == true
        && !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method));

    static async Task<IResult?> RefusalAsync(HttpContext context)
    {
        var request = context.Request;
        var site = $"{request.Scheme}://{request.Host}";
        if (request.Headers.Origin.FirstOrDefault() is { } origin && !string.Equals(origin, site, StringComparison.OrdinalIgnoreCase)
            || request.Headers["Sec-Fetch-Site"].FirstOrDefault() is "cross-site" or "same-site")
            return Problems.Of(StatusCodes.Status403Forbidden, new Text("Shell.RequestsFromAnotherSiteAreRefused"));
        if (request.HasJsonContentType())
            return null;
        var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
        if (await antiforgery.IsRequestValidAsync(context))
            return null;
        return request.ContentType is null || request.HasFormContentType
            ? Problems.BadRequest(new Text("Shell.TheRequestHasNoValidAntiforgery"))
            : Problems.Of(StatusCodes.Status415UnsupportedMediaType, new Text("Shell.TheRequestBodyMustBeJSON"));
    }
}
