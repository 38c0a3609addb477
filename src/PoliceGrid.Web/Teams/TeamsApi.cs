using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Delivery;
using PoliceGrid.Web.Shared;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Teams;

public static class TeamsApi
{
    public static void AddTeams(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<TeamQueries>();
        builder.Services.AddScoped<ITeamLookup>(services => services.GetRequiredService<TeamQueries>());
        builder.Services.AddScoped<IUnitTeams>(services => services.GetRequiredService<TeamQueries>());
        builder.Services.AddScoped<IEscalationLeaders>(services => services.GetRequiredService<TeamQueries>());
        builder.Services.AddScoped<FormTeam>();
        builder.Services.AddScoped<ChangeTeam>();
        builder.Services.AddScoped<MakeTeamResponsible>();
        builder.Services.AddScoped<DissolveTeam>();
        builder.Services.AddScoped<TeamsDemo>();
    }

    public static void MapTeamsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/teams").WithTags("Teams").Requires(Capability.SeeUnits);
        api.MapGet("/", List).WithName("ListTeams").WithSummary("List the teams of the villages and grids the viewer sees");
        api.MapGet("/mine", Mine).WithName("ListMyTeams").WithSummary("List the teams the viewer is on, with members and phone numbers");
        api.MapGet("/{id:int}", Get).WithName("GetTeam").WithSummary("Get a team with its member and grid history");
        api.MapGet("/grids/{gridId:int}/history", GridHistory).WithName("GetGridResponsibility").WithSummary("Which team answered for a grid when");
        api.MapPost("/", Form).WithName("FormTeam").WithSummary("Form the team of a village or grid").Requires(Capability.KeepTeams);
        api.MapPut("/{id:int}/members", Change).WithName("ChangeTeam").WithSummary("Change a team's members, duties or leader").Requires(Capability.KeepTeams);
        api.MapPost("/{id:int}/grids", Responsible).WithName("MakeTeamResponsible").WithSummary("Make a team the one that answers for a grid").Requires(Capability.KeepTeams);
        api.MapPost("/{id:int}/dissolve", Dissolve).WithName("DissolveTeam").WithSummary("Dissolve a team").Requires(Capability.KeepTeams);
    }

    static async Task<Ok<IReadOnlyList<TeamQueries.Row>>> List(bool? dissolved, AccessPolicy access, TeamQueries teams) =>
        TypedResults.Ok(await teams.ListAsync(await access.CurrentAsync(), dissolved ?? false));

    static async Task<Ok<IReadOnlyList<TeamQueries.Row>>> Mine(AccessPolicy access, TeamQueries teams) =>
        TypedResults.Ok(await teams.TeamsOfAsync((await access.CurrentAsync()).AccountId));

    static async Task<Results<Ok<TeamQueries.Details>, ProblemHttpResult>> Get(int id, AccessPolicy access, TeamQueries teams) =>
        await teams.DetailsAsync(await access.CurrentAsync(), id) is { } found ? TypedResults.Ok(found) : await access.OutOfScope("team", id.ToString(CultureInfo.InvariantCulture));

    static async Task<Results<Ok<IReadOnlyList<TeamQueries.Responsibility>>, ProblemHttpResult>> GridHistory(int gridId, AccessPolicy access, TeamQueries teams) =>
        await teams.GridHistoryAsync(await access.CurrentAsync(), gridId) is { } found ? TypedResults.Ok(found) : await access.OutOfScope("unit", gridId.ToString(CultureInfo.InvariantCulture));

    static async Task<Results<Created<int>, ProblemHttpResult>> Form(FormTeam.Request request, AccessPolicy access, FormTeam form)
    {
        var result = await form.RunAsync(await access.CurrentAsync(), request);
        return result.IsDone ? TypedResults.Created($"/api/teams/{result.Value}", result.Value) : result.ToProblem();
    }

    static async Task<Results<NoContent, ProblemHttpResult>> Change(int id, ChangeTeam.Request request, AccessPolicy access, ChangeTeam change) =>
        (await change.RunAsync(await access.CurrentAsync(), id, request)).ToNoContent();

    static async Task<Results<NoContent, ProblemHttpResult>> Responsible(int id, MakeTeamResponsible.Request request, AccessPolicy access, MakeTeamResponsible make) =>
        (await make.RunAsync(await access.CurrentAsync(), id, request)).ToNoContent();

    static async Task<Results<NoContent, ProblemHttpResult>> Dissolve(int id, AccessPolicy access, DissolveTeam dissolve) =>
        (await dissolve.RunAsync(await access.CurrentAsync(), id)).ToNoContent();
}
