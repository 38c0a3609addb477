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
            .WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute()).WithName("ActOnEventForm").WithTags("Event pages")
            .WithSummary("Take an action on an event from its page, then go back to it");

    static async Task<IResult> ActAsync(int id, HttpContext http, AccessPolicy access, ActOnEvent act, SplitEvent splits, Open311.ModeratePublicText moderate)
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
            message = ok ? new Text("Events.PublicTextSaved") : problem ?? Open311.ModeratePublicText.NotAllowed;
        }
        else
        {
            Result result;
            Text done;
            if (EventActions.FromCode(action) == EventAction.Split)
            {
                var split = await splits.RunAsync(viewer, id, new SplitEvent.Request(Number("Version"), Field("Note"),
                    [new SplitEvent.Part(Field("SplitCategory"), Field("SplitTitle"), null)]));
                var numbers = split.IsDone ? string.Join(" ", split.Value!.Select(c => c.Number)) : "";
                (result, done) = (split, new Text("Events.SplitOffNumbers", numbers));
            }
            else if (EventActions.FromCode(action) is { } known)
            {
                var into = Field("Into") is { } text && int.TryParse(text.StartsWith("SJ", StringComparison.OrdinalIgnoreCase) ? text[2..] : text,
                    CultureInfo.InvariantCulture, out var n) ? n : (int?)null;
                result = await act.RunAsync(viewer, id, known, new ActOnEvent.Request(Number("Version"), Field("Note"), Number("UnitId"),
                    Number("AccountId"), into, await EventForms.PhotosAsync(http)));
                done = new Text("Events.ActionDone", EventRules.Label(known));
            }
            else
                (result, done) = (Result.Invalid(new Text("Events.ThereIsNoSuchAction")), Text.Literal(""));
            if (result.Outcome == Outcome.NotFound)
                return await access.OutOfScope("event", id.ToString(CultureInfo.InvariantCulture));
            return ResultMessages.Back(http, $"/events/{id}", result, done);
        }
        return FormPosts.Back(http, $"/events/{id}", message, ok);
    }
}
