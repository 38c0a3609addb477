using System.Globalization;
using System.Text;
using PoliceGrid.Web.Register.PersonalData;
using PoliceGrid.Web.Register.Records;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Register.Bulk;

/// <summary>A column of the residents ledger (台账): its key (the API's field name), its header, and the other headers taken for it.</summary>
public sealed record LedgerColumn(string Key, string Zh, string En, params string[] Aliases)
{
    public IEnumerable<string> Headers() => Aliases.Append(Zh).Append(En).Select(LedgerColumns.NormaliseHeader);
}

/// <summary>The columns grid offices keep, how their headers are recognised, and how their cells read.</summary>
public static class LedgerColumns
{
    public static readonly IReadOnlyList<LedgerColumn> All =
    [
        new("name", "姓名", "Name", "名字"),
        new("idNumber", "身份证号", "ID number", "公民身份号码", "身份证号码", "证件号码", "身份证", "id_number"),
        new("sex", "性别", "Sex", "gender"),
        new("birthDate", "出生日期", "Birth date", "出生年月日", "birth_date", "date of birth", "birthdate"),
        new("phone", "联系电话", "Phone", "电话", "手机", "手机号", "手机号码", "联系方式", "phone_number"),
        new("householdType", "户籍类型", "Household type", "人口类型", "household_type"),
        new("road", "街路巷", "Road", "街路巷(自然村)", "街路巷（自然村）", "街巷", "自然村", "street"),
        new("doorNumber", "门牌号", "Door number", "门牌", "door_number"),
        new("building", "楼栋", "Building", "楼栋号", "楼号", "栋"),
        new("unitNumber", "单元", "Unit", "单元号", "unit_number"),
        new("room", "室", "Room", "室号", "户室号", "房间号"),
        new("residentSince", "居住起始日期", "Resident since", "入住日期", "居住日期", "resident_since"),
        new("registrationNumber", "居住登记编号", "Registration number", "居住证号", "居住登记号", "registration_number"),
        new("registrationExpires", "登记有效期至", "Registration expires", "有效期至", "居住登记有效期至", "registration_expires"),
        new("tags", "人员标签", "Tags", "标签", "特殊人群", "特殊人群标签"),
        new("grid", "网格编码", "Grid code", "网格代码", "网格", "grid_code"),
    ];

    /// <summary>Without these a file is not a residents ledger; one of 身份证号 and 出生日期 is needed as well.</summary>
    public static readonly IReadOnlyList<string> Required = ["name", "householdType", "road", "doorNumber"];

    static readonly Dictionary<string, LedgerColumn> ByHeader = All
        .SelectMany(c => c.Headers().Select(h => (Header: h, Column: c)))
        .DistinctBy(x => x.Header)
        .ToDictionary(x => x.Header, x => x.Column);

    public static LedgerColumn Column(string key) => All.Single(c => c.Key == key);

    /// <summary>Full-width to half-width, lower case, no spaces, underscores, hyphens or required-field stars.</summary>
    public static string NormaliseHeader(string header)
    {
        var builder = new StringBuilder(header.Length);
        foreach (var c in header.Normalize(NormalizationForm.FormKC))
        {
            if (!char.IsWhiteSpace(c) && c is not ('_' or '-' or '*'))
                builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }

    public static LedgerColumn? Recognise(string header) => ByHeader.GetValueOrDefault(NormaliseHeader(header));

    public static Sex? ParseSex(string text, List<FieldProblem> problems) => NormaliseHeader(text) switch
    {
        "" => null,
        "男" or "男性" or "m" or "male" => Sex.Male,
        "女" or "女性" or "f" or "female" => Sex.Female,
        _ => Problem<Sex>(problems, "sex", new Text($"性别应为男或女，填写的是“{text}”", $"Sex must be 男 (male) or 女 (female), not \"{text}\"")),
    };

    public static HouseholdType? ParseHouseholdType(string text, List<FieldProblem> problems) => NormaliseHeader(text) switch
    {
        "" => null,
        "户籍" or "户籍人口" or "常住" or "常住人口" or "registered" => HouseholdType.Registered,
        "流动" or "流动人口" or "floating" => HouseholdType.Floating,
        "境外" or "境外人员" or "境外人口" or "foreign" => HouseholdType.Foreign,
        _ => Problem<HouseholdType>(problems, "householdType",
            new Text($"户籍类型应为户籍、流动或境外，填写的是“{text}”", $"The household type must be 户籍, 流动 or 境外 (registered, floating, foreign), not \"{text}\"")),
    };

    static readonly string[] DateFormats = ["yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyyMMdd", "yyyy年M月d日"];
    static readonly DateOnly ExcelEpoch = new(1899, 12, 30);

    /// <summary>A date as people type it, or as Excel stores it (a day number).</summary>
    public static DateOnly? ParseDate(string text, string key, List<FieldProblem> problems)
    {
        var value = text.Trim();
        if (value.Length == 0)
            return null;
        var space = value.IndexOfAny([' ', 'T']);
        if (space > 0)
            value = value[..space];
        if (DateOnly.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        if (value.Length <= 6 && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is >= 1 and < 2958466)
            return ExcelEpoch.AddDays((int)serial);
        var header = Column(key).Zh;
        return Problem<DateOnly>(problems, key,
            new Text($"{header}应为日期，如 2024-03-01，填写的是“{text}”", $"{Column(key).En} must be a date such as 2024-03-01, not \"{text}\""));
    }

    static Dictionary<string, string> TagNames(bool police) => SpecialGroups.For(police)
        .SelectMany(g => new[] { (g.Label().Zh, g.ToString()), (NormaliseHeader(g.Label().En), g.ToString()), (NormaliseHeader(g.ToString()), g.ToString()) })
        .DistinctBy(x => x.Item1)
        .ToDictionary(x => x.Item1, x => x.Item2);

    static readonly Dictionary<string, string> GridTags = TagNames(police: false);
    static readonly Dictionary<string, string> PoliceTags = TagNames(police: true);

    /// <summary>
    /// Tags by their Chinese or English label or their name, among those the importer's side may set; anything else goes
    /// through as typed, for the register's own check to refuse (so a police-only tag stays unknown to the grid side).
    /// </summary>
    public static IReadOnlyList<string> ParseTags(string text, bool police)
    {
        var names = police ? PoliceTags : GridTags;
        return text.Split(['、', ',', '，', ';', '；', '/', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => names.GetValueOrDefault(t) ?? names.GetValueOrDefault(NormaliseHeader(t)) ?? t)
            .ToList();
    }

    static T? Problem<T>(List<FieldProblem> problems, string field, Text message) where T : struct
    {
        problems.Add(new FieldProblem(field, message));
        return null;
    }

    /// <summary>The ledger column a problem of the register's validation belongs to.</summary>
    public static string KeyOf(string field) => field switch
    {
        "point" => "grid",
        "address" => "road",
        _ => field,
    };
}
