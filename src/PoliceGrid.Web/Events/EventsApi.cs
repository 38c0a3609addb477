using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.CommandRoom;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Events;

public static class EventsApi
{
    public static void AddEvents(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EventsOptions>().BindConfiguration("Events").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<EventSettingsCache>();
        builder.Services.AddScoped<RouteEvent>();
        builder.Services.AddScoped<ReportEvent>();
        builder.Services.AddScoped<ActOnEvent>();
        builder.Services.AddScoped<SplitEvent>();
        builder.Services.AddScoped<EventQueries>();
        builder.Services.AddScoped<EventFigures>();
        builder.Services.AddScoped<EditEventSettings>();
        builder.Services.AddScoped<EscalateOverdueEvents>();
        builder.Services.AddHostedService<EscalationSweep>();
    }

    public static void MapEventsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/events").Requires(Capability.ReportEvents);
        api.MapPost("/", Report).WithName("ReportEvent");
        api.MapGet("/", List).WithName("ListEvents").Requires(Capability.HandleEvents);
        api.MapGet("/tasks", Tasks).WithName("ListEventTasks").Requires(Capability.HandleEvents);
        api.MapGet("/mine", Mine).WithName("ListMyEvents");
        api.MapGet("/{id:int}", Get).WithName("GetEvent");
        api.MapGet("/photos/{photoId:long}", Photo).WithName("GetEventPhoto");
        foreach (var action in EventRules.Actions.Where(a => a != EventRules.Split))
            api.MapPost("/{id:int}/" + action, (int id, ActOnEvent.Request request, AccessPolicy access, ActOnEvent act, EventQueries queries) =>
                Act(id, action, request, access, act, queries)).WithName(ActionName(action));
        api.MapPost("/{id:int}/split", Split).WithName("SplitEvent").Requires(Capability.SuperviseEvents);
        api.MapGet("/figures", Figures).WithName("GetEventFigures").Requires(Capability.HandleEvents);

        app.MapEventSettingsApi();
        app.MapGet("/api/event-categories", Categories).Requires(Capability.ReportEvents).WithName("ListEventCategories");
    }

    static string ActionName(string action) => action switch
    {
        EventRules.MarkConfidential => "MarkEventConfidential",
        EventRules.Return => "ReturnEvent",
        _ => char.ToUpperInvariant(action[0]) + action[1..] + "Event",
    };

    static async Task<Results<Created<EventView>, ContentHttpResult, ProblemHttpResult>> Report(ReportEvent.Request request, HttpRequest http,
        AccessPolicy access, ReportEvent report, CancellationToken ct)
    {
        var viewer = await access.CurrentAsync();
        var key = http.Headers["Idempotency-Key"].FirstOrDefault();
        var outcome = await report.RunAsync(new ReportEvent.Reporter(viewer, viewer.DisplayName, ReportEvent.SourceOf(viewer.Role)), request, key, ct);
        if (outcome.Event is not { } e)
            return Problems.Of(outcome.Status, outcome.Problem!, outcome.Errors);
        // A replay answers with the stored body, byte for byte.
        if (outcome.Json is { } json)
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

    internal static async Task<Results<Ok<EventView>, ProblemHttpResult>> Act(int id, string action, ActOnEvent.Request request,
        AccessPolicy access, ActOnEvent act, EventQueries queries)
    {
        var viewer = await access.CurrentAsync();
        var outcome = await act.RunAsync(viewer, id, action, request);
        return outcome.Result switch
        {
            ActOnEvent.Result.Done => TypedResults.Ok((await queries.DetailsAsync(viewer, id))!.View),
            ActOnEvent.Result.NotFound => await access.OutOfScope("event", Id(id)),
            ActOnEvent.Result.Forbidden => Problems.Of(StatusCodes.Status403Forbidden, outcome.Problem!),
            ActOnEvent.Result.Conflict => Problems.Conflict(outcome.Problem!, await CurrentAsync(viewer, outcome.Event!, queries)),
            _ => Problems.BadRequest(outcome.Problem!),
        };
    }

    static async Task<EventView> CurrentAsync(Viewer viewer, Event e, EventQueries queries) =>
        (await queries.DetailsAsync(viewer, e.Id))?.View ?? throw new InvalidOperationException("The event vanished.");

    static async Task<Results<Ok<IReadOnlyList<EventView>>, ProblemHttpResult>> Split(int id, SplitEvent.Request request, AccessPolicy access, SplitEvent split)
    {
        var viewer = await access.CurrentAsync();
        var outcome = await split.RunAsync(viewer, id, request);
        return outcome.Result switch
        {
            ActOnEvent.Result.Done => TypedResults.Ok(outcome.Created!),
            ActOnEvent.Result.NotFound => await access.OutOfScope("event", Id(id)),
            ActOnEvent.Result.Forbidden => Problems.Of(StatusCodes.Status403Forbidden, outcome.Problem!),
            ActOnEvent.Result.Conflict => Problems.Of(StatusCodes.Status409Conflict, outcome.Problem!),
            _ => Problems.BadRequest(outcome.Problem!),
        };
    }

    public sealed record CategoryRow(int Id, string Code, string MajorCode, string MajorName, string MajorNameEn, string Name, string NameEn,
        bool IsPolice, HandlerSide DefaultHandler, string? Department, bool Confidential);

    static async Task<Ok<List<CategoryRow>>> Categories(PoliceGridDb db) =>
        TypedResults.Ok(await db.EventCategories.AsNoTracking().Where(c => c.Active).OrderBy(c => c.Code)
            .Select(c => new CategoryRow(c.Id, c.Code, c.MajorCode, c.MajorName, c.MajorNameEn, c.Name, c.NameEn, c.IsPolice, c.DefaultHandler, c.Department, c.Confidential))
            .ToListAsync());

    static async Task<Results<Ok<EventFigures.Report>, ProblemHttpResult>> Figures([AsParameters] EventFigures.Query query, AccessPolicy access, EventFigures figures)
    {
        var viewer = await access.CurrentAsync();
        var report = await figures.RunAsync(viewer, query);
        return report is null ? await access.OutOfScope("unit", Id(query.UnitId ?? 0)) : TypedResults.Ok(report);
    }

    static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
