using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Events;

/// <summary>
/// Decides who handles a new event: the first matching <see cref="RoutingRule"/> given the category and whether it is
/// office hours in the event's township (its own hours and holidays, else the defaults). China has one time zone and no
/// daylight saving, so local time is UTC+8. Police work outside office hours goes to the station's officer on duty
/// (<see cref="IOnDutyLookup"/>), not to the district's community officer, who is off duty then; with no one on duty, to
/// the district as before, and the reason says which.
/// </summary>
public sealed class RouteEvent(EventSettingsCache settings, IOnDutyLookup onDuty)
{
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <param name="AccountId">The person it goes to straight away: the officer on duty after hours; otherwise null (the unit's people).</param>
    public sealed record Decision(HandlerSide Side, int? UnitId, string? Department, string Reason, bool InOfficeHours, int? AccountId = null);

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
            HandlerSide.Police when !inOffice && placed.PoliceStationId is { } station => await ToOfficerOnDutyAsync(placed, station, reason, utc, ct),
            HandlerSide.Police => new Decision(HandlerSide.Police, placed.PoliceDistrictId, null, reason, inOffice),
            HandlerSide.Grid => new Decision(HandlerSide.Grid, placed.GridId, null, reason, inOffice),
            HandlerSide.Department => new Decision(HandlerSide.Department, placed.CountyId, category.Department, reason, inOffice),
            _ => new Decision(HandlerSide.None, null, null, reason, inOffice),
        };
    }

    async Task<Decision> ToOfficerOnDutyAsync(Event placed, int station, string reason, DateTime utc, CancellationToken ct)
    {
        var rule = Words.Stored(reason);
        // The rule's own reason goes in first; a reason that holds arguments of its own goes in as the words it reads.
        object because = rule.IsLiteral || rule.Args.Count == 0 ? rule : Text.Literal(rule.Zh);
        var officer = await onDuty.OfficerOnDutyAsync(station, utc, ct);
        return officer is null
            ? new Decision(HandlerSide.Police, placed.PoliceDistrictId, null, Fit("Events.Routing.NoOfficerOnDuty", because), false)
            : new Decision(HandlerSide.Police, station, null, Fit("Events.Routing.OfficerOnDuty", because, Text.Literal(officer.Name)), false, officer.AccountId);
    }

    // The stored reason must fit its column whole (a cut one no longer reads): a long rule name is left out.
    static string Fit(string key, object because, params object[] more)
    {
        var stored = Words.Store(new Text(key, [because, .. more]));
        return stored.Length <= 200 ? stored : Words.Store(new Text(key, ["", .. more]));
    }
}
