using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Register.Bulk;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Staff;

/// <summary>The columns a grid office's or station's staff ledger (人员台账) keeps, and the other headers taken for them.</summary>
public static class StaffLedger
{
    public static readonly IReadOnlyList<LedgerColumn> Columns =
    [
        new("name", Words.Zh("Shell.PersonName"), Words.En("Shell.PersonName"), "名字"),
        new("mobile", Words.Zh("Staff.Mobile"), Words.En("Staff.Mobile"), "手机", "手机号", "手机号码", "联系电话", "电话", "mobile"),
        new("policeNumber", Words.Zh("Staff.PoliceNumber"), Words.En("Staff.PoliceNumber"), "警员编号", "辅警编号", "编号", "police_number"),
        new("idNumber", Words.Zh("Register.IDNumber"), Words.En("Register.IDNumber"), "公民身份号码", "身份证号码", "证件号码", "身份证", "id_number"),
        new("role", Words.Zh("Staff.Role"), Words.En("Staff.Role"), "角色", "职务", "人员类别", "岗位类别"),
        new("employment", Words.Zh("Staff.Employment"), Words.En("Staff.Employment"), "专职/兼职", "专职兼职", "用工性质"),
        new("unitCode", Words.Zh("Staff.UnitCode"), Words.En("Staff.UnitCode"), "所属单位代码", "单位编码", "网格编码", "网格代码", "unit_code"),
        new("department", Words.Zh("Staff.Department"), Words.En("Staff.Department"), "所属部门"),
    ];

    public static readonly IReadOnlyList<string> Required = ["name", "role", "unitCode"];

    public static StaffInput InputOf(LedgerHeader header, string[] fields) => new(
        header.Cell(fields, "name"), header.Cell(fields, "mobile"), header.Cell(fields, "policeNumber"), header.Cell(fields, "idNumber"),
        header.Cell(fields, "role"), header.Cell(fields, "employment"), header.Cell(fields, "unitCode"), header.Cell(fields, "department"));

    /// <summary>A role by its Chinese or English name (as a ledger writes it) or its code.</summary>
    public static Role? ParseRole(string? text)
    {
        var key = LedgerColumns.NormaliseHeader(text ?? "");
        if (key.Length == 0)
            return null;
        foreach (var role in Enum.GetValues<Role>())
        {
            var (zh, en) = role.Label();
            if (key == LedgerColumns.NormaliseHeader(zh) || key == LedgerColumns.NormaliseHeader(en) || string.Equals(key, role.ToString(), StringComparison.OrdinalIgnoreCase))
                return role;
        }
        return key switch
        {
            "网格员" or "专职网格员" or "兼职网格员" => Role.GridWorker,
            "民警" or "社区警" => Role.CommunityOfficer,
            "辅警" => Role.AuxiliaryOfficer,
            "所长" => Role.StationHead,
            "调解员" => Role.Mediator,
            _ => null,
        };
    }

    public static Employment? ParseEmployment(string? text) => LedgerColumns.NormaliseHeader(text ?? "") switch
    {
        "专职" or "全职" or "fulltime" => Employment.FullTime,
        "兼职" or "parttime" => Employment.PartTime,
        _ => null,
    };

}
