using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;

namespace PoliceGrid.Web.Shared;

/// <summary>
/// For plain HTML forms that post to an endpoint and are sent back to a page (post, redirect, get): the antiforgery
/// check, a safe way back, and the result's message. The message travels in a short-lived cookie the server protects
/// and the target page shows once (<see cref="FormResult"/>), never in the URL, where anyone could write one that an
/// official page would then show.
/// </summary>
public static class FormPosts
{
    const string ResultCookie = "policegrid.result";

    /// <summary>A problem when the form's antiforgery token is missing or wrong; null when the form may be read.</summary>
    public static IResult? Expired(HttpContext http) =>
        http.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false }
            ? Problems.BadRequest(new Text("Shell.ThePageHasExpiredGoBack"))
            : null;

    /// <summary>The path if it stays on this site (as LocalRedirect accepts it), else the home page.</summary>
    public static string LocalPath(string? path) =>
        path is { Length: > 0 } && path[0] == '/' && (path.Length == 1 || path[1] is not ('/' or '\\')) && !path.Any(char.IsControl) ? path : "/";

    /// <summary>Back to a local page, which shows <paramref name="message"/> once.</summary>
    public static IResult Back(HttpContext http, string? path, Text message, bool ok)
    {
        var local = LocalPath(path);
        var result = new Result(PathOf(local), ok, message.Zh, message.En);
        http.Response.Cookies.Append(HostPrefixCookies.NameFor(http, ResultCookie), Protector(http).Protect(JsonSerializer.Serialize(result)),
            CookieOptions(http, TimeSpan.FromMinutes(5)));
        return TypedResults.LocalRedirect(local);
    }

    public sealed record Result(string Path, bool Ok, string Zh, string En);

    /// <summary>The result a form left for this page, taken once; null when there is none or it was meant for another page.</summary>
    public static Result? Take(HttpContext http)
    {
        var name = HostPrefixCookies.NameFor(http, ResultCookie);
        if (!http.Request.Cookies.TryGetValue(name, out var value))
            return null;
        if (!http.Response.HasStarted)
            http.Response.Cookies.Delete(name, CookieOptions(http, null));
        try
        {
            var result = JsonSerializer.Deserialize<Result>(Protector(http).Unprotect(value));
            return result is not null && result.Path == (http.Request.PathBase + http.Request.Path).Value ? result : null;
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    static string PathOf(string local) => local.Split('?', '#')[0];

    static IDataProtector Protector(HttpContext http) =>
        http.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector("PoliceGrid.FormResult");

    static CookieOptions CookieOptions(HttpContext http, TimeSpan? maxAge) => HostPrefixCookies.Secured(http,
        new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", MaxAge = maxAge, IsEssential = true });
}
