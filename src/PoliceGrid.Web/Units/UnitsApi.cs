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
        var api = app.MapGroup("/api/units").Requires(Capability.SeeUnits);
        api.MapGet("/", ListUnits).WithName("ListUnits");
        api.MapGet("/locate", Locate).WithName("LocateUnit");
        api.MapGet("/{id:int}", GetUnit).WithName("GetUnit");
        api.MapGet("/{id:int}/outlines", GetOutlines).WithName("GetUnitOutlines");

        var admin = app.MapGroup("/api/units").Requires(Capability.AdministerUnits);
        admin.MapPost("/import", Import).WithName("ImportUnits").DisableAntiforgery();
        admin.MapPut("/{id:int}", Edit).WithName("EditUnit");
        admin.MapPost("/{id:int}/merge", Merge).WithName("MergeDistricts");
        admin.MapPost("/{id:int}/split", Split).WithName("SplitDistrict");
        admin.MapPut("/outlines", ReplaceOutlines).WithName("ReplaceOutlines").DisableAntiforgery();
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
            return Problems.BadRequest(new Text("需要经度 lon（-180至180）和纬度 lat（-90至90）", "lon (-180 to 180) and lat (-90 to 90) are required"));
        return locator.Locate(lon.Value, lat.Value) is { } chain
            ? TypedResults.Ok(chain)
            : Problems.Of(StatusCodes.Status404NotFound, new Text("该位置不在任何网格内", "The point is outside every grid"));
    }

    static async Task<Results<Ok<ImportUnits.Summary>, ProblemHttpResult>> Import(IFormFileCollection files, ImportUnits import, CancellationToken ct)
    {
        var divisions = files.GetFile("divisions");
        if (divisions is null)
            return Problems.BadRequest(new Text("缺少 divisions 文件（CSV）", "The divisions file (CSV) is missing"));
        await using var divisionStream = divisions.OpenReadStream();
        await using var outlineStream = files.GetFile("outlines")?.OpenReadStream();
        var (summary, problems) = await import.RunAsync(divisionStream, outlineStream, ct);
        return summary is null
            ? Problems.BadRequest(new Text("文件有误，未导入任何数据", "The files have errors; nothing was imported"), problems)
            : TypedResults.Ok(summary);
    }

    static async Task<Results<Ok<UnitQueries.UnitRow>, ProblemHttpResult>> Edit(int id, EditUnits.Change change, EditUnits edit) =>
        Answer(await edit.ChangeAsync(id, change));

    static async Task<Results<Ok<UnitQueries.UnitRow>, ProblemHttpResult>> Merge(int id, EditUnits.MergeRequest request, EditUnits edit) =>
        Answer(await edit.MergeAsync(id, request));

    static async Task<Results<Ok<UnitQueries.UnitRow>, ProblemHttpResult>> Split(int id, EditUnits.SplitRequest request, EditUnits edit) =>
        Answer(await edit.SplitAsync(id, request));

    static async Task<Results<Ok<UnitQueries.UnitRow>, ProblemHttpResult>> ReplaceOutlines(HttpRequest request, EditUnits edit, CancellationToken ct)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);
        body.Position = 0;
        return Answer(await edit.ReplaceOutlinesAsync(body, ct));
    }

    static Results<Ok<UnitQueries.UnitRow>, ProblemHttpResult> Answer(EditUnits.Outcome outcome) => outcome switch
    {
        { Unit: { } unit } => TypedResults.Ok(unit),
        { NotFound: true } => Problems.NotFound(),
        _ => Problems.BadRequest(outcome.Problem!, outcome.Where),
    };
}
