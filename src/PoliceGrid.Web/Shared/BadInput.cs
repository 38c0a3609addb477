using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;

namespace PoliceGrid.Web.Shared;

/// <summary>
/// A request body or parameter the API cannot read gets a 400 that says what is wrong, in both languages: an unknown
/// JSON field (refused, never dropped silently), malformed JSON, a value of the wrong type.
/// </summary>
public sealed partial class BadInput : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad || context.Response.HasStarted)
            return false;
        await Problems.Of(bad.StatusCode, Describe(bad)).ExecuteAsync(context);
        return true;
    }

    static Text Describe(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            var path = json.Path is { Length: > 1 } p ? p.TrimStart('$', '.') : null;
            if (UnmappedProperty().Match(json.Message) is { Success: true } unknown)
                return new Text("Shell.UnknownField0IsNotAccepted", unknown.Groups[1].Value);
            return path is null
                ? new Text("Shell.TheJSONIsMalformed")
                : new Text("Shell.TheValueOfField0Is", path);
        }
        return bad.StatusCode == StatusCodes.Status415UnsupportedMediaType
            ? new Text("Shell.TheRequestBodyMustBeJSON")
            : new Text("Shell.TheRequestCouldNotBeRead");
    }

    [GeneratedRegex("The JSON property '([^']*)' could not be mapped")]
    private static partial Regex UnmappedProperty();
}
