using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.DataProtection;

namespace PoliceGrid.Web.Shared;

/// <summary>
/// Page forms are Blazor forms; when one succeeds it sends the browser on to a page (post, redirect, get), so that
/// reloading does not post again, and leaves that page its message here. The message travels in a short-lived cookie
/// the server protects and the target page shows once (<see cref="FormResult"/>), never in the URL, where anyone could
/// write one that an official page would then show.
/// </summary>
public static class FormPosts
{
    const string ResultCookie = "policegrid.result";

    /// <summary>The path if it stays on this site (as LocalRedirect accepts it), else the home page.</summary>
    public static string LocalPath(string? path) =>
        path is { Length: > 0 } && path[0] == '/' && (path.Length == 1 || path[1] is not ('/' or '\\')) && !path.Any(char.IsControl) ? path : "/";

    /// <summary>Leaves <paramref name="message"/> for the local page at <paramref name="path"/>, which shows it once; returns that page's path.</summary>
    public static string ShowOnce(HttpContext http, string? path, Text message, bool ok)
    {
        var local = LocalPath(path);
        var result = new Result(PathOf(local), ok, message.Zh, message.En);
        http.Response.Cookies.Append(HostPrefixCookies.NameFor(http, ResultCookie), Protector(http).Protect(JsonSerializer.Serialize(result)),
            CookieOptions(http, TimeSpan.FromMinutes(5)));
        return local;
    }

    /// <summary>
    /// How a page form ends: done, it leaves <paramref name="done"/> for the page at <paramref name="path"/>, goes there
    /// and returns null; otherwise it returns the message the form shows where it is.
    /// </summary>
    public static Text? Finish(this NavigationManager navigation, HttpContext http, Shared.Result result, string path, Text done)
    {
        if (!result.IsDone)
            return ResultMessages.MessageOf(result, done);
        navigation.NavigateTo(ShowOnce(http, path, done, ok: true));
        return null;
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
