using System.Globalization;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.CommandRoom;

/// <summary>The board's and inbox's directive forms post here and are sent back with the result (post, redirect, get).</summary>
public static class DirectiveForms
{
    public static void MapDirectiveForms(this IEndpointRouteBuilder app)
    {
        app.MapPost("/command-room/directives", IssueAsync).Requires(Capability.IssueDirectives)
            .WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute()).WithName("IssueDirectiveForm")
            .WithTags("Command room pages").WithSummary("Issue a directive from the board, then go back to it");
        app.MapPost("/directives/{id:int}/respond", RespondAsync).Requires(Capability.HandleEvents)
            .WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute()).WithName("RespondToDirectiveForm")
            .WithTags("Command room pages").WithSummary("Acknowledge or answer a directive from a page, then go back to it");
    }

    static async Task<IResult> IssueAsync(HttpContext http, AccessPolicy access, Directives directives)
    {
        if (FormPosts.Expired(http) is { } expired)
            return expired;
        var form = await http.Request.ReadFormAsync();
        var unit = await directives.UnitIdOfAsync(form["UnitCode"].FirstOrDefault()?.Trim() ?? "");
        var minutes = int.TryParse(form["DueMinutes"].FirstOrDefault(), CultureInfo.InvariantCulture, out var m) ? m : (int?)null;
        var result = await directives.IssueAsync(await access.CurrentAsync(),
            new Directives.Order(form["Title"].FirstOrDefault(), form["Body"].FirstOrDefault(), unit, null, minutes, null));
        return ResultMessages.Back(http, "/command-room", result, new Text("CommandRoom.DirectiveIssued"));
    }

    static async Task<IResult> RespondAsync(int id, HttpContext http, AccessPolicy access, Directives directives)
    {
        if (FormPosts.Expired(http) is { } expired)
            return expired;
        var form = await http.Request.ReadFormAsync();
        var step = form["Step"].FirstOrDefault() == Directives.CodeOf(Directives.Step.Answer) ? Directives.Step.Answer : Directives.Step.Acknowledge;
        var version = int.TryParse(form["Version"].FirstOrDefault(), CultureInfo.InvariantCulture, out var v) ? v : (int?)null;
        var result = await directives.RespondAsync(await access.CurrentAsync(), id, step, new Directives.Answer(version, form["Text"].FirstOrDefault()));
        if (result.Outcome == Outcome.NotFound)
            return await access.OutOfScope("directive", id.ToString(CultureInfo.InvariantCulture));
        return ResultMessages.Back(http, form["Back"].FirstOrDefault(), result,
            step == Directives.Step.Answer ? new Text("CommandRoom.Answered") : new Text("CommandRoom.Acknowledged"));
    }
}
