using Microsoft.AspNetCore.Http.HttpResults;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Events;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.CommandRoom;

public static class CommandRoomApi
{
    public static void AddCommandRoom(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<Directives>();
    }

    public static void MapCommandRoomApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Command room").Requires(Capability.ReportEvents);
        api.MapGet("/command-room/board", Board).WithName("GetBoard").WithSummary("Get the command room's board").Requires(Capability.CommandRoom);
        api.MapGet("/directives", ListDirectives).WithName("ListDirectives").WithSummary("List the directives in the viewer's area").Requires(Capability.HandleEvents);
        api.MapPost("/directives", IssueDirective).WithName("IssueDirective").WithSummary("Issue a directive to a unit or person").Requires(Capability.IssueDirectives);
        api.MapPost("/directives/{id:int}/acknowledge", AcknowledgeDirective).WithName("AcknowledgeDirective").WithSummary("Acknowledge a directive");
        api.MapPost("/directives/{id:int}/answer", AnswerDirective).WithName("AnswerDirective").WithSummary("Answer a directive");
    }

    static async Task<Ok<EventQueries.Board>> Board(AccessPolicy access, EventQueries queries) =>
        TypedResults.Ok(await queries.BoardAsync(await access.CurrentAsync()));

    static async Task<Ok<IReadOnlyList<Directives.Row>>> ListDirectives(AccessPolicy access, Directives directives) =>
        TypedResults.Ok(await directives.ListAsync(await access.CurrentAsync()));

    static async Task<Results<Created<Directives.Row>, ProblemHttpResult>> IssueDirective(Directives.Order order, AccessPolicy access, Directives directives)
    {
        var result = await directives.IssueAsync(await access.CurrentAsync(), order);
        return result.IsDone ? TypedResults.Created($"/api/directives/{result.Value!.Id}", result.Value) : result.ToProblem();
    }

    static Task<Results<Ok<Directives.Row>, ProblemHttpResult>> AcknowledgeDirective(int id, Directives.Answer answer, AccessPolicy access, Directives directives) =>
        Respond(id, Directives.Step.Acknowledge, answer, access, directives);

    static Task<Results<Ok<Directives.Row>, ProblemHttpResult>> AnswerDirective(int id, Directives.Answer answer, AccessPolicy access, Directives directives) =>
        Respond(id, Directives.Step.Answer, answer, access, directives);

    static async Task<Results<Ok<Directives.Row>, ProblemHttpResult>> Respond(int id, Directives.Step step, Directives.Answer answer, AccessPolicy access, Directives directives)
    {
        var result = await directives.RespondAsync(await access.CurrentAsync(), id, step, answer);
        if (result.Outcome == Outcome.NotFound)
            return await access.OutOfScope("directive", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return result.ToOk();
    }
}
