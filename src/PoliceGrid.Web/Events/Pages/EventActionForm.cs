using System.Globalization;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Events.Pages;

/// <summary>
/// The event page's action forms post here (post, then redirect back with the result): a form that another person's
/// action has made stale still reaches the use case, which answers with the event's new state.
/// </summary>
public static class EventActionForm
{
    public static void MapEventPages(this IEndpointRouteBuilder app) =>
        app.MapPost("/events/{id:int}/act", ActAsync).Requires(Capability.HandleEvents)
            .WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute()).WithName("ActOnEventForm");

    static async Task<IResult> ActAsync(int id, HttpContext http, AccessPolicy access, ActOnEvent act, SplitEvent split, Open311.ModeratePublicText moderate)
    {
        if (FormPosts.Expired(http) is { } expired)
            return expired;
        var form = await http.Request.ReadFormAsync();
        string? Field(string name) => form[name].FirstOrDefault() is { Length: > 0 } value ? value : null;
        int? Number(string name) => int.TryParse(Field(name), CultureInfo.InvariantCulture, out var n) ? n : null;
        var viewer = await access.CurrentAsync();
        var action = Field("Action") ?? "";
        Text message;
        bool ok;
        if (action == Open311.ModeratePublicText.Action)
        {
            var (result, problem) = await moderate.RunAsync(viewer, id, new Open311.ModeratePublicText.Request(Field("PublicText")));
            if (result == Open311.ModeratePublicText.Result.NotFound)
                return await access.OutOfScope("event", id.ToString(CultureInfo.InvariantCulture));
            ok = result == Open311.ModeratePublicText.Result.Done;
            message = ok ? new Text("公开文本已保存", "Public text saved") : problem ?? Open311.ModeratePublicText.NotAllowed;
        }
        else if (action == EventRules.Split)
        {
            var outcome = await split.RunAsync(viewer, id, new SplitEvent.Request(Number("Version"), Field("Note"),
                [new SplitEvent.Part(Field("SplitCategory"), Field("SplitTitle"), null)]));
            if (outcome.Result == ActOnEvent.Result.NotFound)
                return await access.OutOfScope("event", id.ToString(CultureInfo.InvariantCulture));
            ok = outcome.Result == ActOnEvent.Result.Done;
            var numbers = ok ? string.Join("、", outcome.Created!.Select(c => c.Number)) : "";
            message = ok ? new Text("已拆分出 " + numbers, "Split off " + numbers) : outcome.Problem!;
        }
        else
        {
            var into = Field("Into") is { } text && int.TryParse(text.StartsWith("SJ", StringComparison.OrdinalIgnoreCase) ? text[2..] : text,
                CultureInfo.InvariantCulture, out var n) ? n : (int?)null;
            var outcome = await act.RunAsync(viewer, id, action, new ActOnEvent.Request(Number("Version"), Field("Note"), Number("UnitId"),
                Number("AccountId"), into, await EventForms.PhotosAsync(http)));
            if (outcome.Result == ActOnEvent.Result.NotFound)
                return await access.OutOfScope("event", id.ToString(CultureInfo.InvariantCulture));
            ok = outcome.Result == ActOnEvent.Result.Done;
            message = ok ? new Text("已" + EventRules.Label(action).Zh, EventRules.Label(action).En + ": done") : outcome.Problem!;
        }
        return FormPosts.Back(http, $"/events/{id}", message, ok);
    }
}
