using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Events;

/// <summary>
/// The system administrator's changes to event categories, routing rules, office hours and holidays; each is checked,
/// audited and takes effect for the next report.
/// </summary>
public sealed class EditEventSettings(PoliceGridDb db, AuditTrail audit, EventSettingsCache settings, Shared.Live.LiveFeed live)
{
    public sealed record CategoryChange(string? Code, string? MajorName, string? MajorNameEn, string? Name, string? NameEn, bool? IsPolice,
        HandlerSide? DefaultHandler, string? Department, bool? Confidential, int? AcceptMinutes, int? DispatchMinutes, int? StartMinutes,
        int? HandleMinutes, int? VerifyMinutes, int? CloseMinutes, bool? Active, int? Version, bool? IsPublic = null);

    public sealed record RuleChange(int Priority, int? TownshipId, int? CategoryId, bool? IsPolice, bool? InOfficeHours, HandlerSide? CategoryHandler,
        HandlerSide Target, string? Name, bool Active = true);

    public sealed record HoursChange(int Weekdays, int MorningStart, int MorningEnd, int AfternoonStart, int AfternoonEnd);

    public sealed record HolidayChange(int? TownshipId, DateOnly Date, bool IsWorkday, string? Name);

    public sealed record Settings(List<EventCategory> Categories, List<RoutingRule> Rules, List<OfficeHours> OfficeHours, List<Holiday> Holidays,
        IReadOnlyDictionary<int, string> TownshipNames);

    /// <summary>Every setting as the administrator edits it (rules: the townships' own first), with the names of the townships the rules name.</summary>
    public async Task<Settings> ReadAsync()
    {
        var rules = await db.RoutingRules.AsNoTracking().OrderBy(r => r.TownshipId == null).ThenBy(r => r.Priority).ToListAsync();
        var ids = rules.Select(r => r.TownshipId).OfType<int>().ToList();
        return new Settings(
            await db.EventCategories.AsNoTracking().OrderBy(c => c.Code).ToListAsync(),
            rules,
            await db.OfficeHours.AsNoTracking().ToListAsync(),
            await db.Holidays.AsNoTracking().OrderBy(h => h.Date).ToListAsync(),
            await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name));
    }

    static Result<T> Bad<T>(string zh, string en) => Result.Invalid(Text.Data(zh, en)).As<T>();

    public async Task<Result<EventCategory>> SaveCategoryAsync(int? id, CategoryChange change)
    {
        var category = id is { } key ? await db.EventCategories.SingleOrDefaultAsync(c => c.Id == key) : null;
        if (id is not null && category is null)
            return Result.NotFound().As<EventCategory>();
        if (category is not null && change.Version is { } version && version != category.Version)
            return Bad<EventCategory>(Words.Zh("Events.SomeoneElseChangedThisCategoryReload"), Words.En("Events.SomeoneElseChangedThisCategoryReload"));
        var code = change.Code?.Trim() ?? category?.Code ?? "";
        if (!System.Text.RegularExpressions.Regex.IsMatch(code, @"^\d{2}\.\d{2}$"))
            return Bad<EventCategory>(Words.Zh("Events.ACategoryCodeIsMajorMinor"), Words.En("Events.ACategoryCodeIsMajorMinor"));
        if (await db.EventCategories.AnyAsync(c => c.Code == code && c.Id != (id ?? 0)))
            return Bad<EventCategory>(Words.Zh("Events.ThatCategoryCodeExists"), Words.En("Events.ThatCategoryCodeExists"));
        category ??= db.EventCategories.Add(new EventCategory { Code = code, MajorCode = code[..2], MajorName = "", MajorNameEn = "", Name = "", NameEn = "" }).Entity;
        category.Code = code;
        category.MajorCode = code[..2];
        category.MajorName = change.MajorName?.Trim() ?? category.MajorName;
        category.MajorNameEn = change.MajorNameEn?.Trim() ?? category.MajorNameEn;
        category.Name = change.Name?.Trim() ?? category.Name;
        category.NameEn = change.NameEn?.Trim() ?? category.NameEn;
        category.IsPolice = change.IsPolice ?? category.IsPolice;
        category.DefaultHandler = change.DefaultHandler ?? category.DefaultHandler;
        category.Department = change.Department is null ? category.Department : change.Department.Trim() is { Length: > 0 } d ? d : null;
        category.Confidential = change.Confidential ?? category.Confidential;
        category.AcceptMinutes = change.AcceptMinutes ?? category.AcceptMinutes;
        category.DispatchMinutes = change.DispatchMinutes ?? category.DispatchMinutes;
        category.StartMinutes = change.StartMinutes ?? category.StartMinutes;
        category.HandleMinutes = change.HandleMinutes ?? category.HandleMinutes;
        category.VerifyMinutes = change.VerifyMinutes ?? category.VerifyMinutes;
        category.CloseMinutes = change.CloseMinutes ?? category.CloseMinutes;
        category.Active = change.Active ?? category.Active;
        // A new category is public only when the administrator says so; police and confidential work never is.
        if (change.IsPublic == true && (category.IsPolice || category.Confidential))
            return Bad<EventCategory>(Words.Zh("Events.APoliceOrConfidentialCategoryCannot"), Words.En("Events.APoliceOrConfidentialCategoryCannot"));
        category.IsPublic = (change.IsPublic ?? category.IsPublic) && !category.IsPolice && !category.Confidential;
        if (category.Name.Length is 0 or > 60 || category.MajorName.Length is 0 or > 60 || category.NameEn.Length > 100 || category.MajorNameEn.Length > 100)
            return Bad<EventCategory>(Words.Zh("Events.NamesMustBe1To60"), Words.En("Events.NamesMustBe1To60"));
        if (new[] { category.AcceptMinutes, category.DispatchMinutes, category.StartMinutes, category.HandleMinutes, category.VerifyMinutes, category.CloseMinutes }
            .Any(m => m is < 1 or > 525600))
            return Bad<EventCategory>(Words.Zh("Events.TimeLimitsMustBeBetween1"), Words.En("Events.TimeLimitsMustBeBetween1"));
        if (category.DefaultHandler == HandlerSide.Department && category.Department is null)
            return Bad<EventCategory>(Words.Zh("Events.ADepartmentCategoryNamesItsDepartment"), Words.En("Events.ADepartmentCategoryNamesItsDepartment"));
        category.Version++;
        await db.SaveChangesAsync();
        audit.Add(id is null ? "event-category-create" : "event-category-edit", "event-category", category.Id.ToString(CultureInfo.InvariantCulture), detail: $"{category.Code} public={category.IsPublic}");
        await db.SaveChangesAsync();
        await ChangedAsync();
        return category;
    }

    public async Task<Result<RoutingRule>> SaveRuleAsync(int? id, RuleChange change)
    {
        var rule = id is { } key ? await db.RoutingRules.SingleOrDefaultAsync(r => r.Id == key) : null;
        if (id is not null && rule is null)
            return Result.NotFound().As<RoutingRule>();
        if (change.Target == HandlerSide.None || !Enum.IsDefined(change.Target) || (change.Name?.Trim().Length ?? 0) is 0 or > 200)
            return Bad<RoutingRule>(Words.Zh("Events.ARuleNeedsAName1"), Words.En("Events.ARuleNeedsAName1"));
        if (change.TownshipId is { } t && !await db.Units.AnyAsync(u => u.Id == t && u.Kind == UnitKind.Township))
            return Bad<RoutingRule>(Words.Zh("Events.NoSuchTownship"), Words.En("Events.NoSuchTownship"));
        if (change.CategoryId is { } c && !await db.EventCategories.AnyAsync(x => x.Id == c))
            return Bad<RoutingRule>(Words.Zh("Events.NoSuchCategory"), Words.En("Events.NoSuchCategory"));
        rule ??= db.RoutingRules.Add(new RoutingRule { Name = "" }).Entity;
        (rule.Priority, rule.TownshipId, rule.CategoryId, rule.IsPolice, rule.InOfficeHours, rule.CategoryHandler, rule.Target, rule.Name, rule.Active) =
            (change.Priority, change.TownshipId, change.CategoryId, change.IsPolice, change.InOfficeHours, change.CategoryHandler, change.Target, change.Name!.Trim(), change.Active);
        await db.SaveChangesAsync();
        audit.Add(id is null ? "routing-rule-create" : "routing-rule-edit", "routing-rule", rule.Id.ToString(CultureInfo.InvariantCulture), detail: rule.Name);
        await db.SaveChangesAsync();
        await ChangedAsync();
        return rule;
    }

    /// <summary>Office hours of a township (or the default, for a null township).</summary>
    public async Task<Result<OfficeHours>> SaveHoursAsync(int? townshipId, HoursChange change)
    {
        if (change.Weekdays is < 0 or > 127 || change.MorningStart < 0 || change.MorningStart > change.MorningEnd || change.MorningEnd > change.AfternoonStart
            || change.AfternoonStart > change.AfternoonEnd || change.AfternoonEnd > 1440)
            return Bad<OfficeHours>(Words.Zh("Events.OfficeHoursMustRunMorningStart"), Words.En("Events.OfficeHoursMustRunMorningStart"));
        if (townshipId is { } t && !await db.Units.AnyAsync(u => u.Id == t && u.Kind == UnitKind.Township))
            return Result.NotFound().As<OfficeHours>();
        var hours = await db.OfficeHours.SingleOrDefaultAsync(o => o.TownshipId == townshipId) ?? db.OfficeHours.Add(new OfficeHours { TownshipId = townshipId }).Entity;
        (hours.Weekdays, hours.MorningStart, hours.MorningEnd, hours.AfternoonStart, hours.AfternoonEnd) =
            (change.Weekdays, change.MorningStart, change.MorningEnd, change.AfternoonStart, change.AfternoonEnd);
        audit.Add("office-hours-edit", "office-hours", townshipId?.ToString(CultureInfo.InvariantCulture) ?? "default",
            detail: $"{change.Weekdays} {change.MorningStart}-{change.MorningEnd} {change.AfternoonStart}-{change.AfternoonEnd}");
        await db.SaveChangesAsync();
        await ChangedAsync();
        return hours;
    }

    public async Task<Result<Holiday>> AddHolidayAsync(HolidayChange change)
    {
        var name = change.Name?.Trim() ?? "";
        if (name.Length is 0 or > 60)
            return Bad<Holiday>(Words.Zh("Events.NameTheHoliday1To60"), Words.En("Events.NameTheHoliday1To60"));
        if (await db.Holidays.AnyAsync(h => h.Date == change.Date && h.TownshipId == change.TownshipId))
            return Bad<Holiday>(Words.Zh("Events.ThatDayIsAlreadySet"), Words.En("Events.ThatDayIsAlreadySet"));
        var holiday = db.Holidays.Add(new Holiday { TownshipId = change.TownshipId, Date = change.Date, IsWorkday = change.IsWorkday, Name = name }).Entity;
        await db.SaveChangesAsync();
        audit.Add("holiday-add", "holiday", holiday.Id.ToString(CultureInfo.InvariantCulture), detail: $"{change.Date:O} workday={change.IsWorkday}");
        await db.SaveChangesAsync();
        await ChangedAsync();
        return holiday;
    }

    public async Task<Result> RemoveHolidayAsync(int id)
    {
        var holiday = await db.Holidays.SingleOrDefaultAsync(h => h.Id == id);
        if (holiday is null)
            return Result.NotFound();
        db.Holidays.Remove(holiday);
        audit.Add("holiday-remove", "holiday", id.ToString(CultureInfo.InvariantCulture), detail: $"{holiday.Date:O}");
        await db.SaveChangesAsync();
        await ChangedAsync();
        return Result.Done;
    }

    /// <summary>The next report here and on the other instances reads the settings afresh.</summary>
    async Task ChangedAsync()
    {
        settings.Invalidate();
        await live.PublishChangedAsync(Shared.Live.LiveTopic.EventSettings);
    }
}
