using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Events;

/// <summary>
/// Decides who handles a new event: the first matching <see cref="RoutingRule"/> given the category and whether it is
/// office hours in the event's township (its own hours and holidays, else the defaults). China has one time zone and no
/// daylight saving, so local time is UTC+8.
/// </summary>
public sealed class RouteEvent(EventSettingsCache settings)
{
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public sealed record Decision(HandlerSide Side, int? UnitId, string? Department, string Reason, bool InOfficeHours);

    public static DateTime Local(DateTime utc) => utc + ChinaOffset;

    public async Task<bool> InOfficeHoursAsync(int? townshipId, DateTime utc, CancellationToken ct = default)
    {
        var known = await settings.GetAsync(ct);
        var local = Local(utc);
        var date = DateOnly.FromDateTime(local);
        var hours = known.Hours.Where(o => o.TownshipId == townshipId || o.TownshipId == null).OrderBy(o => o.TownshipId is null).FirstOrDefault();
        var day = known.Holidays.Where(h => h.Date == date && (h.TownshipId == townshipId || h.TownshipId == null)).OrderBy(h => h.TownshipId is null).FirstOrDefault();
        return InOfficeHours(hours ?? new OfficeHours(), day, local);
    }

    /// <summary>Whether a local time falls in office hours, given the day's holiday row (if any).</summary>
    public static bool InOfficeHours(OfficeHours hours, Holiday? day, DateTime local)
    {
        var workday = day?.IsWorkday ?? (hours.Weekdays & (1 << (int)local.DayOfWeek)) != 0;
        if (!workday)
            return false;
        var minute = local.Hour * 60 + local.Minute;
        return (minute >= hours.MorningStart && minute < hours.MorningEnd) || (minute >= hours.AfternoonStart && minute < hours.AfternoonEnd);
    }

    public async Task<Decision> DecideAsync(EventCategory category, Event placed, DateTime utc, CancellationToken ct = default)
    {
        var inOffice = await InOfficeHoursAsync(placed.TownshipId, utc, ct);
        var township = placed.TownshipId;
        var rules = (await settings.GetAsync(ct)).Rules.Where(r => r.TownshipId == null || r.TownshipId == township);
        var rule = rules.OrderBy(r => r.TownshipId is null).ThenBy(r => r.Priority).ThenBy(r => r.Id).FirstOrDefault(r =>
            (r.CategoryId is null || r.CategoryId == category.Id)
            && (r.IsPolice is null || r.IsPolice == category.IsPolice)
            && (r.InOfficeHours is null || r.InOfficeHours == inOffice)
            && (r.CategoryHandler is null || r.CategoryHandler == category.DefaultHandler));
        var target = rule?.Target ?? category.DefaultHandler;
        var reason = rule?.Name ?? Words.Store(new Text("Events.Routing.CategoryDefault"));
        return target switch
        {
            HandlerSide.Police => new Decision(HandlerSide.Police, placed.PoliceDistrictId, null, reason, inOffice),
            HandlerSide.Grid => new Decision(HandlerSide.Grid, placed.GridId, null, reason, inOffice),
            HandlerSide.Department => new Decision(HandlerSide.Department, placed.CountyId, category.Department, reason, inOffice),
            _ => new Decision(HandlerSide.None, null, null, reason, inOffice),
        };
    }
}
