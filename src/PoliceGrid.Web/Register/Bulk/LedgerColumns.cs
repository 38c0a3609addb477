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
        new("name", Words.Zh("Shell.PersonName"), Words.En("Shell.PersonName"), "名字"),
        new("idNumber", Words.Zh("Register.IDNumber"), Words.En("Register.IDNumber"), "公民身份号码", "身份证号码", "证件号码", "身份证", "id_number"),
        new("sex", Words.Zh("Register.Sex"), Words.En("Register.Sex"), "gender"),
        new("birthDate", Words.Zh("Register.BirthDate"), Words.En("Register.BirthDate"), Words.Zh("Register.BirthDate2"), Words.En("Register.BirthDate2"), "date of birth", "birthdate"),
        new("phone", Words.Zh("Register.Phone"), Words.En("Register.Phone"), "电话", "手机", "手机号", "手机号码", Words.Zh("Register.PhoneNumber"), Words.En("Register.PhoneNumber")),
        new("householdType", Words.Zh("Register.HouseholdType"), Words.En("Register.HouseholdType"), Words.Zh("Register.HouseholdType2"), Words.En("Register.HouseholdType2")),
        new("road", Words.Zh("Register.Road"), Words.En("Register.Road"), "街路巷(自然村)", "街路巷（自然村）", "街巷", "自然村", "street"),
        new("doorNumber", Words.Zh("Register.DoorNumber"), Words.En("Register.DoorNumber"), Words.Zh("Register.DoorNumber2"), Words.En("Register.DoorNumber2")),
        new("building", Words.Zh("Register.Building"), Words.En("Register.Building"), "楼栋号", "楼号", "栋"),
        new("unitNumber", Words.Zh("Register.Unit"), Words.En("Register.Unit"), Words.Zh("Register.UnitNumber"), Words.En("Register.UnitNumber")),
        new("room", Words.Zh("Register.Room"), Words.En("Register.Room"), "室号", "户室号", "房间号"),
        new("residentSince", Words.Zh("Register.ResidentSince"), Words.En("Register.ResidentSince"), "入住日期", "居住日期", "resident_since"),
        new("registrationNumber", Words.Zh("Register.RegistrationNumber"), Words.En("Register.RegistrationNumber"), "居住证号", "居住登记号", "registration_number"),
        new("registrationExpires", Words.Zh("Register.RegistrationExpires"), Words.En("Register.RegistrationExpires"), "有效期至", "居住登记有效期至", "registration_expires"),
        new("tags", Words.Zh("Register.Tags"), Words.En("Register.Tags"), "标签", "特殊人群", "特殊人群标签"),
        new("grid", Words.Zh("Register.GridCode"), Words.En("Register.GridCode"), "网格代码", "网格", "grid_code"),
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
        _ => Problem<Sex>(problems, "sex", new Text("Register.SexMustBeMaleOrFemale", text)),
    };

    public static HouseholdType? ParseHouseholdType(string text, List<FieldProblem> problems) => NormaliseHeader(text) switch
    {
        "" => null,
        "户籍" or "户籍人口" or "常住" or "常住人口" or "registered" => HouseholdType.Registered,
        "流动" or "流动人口" or "floating" => HouseholdType.Floating,
        "境外" or "境外人员" or "境外人口" or "foreign" => HouseholdType.Foreign,
        _ => Problem<HouseholdType>(problems, "householdType",
            new Text("Register.TheHouseholdTypeMustBeOr", text)),
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
            new Text("Register.MustBeADate", Text.Data(header, Column(key).En), text));
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
