using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Events;

namespace PoliceGrid.Web.CommandRoom;

public static class CommandRoomApi
{
    public static void AddCommandRoom(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<LiveFeed>();
        builder.Services.AddSingleton<LiveListener>();
        builder.Services.AddHostedService(services => services.GetRequiredService<LiveListener>());
        builder.Services.AddScoped<Directives>();
    }

    public static void MapCommandRoomApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").Requires(Capability.ReportEvents);
        api.MapGet("/live", Live).WithName("LiveUpdates");
        api.MapGet("/command-room/board", Board).WithName("GetBoard").Requires(Capability.CommandRoom);
        api.MapGet("/directives", ListDirectives).WithName("ListDirectives").Requires(Capability.HandleEvents);
        api.MapPost("/directives", IssueDirective).WithName("IssueDirective").Requires(Capability.IssueDirectives);
        api.MapPost("/directives/{id:int}/acknowledge", (int id, Directives.Answer answer, AccessPolicy access, Directives directives) =>
            Respond(id, Directives.Acknowledge, answer, access, directives)).WithName("AcknowledgeDirective");
        api.MapPost("/directives/{id:int}/answer", (int id, Directives.Answer answer, AccessPolicy access, Directives directives) =>
            Respond(id, Directives.Reply, answer, access, directives)).WithName("AnswerDirective");
    }

    /// <summary>
    /// Server-sent events: one line per change the viewer may hear of (kind and id only; the page fetches what it may
    /// see). A comment every 15 s keeps proxies from closing the stream.
    /// </summary>
    static async Task Live(HttpContext http, AccessPolicy access, LiveFeed feed, CancellationToken ct)
    {
        var viewer = await access.CurrentAsync();
        using var subscription = feed.Subscribe();
        http.Response.Headers.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        await http.Response.WriteAsync("retry: 2000\n: connected\n\n", ct);
        await http.Response.Body.FlushAsync(ct);
        using var heartbeat = new PeriodicTimer(TimeSpan.FromSeconds(15));
        var tick = heartbeat.WaitForNextTickAsync(ct).AsTask();
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var next = subscription.Reader.WaitToReadAsync(ct).AsTask();
                if (await Task.WhenAny(next, tick) == tick)
                {
                    await http.Response.WriteAsync(": ping\n\n", ct);
                    await http.Response.Body.FlushAsync(ct);
                    tick = heartbeat.WaitForNextTickAsync(ct).AsTask();
                    await next.WaitAsync(ct);
                }
                if (!await next)
                    break;
                while (subscription.Reader.TryRead(out var message))
                {
                    if (!AccessPolicy.CanHear(message, viewer))
                        continue;
                    var data = JsonSerializer.Serialize(new { kind = message.Kind, id = message.Id });
                    await http.Response.WriteAsync($"event: change\ndata: {data}\n\n", ct);
                }
                await http.Response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException)
        {
            // The browser went away.
        }
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
