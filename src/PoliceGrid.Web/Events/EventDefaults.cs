using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Events;

/// <summary>
/// The categories, routing rules, office hours and holidays a new database starts with; administrators change them
/// afterwards. Written only into empty tables, so nothing an administrator changed is overwritten.
/// </summary>
public static class EventDefaults
{
    const HandlerSide Grid = HandlerSide.Grid, Police = HandlerSide.Police, Department = HandlerSide.Department;

    public static IReadOnlyList<EventCategory> Categories() =>
    [
        Make("01.01", Words.Zh("Events.BasicInformation"), Words.En("Events.BasicInformation"), Words.Zh("Events.ChangeToPopulationOrHousingData"), Words.En("Events.ChangeToPopulationOrHousingData"), false, Grid),
        Make("02.01", Words.Zh("Events.SpecialGroups"), Words.En("Events.SpecialGroups"), Words.Zh("Events.SpecialGroupMemberInDifficulty"), Words.En("Events.SpecialGroupMemberInDifficulty"), false, Grid),
        Make("02.02", Words.Zh("Events.SpecialGroups"), Words.En("Events.SpecialGroups"), Words.Zh("Events.MovementsOfAKeyPerson"), Words.En("Events.MovementsOfAKeyPerson"), true, Police, confidential: true),
        Make("03.01", Words.Zh("Events.ServiceRequests"), Words.En("Events.ServiceRequests"), Words.Zh("Events.HelpWithAPublicService"), Words.En("Events.HelpWithAPublicService"), false, Grid),
        Make("03.02", Words.Zh("Events.ServiceRequests"), Words.En("Events.ServiceRequests"), Words.Zh("Events.ReliefForAFamilyInHardship"), Words.En("Events.ReliefForAFamilyInHardship"), false, Department, "民政"),
        Make("04.01", Words.Zh("Events.Disputes"), Words.En("Events.Disputes"), Words.Zh("Events.DisputeBetweenNeighbours"), Words.En("Events.DisputeBetweenNeighbours"), false, Grid),
        Make("04.02", Words.Zh("Events.Disputes"), Words.En("Events.Disputes"), Words.Zh("Events.FamilyOrMarriageDispute"), Words.En("Events.FamilyOrMarriageDispute"), false, Grid),
        Make("04.03", Words.Zh("Events.Disputes"), Words.En("Events.Disputes"), Words.Zh("Events.DisputeThatMayTurnViolent"), Words.En("Events.DisputeThatMayTurnViolent"), true, Police),
        Make("05.01", Words.Zh("Events.Hazards"), Words.En("Events.Hazards"), Words.Zh("Events.FireHazard"), Words.En("Events.FireHazard"), false, Grid),
        Make("05.02", Words.Zh("Events.Hazards"), Words.En("Events.Hazards"), Words.Zh("Events.DamagedPublicFacility"), Words.En("Events.DamagedPublicFacility"), false, Department, "城管"),
        Make("05.03", Words.Zh("Events.Hazards"), Words.En("Events.Hazards"), Words.Zh("Events.WorkplaceSafetyHazard"), Words.En("Events.WorkplaceSafetyHazard"), false, Department, "应急"),
        Make("05.04", Words.Zh("Events.Hazards"), Words.En("Events.Hazards"), Words.Zh("Events.FoodOrDrugSafety"), Words.En("Events.FoodOrDrugSafety"), false, Department, "市场监管"),
        Make("06.01", Words.Zh("Events.PublicOrder"), Words.En("Events.PublicOrder"), Words.Zh("Events.IllegalAct"), Words.En("Events.IllegalAct"), true, Police),
        Make("06.02", Words.Zh("Events.PublicOrder"), Words.En("Events.PublicOrder"), Words.Zh("Events.SuspiciousPersonOrObject"), Words.En("Events.SuspiciousPersonOrObject"), true, Police, confidential: true),
        Make("06.03", Words.Zh("Events.PublicOrder"), Words.En("Events.PublicOrder"), Words.Zh("Events.FoundOnPatrol"), Words.En("Events.FoundOnPatrol"), true, Police),
        Make("07.01", Words.Zh("Events.Reports"), Words.En("Events.Reports"), Words.Zh("Events.TrendInTheCommunity"), Words.En("Events.TrendInTheCommunity"), false, Grid),
        Make("07.02", Words.Zh("Events.Reports"), Words.En("Events.Reports"), Words.Zh("Events.ResultOfWork"), Words.En("Events.ResultOfWork"), false, Grid),
        Make("08.01", Words.Zh("Events.NonPoliceCalls"), Words.En("Events.NonPoliceCalls"), Words.Zh("Events.NonPolice110Call"), Words.En("Events.NonPolice110Call"), false, Grid),
    ];

    static EventCategory Make(string code, string major, string majorEn, string name, string nameEn, bool police, HandlerSide handler,
        string? department = null, bool confidential = false) => new()
    {
        Code = code, MajorCode = code[..2], MajorName = major, MajorNameEn = majorEn, Name = name, NameEn = nameEn, IsPolice = police,
        DefaultHandler = handler, Department = department, Confidential = confidential, IsPublic = !police && !confidential,
        AcceptMinutes = police ? 10 : 60, DispatchMinutes = police ? 10 : 60, StartMinutes = police ? 30 : 240,
        HandleMinutes = police ? 1440 : 4320, VerifyMinutes = 1440, CloseMinutes = police ? 2880 : 10080,
    };

    public static IReadOnlyList<RoutingRule> Rules() =>
    [
        new() { Priority = 10, IsPolice = true, Target = Police, Name = Words.Store(new Text("Events.Routing.PoliceWork")) },
        new() { Priority = 20, InOfficeHours = false, Target = Police, Name = Words.Store(new Text("Events.Routing.OutsideOfficeHours")) },
        new() { Priority = 30, CategoryHandler = Department, Target = Department, Name = Words.Store(new Text("Events.Routing.DepartmentWork")) },
        new() { Priority = 40, Target = Grid, Name = Words.Store(new Text("Events.Routing.GridWork")) },
    ];

    /// <summary>2026 public holidays and adjusted working days (国务院办公厅 2026 年部分节假日安排).</summary>
    public static IReadOnlyList<Holiday> Holidays2026()
    {
        var days = new List<Holiday>();
        void Off(string name, int month, int from, int to)
        {
            for (var d = from; d <= to; d++)
                days.Add(new Holiday { Date = new DateOnly(2026, month, d), Name = name });
        }
        void Work(string name, int month, int day) => days.Add(new Holiday { Date = new DateOnly(2026, month, day), Name = name + "调休上班", IsWorkday = true });
        Off("元旦", 1, 1, 3); Work("元旦", 1, 4);
        Off("春节", 2, 15, 23); Work("春节", 2, 14); Work("春节", 2, 28);
        Off("清明节", 4, 4, 6);
        Off("劳动节", 5, 1, 5); Work("劳动节", 5, 9);
        Off("端午节", 6, 19, 21);
        Off("中秋节", 9, 25, 27);
        Off("国庆节", 10, 1, 7); Work("国庆节", 9, 20); Work("国庆节", 10, 10);
        return days;
    }

    public static async Task EnsureAsync(PoliceGridDb db)
    {
        if (!await db.EventCategories.AnyAsync())
            db.EventCategories.AddRange(Categories());
        if (!await db.RoutingRules.AnyAsync())
            db.RoutingRules.AddRange(Rules());
        if (!await db.OfficeHours.AnyAsync())
            db.OfficeHours.Add(new OfficeHours());
        if (!await db.Holidays.AnyAsync())
            db.Holidays.AddRange(Holidays2026());
        // Install-time data, like the migrations themselves: not an audited change; every later edit is.
        if (db.ChangeTracker.HasChanges())
            await db.SaveChangesAsync();
    }
}
