using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Data;

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
        Make("01.01", "基础信息联采", "Basic information", "人口房屋信息变更", "Change to population or housing data", false, Grid),
        Make("02.01", "特殊人群联管", "Special groups", "特殊人群异常情况", "Special-group member in difficulty", false, Grid),
        Make("02.02", "特殊人群联管", "Special groups", "重点人员动向", "Movements of a key person", true, Police, confidential: true),
        Make("03.01", "服务事项联办", "Service requests", "群众办事求助", "Help with a public service", false, Grid),
        Make("03.02", "服务事项联办", "Service requests", "困难群众救助", "Relief for a family in hardship", false, Department, "民政"),
        Make("04.01", "矛盾纠纷联调", "Disputes", "邻里纠纷", "Dispute between neighbours", false, Grid),
        Make("04.02", "矛盾纠纷联调", "Disputes", "婚恋家庭纠纷", "Family or marriage dispute", false, Grid),
        Make("04.03", "矛盾纠纷联调", "Disputes", "纠纷有激化苗头", "Dispute that may turn violent", true, Police),
        Make("05.01", "风险隐患联排", "Hazards", "消防安全隐患", "Fire hazard", false, Grid),
        Make("05.02", "风险隐患联排", "Hazards", "市政设施损坏", "Damaged public facility", false, Department, "城管"),
        Make("05.03", "风险隐患联排", "Hazards", "安全生产隐患", "Workplace safety hazard", false, Department, "应急"),
        Make("05.04", "风险隐患联排", "Hazards", "食品药品安全", "Food or drug safety", false, Department, "市场监管"),
        Make("06.01", "社会治安联防", "Public order", "违法行为", "Illegal act", true, Police),
        Make("06.02", "社会治安联防", "Public order", "可疑人员物品", "Suspicious person or object", true, Police, confidential: true),
        Make("06.03", "社会治安联防", "Public order", "治安巡防发现", "Found on patrol", true, Police),
        Make("07.01", "信息报送", "Reports", "社情动态", "Trend in the community", false, Grid),
        Make("07.02", "信息报送", "Reports", "工作成果", "Result of work", false, Grid),
        Make("08.01", "非警务求助", "Non-police calls", "110非警务求助", "Non-police 110 call", false, Grid),
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
        new() { Priority = 10, IsPolice = true, Target = Police, Name = "警务类→社区民警 / police work → community officer" },
        new() { Priority = 20, InOfficeHours = false, Target = Police, Name = "非工作时间→社区民警（值班派出所） / outside office hours → community officer (station on duty)" },
        new() { Priority = 30, CategoryHandler = Department, Target = Department, Name = "部门类→主管部门 / department work → the department" },
        new() { Priority = 40, Target = Grid, Name = "工作时间非警务→网格员 / non-police work in office hours → grid workers" },
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
