using Microsoft.AspNetCore.Antiforgery;

namespace PoliceGrid.Web.Shared;

/// <summary>
/// For plain HTML forms that post to an endpoint and are sent back to a page (post, redirect, get): the antiforgery
/// check and the redirect that carries the result's message in both languages.
/// </summary>
public static class FormPosts
{
    /// <summary>A problem when the form's antiforgery token is missing or wrong; null when the form may be read.</summary>
    public static IResult? Expired(HttpContext http) =>
        http.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false }
            ? Problems.BadRequest(new Text("页面已过期，请返回刷新后重试", "The page has expired; go back, reload and try again"))
            : null;

    /// <summary>Back to a local page, with <c>ok</c>, <c>msg</c> and <c>msgEn</c> for it to show.</summary>
    public static IResult Back(string path, Text message, bool ok)
    {
        var local = path.StartsWith('/') && !path.StartsWith("//", StringComparison.Ordinal) ? path : "/";
        var joiner = local.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return TypedResults.LocalRedirect($"{local}{joiner}ok={(ok ? 1 : 0)}&msg={Uri.EscapeDataString(message.Zh)}&msgEn={Uri.EscapeDataString(message.En)}");
    }
}
