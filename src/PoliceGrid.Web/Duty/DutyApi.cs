using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Events;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Duty;

public static class DutyApi
{
    public static void AddDuty(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DutyOptions>().BindConfiguration("Duty").ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DutyOptions>, DutyOptions.Validation>();
        builder.Services.AddScoped<DutyRota>();
        builder.Services.AddScoped<IOnDutyLookup>(services => services.GetRequiredService<DutyRota>());
        builder.Services.AddScoped<AssignDuty>();
        builder.Services.AddScoped<RemoveDuty>();
        builder.Services.AddScoped<CopyLastWeek>();
        builder.Services.AddScoped<RequestSwap>();
        builder.Services.AddScoped<DecideSwap>();
        builder.Services.AddScoped<WriteHandover>();
        builder.Services.AddScoped<DutyDemo>();
        builder.Services.AddScoped<PoliceGrid.Web.Delivery.IEscalationLeaders, LeaderOnDutyLookup>();
    }

    public static void MapDutyApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/duty").WithTags("Duty").Requires(Capability.ReadDutyRota);
        api.MapGet("/rota", GetRota).WithName("GetDutyRota").WithSummary("Get a unit's duty rota for a week");
        api.MapGet("/now", OnDutyNow).WithName("GetOnDutyNow").WithSummary("Get who is on duty now at the viewer's units");
        api.MapGet("/staff", Staff).WithName("ListDutyStaff").WithSummary("List the staff who may be put on a unit's rota").Requires(Capability.KeepDutyRota);
        api.MapPost("/shifts", Assign).WithName("AssignDuty").WithSummary("Put a person in a seat of a shift").Requires(Capability.KeepDutyRota);
        api.MapDelete("/shifts/{id:int}", Remove).WithName("RemoveDuty").WithSummary("Take a person off a shift").Requires(Capability.KeepDutyRota);
        api.MapPost("/copies", Copy).WithName("CopyLastWeek").WithSummary("Copy last week's rota into the empty slots of a week").Requires(Capability.KeepDutyRota);
        api.MapPost("/swaps", RequestSwapOf).WithName("RequestSwap").WithSummary("Ask to swap one's entry with another of the rota");
        api.MapPost("/swaps/{id:int}/approve", Approve).WithName("ApproveSwap").WithSummary("Approve a swap of two entries").Requires(Capability.KeepDutyRota);
        api.MapPost("/swaps/{id:int}/refuse", Refuse).WithName("RefuseSwap").WithSummary("Refuse a swap of two entries").Requires(Capability.KeepDutyRota);
        api.MapPut("/handovers", Handover).WithName("WriteHandover").WithSummary("Write the hand-over note of a shift");
    }

    static async Task<Results<Ok<DutyRota.Week>, ProblemHttpResult>> GetRota(int? unitId, DateOnly? week, AccessPolicy access, DutyRota rota)
    {
        var viewer = await access.CurrentAsync();
        var unit = unitId is { } id ? await rota.UnitAsync(id) : await rota.DefaultUnitAsync(viewer);
        var found = unit is null ? null : await rota.WeekAsync(viewer, unit, week ?? rota.Today);
        return found is null ? await access.OutOfScope("unit", unitId?.ToString(CultureInfo.InvariantCulture) ?? "") : TypedResults.Ok(found);
    }

    static async Task<Ok<IReadOnlyList<DutyRota.Now>>> OnDutyNow(AccessPolicy access, DutyRota rota) =>
        TypedResults.Ok(await rota.NowAsync(await access.CurrentAsync()));

    static async Task<Results<Ok<IReadOnlyList<DutyRota.Person>>, ProblemHttpResult>> Staff(int unitId, AccessPolicy access, DutyRota rota)
    {
        var viewer = await access.CurrentAsync();
        var unit = await rota.UnitAsync(unitId);
        if (unit is null || !DutyRota.MayKeep(unit, viewer))
            return await access.OutOfScope("unit", unitId.ToString(CultureInfo.InvariantCulture));
        return TypedResults.Ok(await rota.StaffOfAsync(unit));
    }

    static async Task<Results<Created<int>, ProblemHttpResult>> Assign(AssignDuty.Request request, AccessPolicy access, AssignDuty assign)
    {
        var result = await assign.RunAsync(await access.CurrentAsync(), request);
        return result.IsDone ? TypedResults.Created($"/api/duty/shifts/{result.Value}", result.Value) : result.ToProblem();
    }

    static async Task<Results<NoContent, ProblemHttpResult>> Remove(int id, AccessPolicy access, RemoveDuty remove) =>
        (await remove.RunAsync(await access.CurrentAsync(), id)).ToNoContent();

    static async Task<Results<Ok<int>, ProblemHttpResult>> Copy(CopyLastWeek.Request request, AccessPolicy access, CopyLastWeek copy) =>
        (await copy.RunAsync(await access.CurrentAsync(), request)).ToOk();

    static async Task<Results<Created<int>, ProblemHttpResult>> RequestSwapOf(RequestSwap.Request request, AccessPolicy access, RequestSwap swap)
    {
        var result = await swap.RunAsync(await access.CurrentAsync(), request);
        return result.IsDone ? TypedResults.Created($"/api/duty/swaps/{result.Value}", result.Value) : result.ToProblem();
    }

    static async Task<Results<NoContent, ProblemHttpResult>> Approve(int id, AccessPolicy access, DecideSwap decide) =>
        (await decide.RunAsync(await access.CurrentAsync(), id, approve: true)).ToNoContent();

    static async Task<Results<NoContent, ProblemHttpResult>> Refuse(int id, AccessPolicy access, DecideSwap decide) =>
        (await decide.RunAsync(await access.CurrentAsync(), id, approve: false)).ToNoContent();

    static async Task<Results<NoContent, ProblemHttpResult>> Handover(WriteHandover.Request request, AccessPolicy access, WriteHandover write) =>
        (await write.RunAsync(await access.CurrentAsync(), request)).ToNoContent();
}
