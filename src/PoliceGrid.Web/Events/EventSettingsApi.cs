using Microsoft.AspNetCore.Http.HttpResults;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Events;

/// <summary>The system administrator edits categories, routing rules, office hours and holidays.</summary>
public static class EventSettingsApi
{
    public static void MapEventSettingsApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/event-settings").WithTags("Event settings").Requires(Capability.EditEventSettings);
        admin.MapGet("/", Read).WithName("GetEventSettings").WithSummary("Get the categories, routing rules, office hours and holidays");
        admin.MapPost("/categories", CreateCategory).WithName("CreateEventCategory").WithSummary("Add an event category");
        admin.MapPut("/categories/{id:int}", EditCategory).WithName("EditEventCategory").WithSummary("Change an event category");
        admin.MapPost("/rules", CreateRule).WithName("CreateRoutingRule").WithSummary("Add a routing rule");
        admin.MapPut("/rules/{id:int}", EditRule).WithName("EditRoutingRule").WithSummary("Change a routing rule");
        admin.MapPut("/office-hours", EditHours).WithName("EditOfficeHours").WithSummary("Set the office hours of a township or the default");
        admin.MapPost("/holidays", AddHoliday).WithName("AddHoliday").WithSummary("Add a holiday or adjusted workday");
        admin.MapDelete("/holidays/{id:int}", RemoveHoliday).WithName("RemoveHoliday").WithSummary("Remove a holiday or adjusted workday");
    }

    static async Task<Ok<EditEventSettings.Settings>> Read(EditEventSettings edit) => TypedResults.Ok(await edit.ReadAsync());

    static async Task<Results<Ok<EventCategory>, ProblemHttpResult>> CreateCategory(EditEventSettings.CategoryChange change, EditEventSettings edit) =>
        (await edit.SaveCategoryAsync(null, change)).ToOk();

    static async Task<Results<Ok<EventCategory>, ProblemHttpResult>> EditCategory(int id, EditEventSettings.CategoryChange change, EditEventSettings edit) =>
        (await edit.SaveCategoryAsync(id, change)).ToOk();

    static async Task<Results<Ok<RoutingRule>, ProblemHttpResult>> CreateRule(EditEventSettings.RuleChange change, EditEventSettings edit) =>
        (await edit.SaveRuleAsync(null, change)).ToOk();

    static async Task<Results<Ok<RoutingRule>, ProblemHttpResult>> EditRule(int id, EditEventSettings.RuleChange change, EditEventSettings edit) =>
        (await edit.SaveRuleAsync(id, change)).ToOk();

    static async Task<Results<Ok<OfficeHours>, ProblemHttpResult>> EditHours(int? townshipId, EditEventSettings.HoursChange change, EditEventSettings edit) =>
        (await edit.SaveHoursAsync(townshipId, change)).ToOk();

    static async Task<Results<Ok<Holiday>, ProblemHttpResult>> AddHoliday(EditEventSettings.HolidayChange change, EditEventSettings edit) =>
        (await edit.AddHolidayAsync(change)).ToOk();

    static async Task<Results<NoContent, ProblemHttpResult>> RemoveHoliday(int id, EditEventSettings edit) =>
        (await edit.RemoveHolidayAsync(id)).ToNoContent();
}
