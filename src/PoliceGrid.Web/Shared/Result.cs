using Microsoft.AspNetCore.Http.HttpResults;

namespace PoliceGrid.Web.Shared;

/// <summary>How a use case ended. Every use case answers with a <see cref="Result"/> carrying one of these.</summary>
public enum Outcome { Done, NotFound, Forbidden, Conflict, Invalid }

/// <summary>A problem with one field of a form or request, named as the form names it.</summary>
public sealed record FieldProblem(string Field, Text Message);

/// <summary>
/// What a use case came to: done, not found, forbidden, in conflict with the record's current state, or invalid
/// with the problems of each field. The API maps it to HTTP in <see cref="ResultHttp"/>, pages to a message in
/// <see cref="ResultMessages"/>; neither decides anything else.
/// </summary>
public record Result(Outcome Outcome, Text? Message = null, IReadOnlyList<FieldProblem>? Problems = null)
{
    public bool IsDone => Outcome == Outcome.Done;

    public IReadOnlyList<FieldProblem> FieldProblems => Problems ?? [];

    /// <summary>
    /// What the problem is about when it is no single field's: the rows of a file, a tiling report. It goes in the
    /// problem's <c>errors</c> when there are no field problems: <c>Result.Invalid(why) with { Details = report }</c>.
    /// </summary>
    public object? Details { get; init; }

    public static readonly Result Done = new(Outcome.Done);

    public static Result NotFound() => new(Outcome.NotFound);

    public static Result Forbidden(Text why) => new(Outcome.Forbidden, why);

    public static Result Conflict(Text why) => new(Outcome.Conflict, why);

    public static Result Invalid(Text why, IReadOnlyList<FieldProblem>? problems = null) => new(Outcome.Invalid, why, problems);

    /// <summary>A result that did not end in done, carried over to a use case that answers with a value.</summary>
    public Result<T> As<T>() =>
        IsDone ? throw new InvalidOperationException("A done result has no failure to carry.") : new(Outcome, default, Message, Problems) { Details = Details };

    public static Result Invalid(IReadOnlyList<FieldProblem> problems) => new(Outcome.Invalid, problems.Count > 0 ? problems[0].Message : null, problems);
}

/// <summary>A <see cref="Result"/> that, when done, carries what was made or found; when in conflict, it may carry the current state.</summary>
public sealed record Result<T>(Outcome Outcome, T? Value = default, Text? Message = null, IReadOnlyList<FieldProblem>? Problems = null)
    : Result(Outcome, Message, Problems)
{
    public static implicit operator Result<T>(T value) => new(Outcome.Done, value);
}

/// <summary>The one place where a use case's result becomes an HTTP answer.</summary>
public static class ResultHttp
{
    public static int StatusOf(Outcome outcome) => outcome switch
    {
        Outcome.Done => StatusCodes.Status200OK,
        Outcome.NotFound => StatusCodes.Status404NotFound,
        Outcome.Forbidden => StatusCodes.Status403Forbidden,
        Outcome.Conflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>The problem response for a result that did not end in done; field problems go in <c>errors</c>.</summary>
    public static ProblemHttpResult ToProblem(this Result result, object? current = null)
    {
        if (result.IsDone)
            throw new InvalidOperationException("A done result is not a problem.");
        var message = result.Message ?? (result.Outcome == Outcome.NotFound ? Problems.NotFoundText : Problems.RefusedText);
        var errors = result.FieldProblems.Count > 0
            ? result.FieldProblems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray())
            : result.Details;
        var problem = Problems.Of(StatusOf(result.Outcome), message, errors);
        if (current is not null)
            problem.ProblemDetails.Extensions["current"] = current;
        return problem;
    }

    public static Results<Ok<T>, ProblemHttpResult> ToOk<T>(this Result<T> result) =>
        result.IsDone ? TypedResults.Ok(result.Value) : result.ToProblem();

    public static Results<NoContent, ProblemHttpResult> ToNoContent(this Result result) =>
        result.IsDone ? TypedResults.NoContent() : result.ToProblem();
}

/// <summary>The one place where a use case's result becomes what a page shows: one message and the problems by field.</summary>
public static class ResultMessages
{
    public static Text MessageOf(Result result, Text done) =>
        result.IsDone ? done : result.Message ?? (result.Outcome == Outcome.NotFound ? Problems.NotFoundText : Problems.RefusedText);

    public static IReadOnlyDictionary<string, Text> FieldErrors(Result result) =>
        result.FieldProblems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.First().Message);
}
