using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace PoliceGrid.Web.Shared;

/// <summary>Problem responses that carry their message in both languages.</summary>
public static class Problems
{
    public static ProblemHttpResult Of(int status, Text message, object? errors = null)
    {
        var problem = new ProblemDetails { Status = status, Title = message.ToString() };
        problem.Extensions["zh"] = message.Zh;
        problem.Extensions["en"] = message.En;
        if (errors is not null)
            problem.Extensions["errors"] = errors;
        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult BadRequest(Text message, object? errors = null) => Of(StatusCodes.Status400BadRequest, message, errors);

    public static readonly Text NotFoundText = new("Shell.NotFound");

    public static readonly Text RefusedText = new("Shell.ThisCannotBeDone");

    public static ProblemHttpResult NotFound() => Of(StatusCodes.Status404NotFound, NotFoundText);

    public static ProblemHttpResult Conflict(Text message) => Of(StatusCodes.Status409Conflict, message);

    /// <summary>A 409 that carries the record as it is now, so the caller sees what changed.</summary>
    public static ProblemHttpResult Conflict(Text message, object current)
    {
        var result = Of(StatusCodes.Status409Conflict, message);
        result.ProblemDetails.Extensions["current"] = current;
        return result;
    }
}
