using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Shared;
using PoliceGrid.Web.Shared.Live;

namespace PoliceGrid.Web.Events;

public static class EventsApi
{
    public static void AddEvents(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EventsOptions>().BindConfiguration("Events").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<EventSettingsCache>();
        builder.Services.AddScoped<RouteEvent>();
        builder.Services.AddScoped<EventMessages>();
        builder.Services.AddScoped<ReportEvent>();
        builder.Services.AddScoped<ActOnEvent>();
        builder.Services.AddScoped<SplitEvent>();
        builder.Services.AddScoped<EventQueries>();
        builder.Services.AddScoped<EventFigures>();
        builder.Services.AddScoped<EditEventSettings>();
        builder.Services.AddScoped<EscalateOverdueEvents>();
        builder.Services.AddHostedService<EscalationSweep>();
        builder.Services.AddLiveTopicHandler(LiveTopic.EventSettings, (services, _) =>
        {
            services.GetRequiredService<EventSettingsCache>().Invalidate();
            return Task.CompletedTask;
        });
    }

    public static void MapEventsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/events").WithTags("Events").Requires(Capability.ReportEvents);
        api.MapPost("/", Report).WithName("ReportEvent").WithSummary("Report an event");
        api.MapGet("/", List).WithName("ListEvents").WithSummary("List the events in the viewer's area").Requires(Capability.HandleEvents);
        api.MapGet("/tasks", Tasks).WithName("ListEventTasks").WithSummary("List the events waiting for the viewer").Requires(Capability.HandleEvents);
        api.MapGet("/mine", Mine).WithName("ListMyEvents").WithSummary("List the events the viewer reported");
        api.MapGet("/{id:int}", Get).WithName("GetEvent").WithSummary("Get an event with its steps");
        api.MapGet("/photos/{photoId:long}", Photo).WithName("GetEventPhoto").WithSummary("Get a photo of an event");
        api.MapPost("/{id:int}/accept", Accept).WithName("AcceptEvent").WithSummary("Accept an event");
        api.MapPost("/{id:int}/dispatch", Dispatch).WithName("DispatchEvent").WithSummary("Dispatch an event to a unit or person");
        api.MapPost("/{id:int}/start", Start).WithName("StartEvent").WithSummary("Start handling an event");
        api.MapPost("/{id:int}/handle", Handle).WithName("HandleEvent").WithSummary("Mark an event handled");
        api.MapPost("/{id:int}/verify", Verify).WithName("VerifyEvent").WithSummary("Verify a handled event and close it");
        api.MapPost("/{id:int}/return", Return).WithName("ReturnEvent").WithSummary("Return a handled event for rework");
        api.MapPost("/{id:int}/merge", Merge).WithName("MergeEvent").WithSummary("Merge an event into another");
        api.MapPost("/{id:int}/cancel", Cancel).WithName("CancelEvent").WithSummary("Cancel an event");
        api.MapPost("/{id:int}/escalate", Escalate).WithName("EscalateEvent").WithSummary("Escalate an event one level");
        api.MapPost("/{id:int}/confidential", MarkConfidential).WithName("MarkEventConfidential").WithSummary("Mark an event police-confidential");
        api.MapPost("/{id:int}/split", Split).WithName("SplitEvent").WithSummary("Split an event into new events").Requires(Capability.SuperviseEvents);
        api.MapGet("/figures", Figures).WithName("GetEventFigures").WithSummary("Get the closure figures of an area").Requires(Capability.HandleEvents);

        app.MapEventSettingsApi();
        app.MapGet("/api/event-categories", Categories).WithTags("Events").WithName("ListEventCategories").WithSummary("List the active event categories")
            .Requires(Capability.ReportEvents);
    }

    static async Task<Results<Created<EventView>, ContentHttpResult, ProblemHttpResult>> Report(ReportEvent.Request request, HttpRequest http,
        AccessPolicy access, ReportEvent report, CancellationToken ct)
    {
        var viewer = await access.CurrentAsync();
        var key = http.Headers["Idempotency-Key"].FirstOrDefault();
        var result = await report.RunAsync(new ReportEvent.Reporter(viewer, viewer.DisplayName, ReportEvent.SourceOf(viewer.Role)), request, key, ct);
        if (!result.IsDone)
            // The one conflict of a report is an Idempotency-Key reused for another body, which the Idempotency-Key draft answers with 422.
            return result.Outcome == Outcome.Conflict ? Problems.Of(StatusCodes.Status422UnprocessableEntity, result.Message!) : result.ToProblem();
        var (e, json) = result.Value!;
        // A replay answers with the stored body, byte for byte.
        if (json is not null)
        {
            http.HttpContext.Response.StatusCode = StatusCodes.Status201Created;
            http.HttpContext.Response.Headers.Location = $"/api/events/{e.Id}";
            return TypedResults.Content(json, "application/json", System.Text.Encoding.UTF8, StatusCodes.Status201Created);
        }
        return TypedResults.Created($"/api/events/{e.Id}", e);
    }

    static async Task<Ok<IReadOnlyList<EventQueries.EventRow>>> List([AsParameters] EventQueries.Filter filter, AccessPolicy access, EventQueries queries) =>
        TypedResults.Ok((await queries.ListAsync(await access.CurrentAsync(), filter)).Rows);

    static async Task<Ok<IReadOnlyList<EventQueries.EventRow>>> Tasks(AccessPolicy access, EventQueries queries) =>
        TypedResults.Ok(await queries.TasksAsync(await access.CurrentAsync()));

    static async Task<Ok<IReadOnlyList<EventQueries.EventRow>>> Mine(AccessPolicy access, EventQueries queries) =>
        TypedResults.Ok(await queries.MineAsync(await access.CurrentAsync()));

    static async Task<Results<Ok<EventView>, ProblemHttpResult>> Get(int id, AccessPolicy access, EventQueries queries)
    {
        var details = await queries.DetailsAsync(await access.CurrentAsync(), id);
        return details is null ? await access.OutOfScope("event", Id(id)) : TypedResults.Ok(details.View);
    }

    static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Photo(long photoId, AccessPolicy access, EventQueries queries)
    {
        var photo = await queries.PhotoAsync(await access.CurrentAsync(), photoId);
        return photo is null
            ? await access.OutOfScope("event-photo", photoId.ToString(CultureInfo.InvariantCulture))
                        // Typed by its bytes, so a file stored before photos were checked cannot come back as a page.
            : TypedResults.File(photo.Content, ReportEvent.ImageTypeOf(photo.Content) ?? "application/octet-stream", photo.FileName);
    }

    static Task<Results<Ok<EventView>, ProblemHttpResult>> Accept(int id, ActOnEvent.Request request, AccessPolicy access, ActOnEvent act, EventQueries queries) =>
        Act(id, EventAction.Accept, request, access, act, queries);

    static Task<Results<Ok<EventView>, ProblemHttpResult>> Dispatch(int id, ActOnEvent.Request request, AccessPolicy access, ActOnEvent act, EventQueries queries) =>
        Act(id, EventAction.Dispatch, request, access, act, queries);

    static Task<Results<Ok<EventView>, ProblemHttpResult>> Start(int id, ActOnEvent.Request request, AccessPolicy access, ActOnEvent act, EventQueries queries) =>
        Act(id, EventAction.Start, request, access, act, queries);

    static Task<Results<Ok<EventView>, ProblemHttpResult>> Handle(int id, ActOnEvent.Request request, AccessPolicy access, ActOnEvent act, EventQueries queries) =>
        Act(id, EventAction.Handle, request, access, act, queries);

    static Task<Results<Ok<EventView>, ProblemHttpResult>> Verify(int id, ActOnEvent.Request request, AccessPolicy access, ActOnEvent act, EventQueries queries) =>
        Act(id, EventAction.Verify, request, access, act, queries);

    static Task<Results<Ok<EventView>, ProblemHttpResult>> Return(int id, ActOnEvent.Request request, AccessPolicy access, ActOnEvent act, EventQueries queries) =>
        Act(id, EventAction.Return, request, access, act, queries);

    static Task<Results<Ok<EventView>, ProblemHttpResult>> Merge(int id, ActOnEvent.Request request, AccessPolicy access, ActOnEvent act, EventQueries queries) =>
        Act(id, EventAction.Merge, request, access, act, queries);

    static Task<Results<Ok<EventView>, ProblemHttpResult>> Cancel(int id, ActOnEvent.Request request, AccessPolicy access, ActOnEvent act, EventQueries queries) =>
        Act(id, EventAction.Cancel, request, access, act, queries);

    static Task<Results<Ok<EventView>, ProblemHttpResult>> Escalate(int id, ActOnEvent.Request request, AccessPolicy access, ActOnEvent act, EventQueries queries) =>
        Act(id, EventAction.Escalate, request, access, act, queries);

    static Task<Results<Ok<EventView>, ProblemHttpResult>> MarkConfidential(int id, ActOnEvent.Request request, AccessPolicy access, ActOnEvent act, EventQueries queries) =>
        Act(id, EventAction.MarkConfidential, request, access, act, queries);

    static async Task<Results<Ok<EventView>, ProblemHttpResult>> Act(int id, EventAction action, ActOnEvent.Request request,
        AccessPolicy access, ActOnEvent act, EventQueries queries)
    {
        var viewer = await access.CurrentAsync();
        var result = await act.RunAsync(viewer, id, action, request);
        if (result.IsDone)
            return TypedResults.Ok(await ViewAsync(viewer, id, queries));
        // A conflict shows the event as someone else left it.
        return await ProblemAsync(result, id, access, result.Outcome == Outcome.Conflict ? await ViewAsync(viewer, id, queries) : null);
    }

    static async Task<EventView> ViewAsync(Viewer viewer, int id, EventQueries queries) =>
        (await queries.DetailsAsync(viewer, id))?.View ?? throw new InvalidOperationException("The event vanished.");

    static async Task<Results<Ok<IReadOnlyList<EventView>>, ProblemHttpResult>> Split(int id, SplitEvent.Request request, AccessPolicy access, SplitEvent split)
    {
        var result = await split.RunAsync(await access.CurrentAsync(), id, request);
        return result.IsDone ? TypedResults.Ok(result.Value) : await ProblemAsync(result, id, access);
    }

    /// <summary>An event outside the viewer's scope answers as one that does not exist, and leaves a denied audit row.</summary>
    static async Task<ProblemHttpResult> ProblemAsync(Result result, int id, AccessPolicy access, object? current = null) =>
        result.Outcome == Outcome.NotFound ? await access.OutOfScope("event", Id(id)) : result.ToProblem(current);

    static async Task<Ok<IReadOnlyList<EventQueries.CategoryRow>>> Categories(EventQueries queries) =>
        TypedResults.Ok(await queries.ActiveCategoriesAsync());

    static async Task<Results<Ok<EventFigures.Report>, ProblemHttpResult>> Figures([AsParameters] EventFigures.Query query, AccessPolicy access, EventFigures figures)
    {
        var viewer = await access.CurrentAsync();
        var report = await figures.RunAsync(viewer, query);
        return report is null ? await access.OutOfScope("unit", Id(query.UnitId ?? 0)) : TypedResults.Ok(report);
    }

    static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
