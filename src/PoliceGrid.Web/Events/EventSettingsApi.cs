using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Events;

/// <summary>The system administrator edits categories, routing rules, office hours and holidays.</summary>
public static class EventSettingsApi
{
    public static void MapEventSettingsApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/event-settings").Requires(Capability.EditEventSettings);
        admin.MapGet("/", Read).WithName("GetEventSettings");
        admin.MapPost("/categories", (EditEventSettings.CategoryChange change, EditEventSettings edit) => Answer(edit.SaveCategoryAsync(null, change))).WithName("CreateEventCategory");
        admin.MapPut("/categories/{id:int}", (int id, EditEventSettings.CategoryChange change, EditEventSettings edit) => Answer(edit.SaveCategoryAsync(id, change))).WithName("EditEventCategory");
        admin.MapPost("/rules", (EditEventSettings.RuleChange change, EditEventSettings edit) => Answer(edit.SaveRuleAsync(null, change))).WithName("CreateRoutingRule");
        admin.MapPut("/rules/{id:int}", (int id, EditEventSettings.RuleChange change, EditEventSettings edit) => Answer(edit.SaveRuleAsync(id, change))).WithName("EditRoutingRule");
        admin.MapPut("/office-hours", (int? townshipId, EditEventSettings.HoursChange change, EditEventSettings edit) => Answer(edit.SaveHoursAsync(townshipId, change))).WithName("EditOfficeHours");
        admin.MapPost("/holidays", (EditEventSettings.HolidayChange change, EditEventSettings edit) => Answer(edit.AddHolidayAsync(change))).WithName("AddHoliday");
        admin.MapDelete("/holidays/{id:int}", async Task<Results<NoContent, ProblemHttpResult>> (int id, EditEventSettings edit) =>
            await edit.RemoveHolidayAsync(id) ? TypedResults.NoContent() : Problems.NotFound()).WithName("RemoveHoliday");
    }

    public sealed record Settings(List<EventCategory> Categories, List<RoutingRule> Rules, List<OfficeHours> OfficeHours, List<Holiday> Holidays);

    static async Task<Ok<Settings>> Read(PoliceGridDb db) => TypedResults.Ok(new Settings(
        await db.EventCategories.AsNoTracking().OrderBy(c => c.Code).ToListAsync(),
        await db.RoutingRules.AsNoTracking().OrderBy(r => r.TownshipId).ThenBy(r => r.Priority).ToListAsync(),
        await db.OfficeHours.AsNoTracking().ToListAsync(),
        await db.Holidays.AsNoTracking().OrderBy(h => h.Date).ToListAsync()));

    static async Task<Results<Ok<T>, ProblemHttpResult>> Answer<T>(Task<EditEventSettings.Outcome<T>> pending)
    {
        var outcome = await pending;
        return outcome switch
        {
            { Value: { } value } => TypedResults.Ok(value),
            { NotFound: true } => Problems.NotFound(),
            _ => Problems.BadRequest(outcome.Problem!),
        };
    }
}
