using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;
using PoliceGrid.Web.Shared.Live;

namespace PoliceGrid.Web.Units;

public static class UnitsApi
{
    public static void AddUnits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<UnitsOptions>().BindConfiguration("Units").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<UnitLocator>();
        builder.Services.AddLiveTopicHandler(LiveTopic.Units, (services, ct) => services.GetRequiredService<UnitLocator>().RefreshAsync(ct));
        builder.Services.AddScoped<UnitLayout>();
        builder.Services.AddScoped<ImportUnits>();
        builder.Services.AddScoped<UnitQueries>();
        builder.Services.AddScoped<EditUnits>();
    }

    public static void MapUnitsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/units").Requires(Capability.SeeUnits).WithTags("Units");
        api.MapGet("/", ListUnits).WithName("ListUnits").WithSummary("List the units under a parent, or find units by name or code");
        api.MapGet("/locate", Locate).WithName("LocateUnit").WithSummary("Find the grid and its chain of units at a point");
        api.MapGet("/{id:int}", GetUnit).WithName("GetUnit").WithSummary("Get a unit with its chain, children, staff and police district");
        api.MapGet("/{id:int}/outlines", GetOutlines).WithName("GetUnitOutlines").WithSummary("Get the outlines of a unit and its children as GeoJSON");

        var admin = app.MapGroup("/api/units").Requires(Capability.AdministerUnits).WithTags("Units");
        admin.MapPost("/import", Import).WithName("ImportUnits").DisableAntiforgery().WithSummary("Import divisions (CSV) and county outlines (GeoJSON)");
        admin.MapPut("/{id:int}", Edit).WithName("EditUnit").WithSummary("Rename a unit or move a grid to another police district");
        admin.MapPost("/{id:int}/merge", Merge).WithName("MergeDistricts").WithSummary("Merge a police district into another");
        admin.MapPost("/{id:int}/split", Split).WithName("SplitDistrict").WithSummary("Split grids off a police district into a new one");
        admin.MapPut("/outlines", ReplaceOutlines).WithName("ReplaceOutlines").DisableAntiforgery().WithSummary("Replace outlines with surveyed ones");
    }

    static async Task<Ok<IReadOnlyList<UnitQueries.UnitRow>>> ListUnits(int? parentId, string? q, UnitQueries queries, AccessPolicy access) =>
        TypedResults.Ok(await queries.ListAsync(await access.CurrentAsync(), parentId, q));

    static async Task<Results<Ok<UnitQueries.UnitDetails>, ProblemHttpResult>> GetUnit(int id, UnitQueries queries, AccessPolicy access)
    {
        var details = await queries.DetailsAsync(await access.CurrentAsync(), id);
        return details is null ? await access.OutOfScope("unit", id.ToString(System.Globalization.CultureInfo.InvariantCulture)) : TypedResults.Ok(details);
    }

    static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetOutlines(int id, UnitQueries queries, AccessPolicy access)
    {
        var json = await queries.OutlinesAsync(await access.CurrentAsync(), id);
        return json is null ? await access.OutOfScope("unit", id.ToString(System.Globalization.CultureInfo.InvariantCulture)) : TypedResults.Content(json, "application/geo+json");
    }

    static Results<Ok<UnitLocator.Chain>, ProblemHttpResult> Locate(double? lon, double? lat, UnitLocator locator)
    {
        if (lon is not (>= -180 and <= 180) || lat is not (>= -90 and <= 90))
            return Result.Invalid(new Text("Units.Lon180To180AndLat")).ToProblem();
        return locator.Locate(lon.Value, lat.Value) is { } chain
            ? TypedResults.Ok(chain)
            : new Result(Outcome.NotFound, new Text("Shell.ThisPointLiesInNoGrid")).ToProblem();
    }

    static async Task<Results<Ok<ImportUnits.Summary>, ProblemHttpResult>> Import(IFormFileCollection files, ImportUnits import, CancellationToken ct)
    {
        var divisions = files.GetFile("divisions");
        if (divisions is null)
            return Result.Invalid(new Text("Units.TheDivisionsFileCSVIsMissing")).ToProblem();
        await using var divisionStream = divisions.OpenReadStream();
        await using var outlineStream = files.GetFile("outlines")?.OpenReadStream();
        return (await import.RunAsync(divisionStream, outlineStream, ct)).ToOk();
    }

    static async Task<Results<Ok<UnitQueries.UnitRow>, ProblemHttpResult>> Edit(int id, EditUnits.Change change, EditUnits edit) =>
        (await edit.ChangeAsync(id, change)).ToOk();

    static async Task<Results<Ok<UnitQueries.UnitRow>, ProblemHttpResult>> Merge(int id, EditUnits.MergeRequest request, EditUnits edit) =>
        (await edit.MergeAsync(id, request)).ToOk();

    static async Task<Results<Ok<UnitQueries.UnitRow>, ProblemHttpResult>> Split(int id, EditUnits.SplitRequest request, EditUnits edit) =>
        (await edit.SplitAsync(id, request)).ToOk();

    static async Task<Results<Ok<UnitQueries.UnitRow>, ProblemHttpResult>> ReplaceOutlines(HttpRequest request, EditUnits edit, CancellationToken ct)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);
        body.Position = 0;
        return (await edit.ReplaceOutlinesAsync(body, ct)).ToOk();
    }
}
