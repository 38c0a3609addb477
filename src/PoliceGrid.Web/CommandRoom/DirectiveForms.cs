using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.CommandRoom;

/// <summary>The board's and inbox's directive forms post here and are sent back with the result (post, redirect, get).</summary>
public static class DirectiveForms
{
    public static void MapDirectiveForms(this IEndpointRouteBuilder app)
    {
        app.MapPost("/command-room/directives", IssueAsync).Requires(Capability.IssueDirectives)
            .WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute()).WithName("IssueDirectiveForm");
        app.MapPost("/directives/{id:int}/respond", RespondAsync).Requires(Capability.HandleEvents)
            .WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute()).WithName("RespondToDirectiveForm");
    }

    static async Task<IResult> IssueAsync(HttpContext http, AccessPolicy access, Directives directives, PoliceGridDb db)
    {
        if (FormPosts.Expired(http) is { } expired)
            return expired;
        var form = await http.Request.ReadFormAsync();
        var code = form["UnitCode"].FirstOrDefault()?.Trim() ?? "";
        var unit = await db.Units.AsNoTracking().Where(u => u.Code == code).Select(u => (int?)u.Id).FirstOrDefaultAsync();
        var minutes = int.TryParse(form["DueMinutes"].FirstOrDefault(), System.Globalization.CultureInfo.InvariantCulture, out var m) ? m : (int?)null;
        var outcome = await directives.IssueAsync(await access.CurrentAsync(),
            new Directives.Order(form["Title"].FirstOrDefault(), form["Body"].FirstOrDefault(), unit, null, minutes, null));
        return FormPosts.Back(http, "/command-room", outcome.Row is not null ? new Text("指令已下达", "Directive issued") : outcome.Problem!, outcome.Row is not null);
    }

    static async Task<IResult> RespondAsync(int id, HttpContext http, AccessPolicy access, Directives directives)
    {
        if (FormPosts.Expired(http) is { } expired)
            return expired;
        var form = await http.Request.ReadFormAsync();
        var step = form["Step"].FirstOrDefault() == Directives.Reply ? Directives.Reply : Directives.Acknowledge;
        var version = int.TryParse(form["Version"].FirstOrDefault(), System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : (int?)null;
        var outcome = await directives.RespondAsync(await access.CurrentAsync(), id, step, new Directives.Answer(version, form["Text"].FirstOrDefault()));
        if (outcome.Status == StatusCodes.Status404NotFound)
            return await access.OutOfScope("directive", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return FormPosts.Back(http, form["Back"].FirstOrDefault(), outcome.Row is not null ? new Text(step == Directives.Reply ? "已反馈" : "已签收", step == Directives.Reply ? "Answer sent" : "Acknowledged") : outcome.Problem!,
            outcome.Row is not null);
    }
}
