using Microsoft.AspNetCore.Http.HttpResults;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Events;

namespace PoliceGrid.Web.CommandRoom;

public static class CommandRoomApi
{
    public static void AddCommandRoom(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<Directives>();
    }

    public static void MapCommandRoomApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").Requires(Capability.ReportEvents);
        api.MapGet("/command-room/board", Board).WithName("GetBoard").Requires(Capability.CommandRoom);
        api.MapGet("/directives", ListDirectives).WithName("ListDirectives").Requires(Capability.HandleEvents);
        api.MapPost("/directives", IssueDirective).WithName("IssueDirective").Requires(Capability.IssueDirectives);
        api.MapPost("/directives/{id:int}/acknowledge", (int id, Directives.Answer answer, AccessPolicy access, Directives directives) =>
            Respond(id, Directives.Acknowledge, answer, access, directives)).WithName("AcknowledgeDirective");
        api.MapPost("/directives/{id:int}/answer", (int id, Directives.Answer answer, AccessPolicy access, Directives directives) =>
            Respond(id, Directives.Reply, answer, access, directives)).WithName("AnswerDirective");
    }

    static async Task<Ok<EventQueries.Board>> Board(AccessPolicy access, EventQueries queries) =>
        TypedResults.Ok(await queries.BoardAsync(await access.CurrentAsync()));

    static async Task<Ok<IReadOnlyList<Directives.Row>>> ListDirectives(AccessPolicy access, Directives directives) =>
        TypedResults.Ok(await directives.ListAsync(await access.CurrentAsync()));

    static async Task<Results<Created<Directives.Row>, ProblemHttpResult>> IssueDirective(Directives.Order order, AccessPolicy access, Directives directives)
    {
        var outcome = await directives.IssueAsync(await access.CurrentAsync(), order);
        return outcome.Row is { } row ? TypedResults.Created($"/api/directives/{row.Id}", row) : Shared.Problems.Of(outcome.Status, outcome.Problem!);
    }

    static async Task<Results<Ok<Directives.Row>, ProblemHttpResult>> Respond(int id, string step, Directives.Answer answer, AccessPolicy access, Directives directives)
    {
        var outcome = await directives.RespondAsync(await access.CurrentAsync(), id, step, answer);
        if (outcome.Status == StatusCodes.Status404NotFound)
            return await access.OutOfScope("directive", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return outcome.Row is { } row ? TypedResults.Ok(row) : Shared.Problems.Of(outcome.Status, outcome.Problem!);
    }
}
