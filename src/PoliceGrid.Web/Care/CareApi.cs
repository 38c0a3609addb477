using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Care;

public static class CareApi
{
    public static void AddCare(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CareOptions>().BindConfiguration("Care").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<CareQueries>();
        builder.Services.AddScoped<CareFigures>();
        builder.Services.AddScoped<OpenCareCases>();
        builder.Services.AddScoped<RecordVisit>();
        builder.Services.AddScoped<ChangeCareCase>();
        builder.Services.AddScoped<EditCarePlan>();
        builder.Services.AddScoped<EscalateMissedVisits>();
        builder.Services.AddScoped<IPersonSeen, CareClock>();
        builder.Services.AddScoped<CareDemo>();
        builder.Services.AddHostedService<CareSweep>();
    }

    public static void MapCareApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/care").WithTags("Care").Requires(Capability.VisitCare);
        api.MapGet("/today", Today).WithName("ListTodaysVisits").WithSummary("Who is due or overdue today in the viewer's grids, nearest first from lon/lat");
        api.MapGet("/cases/{id:int}", Get).WithName("GetCareCase").WithSummary("A person's care case with its plan, visits and risk history");
        api.MapPost("/cases/{id:int}/visits", Visit).WithName("RecordVisit").WithSummary("Record a visit; one that finds something wrong raises an event");
        api.MapPut("/cases/{id:int}", Change).WithName("ChangeCareCase").WithSummary("Change a case's risk level (with a reason) or its guardian");
        api.MapGet("/figures", Figures).WithName("GetCareFigures").WithSummary("Care figures by grid, village, township or group");
        var plans = app.MapGroup("/api/care/plans").WithTags("Care");
        plans.MapGet("/", Plans).WithName("ListCarePlans").WithSummary("The care plans of each group, defaults and counties' own").Requires(Capability.VisitCare, Capability.KeepCarePlans);
        plans.MapPut("/", Edit).WithName("EditCarePlan").WithSummary("Set a group's default plan or a county's own").Requires(Capability.KeepCarePlans);
    }

    static async Task<Ok<IReadOnlyList<CareQueries.Due>>> Today(double? lon, double? lat, AccessPolicy access, CareQueries care) =>
        TypedResults.Ok(await care.TodayAsync(await access.CurrentAsync(), lon, lat));

    static async Task<Results<Ok<CareQueries.Details>, ProblemHttpResult>> Get(int id, AccessPolicy access, CareQueries care) =>
        await care.DetailsAsync(await access.CurrentAsync(), id) is { } found ? TypedResults.Ok(found) : await access.OutOfScope("care-case", id.ToString(CultureInfo.InvariantCulture));

    static async Task<Results<Ok<RecordVisit.Recorded>, ProblemHttpResult>> Visit(int id, RecordVisit.Request request, AccessPolicy access, RecordVisit record) =>
        (await record.RunAsync(await access.CurrentAsync(), id, request)).ToOk();

    static async Task<Results<NoContent, ProblemHttpResult>> Change(int id, ChangeCareCase.Request request, AccessPolicy access, ChangeCareCase change) =>
        (await change.RunAsync(await access.CurrentAsync(), id, request)).ToNoContent();

    static async Task<Ok<IReadOnlyList<CareFigures.Row>>> Figures(string? by, AccessPolicy access, CareFigures figures) =>
        TypedResults.Ok(await figures.ByAsync(await access.CurrentAsync(), Enum.TryParse<CareFigures.By>(by, true, out var b) ? b : CareFigures.By.Grid));

    static async Task<Ok<IReadOnlyList<CarePlan>>> Plans(AccessPolicy access, CareQueries care) =>
        TypedResults.Ok(await care.PlansAsync(await access.CurrentAsync()));

    static async Task<Results<Ok<int>, ProblemHttpResult>> Edit(EditCarePlan.Request request, AccessPolicy access, EditCarePlan edit) =>
        (await edit.RunAsync(await access.CurrentAsync(), request)).ToOk();
}
