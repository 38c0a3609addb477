using PoliceGrid.Web.Register.PersonalData;
using PoliceGrid.Web.Register.Records;
using PoliceGrid.Web.Register.Verification;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Register.Pages;

/// <summary>How the register's fields and values read on its pages.</summary>
public static class RegisterText
{
    public static (string Zh, string En) Field(string field) => RecordFields.Parse(field.TrimEnd('#')) switch
    {
        RecordField.Name => ("姓名/名称", "Name"),
        RecordField.IdNumber => ("身份证号", "ID number"),
        RecordField.Sex => ("性别", "Sex"),
        RecordField.BirthDate => ("出生日期", "Birth date"),
        RecordField.Phone => ("联系电话", "Phone"),
        RecordField.HouseholdType => ("户籍类型", "Household type"),
        RecordField.Address or RecordField.AddressId => ("地址", "Address"),
        RecordField.HouseId => ("房屋", "House"),
        RecordField.ResidentSince => ("居住起始日期", "Living here since"),
        RecordField.RegistrationNumber => ("居住登记编号", "Residence registration"),
        RecordField.RegistrationExpires => ("登记有效期至", "Registration expires"),
        RecordField.Tags => ("人员标签", "Tags"),
        RecordField.OwnerName => ("房主", "Owner"),
        RecordField.OwnerPhone => ("房主电话", "Owner's phone"),
        RecordField.Use => ("房屋用途", "Use"),
        RecordField.RentalRegistrationNumber => ("租赁登记编号", "Rental registration"),
        RecordField.RentalRegisteredOn => ("租赁登记日期", "Rental registered on"),
        RecordField.CreditCode => ("统一社会信用代码", "Credit code"),
        RecordField.Category => ("单位类别", "Category"),
        RecordField.ResponsiblePerson => ("负责人", "Person responsible"),
        RecordField.ResponsiblePhone => ("负责人电话", "Responsible's phone"),
        _ => (field, field),
    };

    /// <summary>A stored value as people read it: enum names and tag lists become words.</summary>
    public static (string Zh, string En) Value(string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
            return ("（空）", "(empty)");
        return RecordFields.Parse(field) switch
        {
            RecordField.Sex when Enum.TryParse<Sex>(value, out var sex) => Label(sex),
            RecordField.HouseholdType when Enum.TryParse<HouseholdType>(value, out var type) => Label(type),
            RecordField.Use when Enum.TryParse<HouseUse>(value, out var use) => Label(use),
            RecordField.Category when Enum.TryParse<OrganisationCategory>(value, out var category) => Label(category),
            RecordField.Tags => (string.Join("、", SpecialGroups.Read(value).Select(t => t.Label().Zh)), string.Join(", ", SpecialGroups.Read(value).Select(t => t.Label().En))),
            _ => (value, value),
        };
    }

    public static (string Zh, string En) Label(Sex sex) => sex switch
    {
        Sex.Male => ("男", "Male"),
        Sex.Female => ("女", "Female"),
        _ => ("未知", "Unknown"),
    };

    public static (string Zh, string En) Label(HouseholdType type) => type switch
    {
        HouseholdType.Registered => ("户籍", "Registered"),
        HouseholdType.Floating => ("流动", "Floating"),
        _ => ("境外", "Foreign"),
    };

    public static (string Zh, string En) Label(HouseUse use) => use switch
    {
        HouseUse.SelfOccupied => ("自住", "Self-occupied"),
        HouseUse.Rented => ("出租", "Rented"),
        HouseUse.Vacant => ("空置", "Vacant"),
        HouseUse.Business => ("经营", "Business"),
        _ => ("其他", "Other"),
    };

    public static (string Zh, string En) Label(OrganisationCategory category) => category switch
    {
        OrganisationCategory.Shop => ("商铺", "Shop"),
        OrganisationCategory.Enterprise => ("企业", "Enterprise"),
        OrganisationCategory.School => ("学校", "School"),
        OrganisationCategory.Hotel => ("旅馆", "Hotel"),
        OrganisationCategory.InternetCafe => ("网吧", "Internet café"),
        OrganisationCategory.HazardousChemicals => ("危化品单位", "Hazardous chemicals"),
        OrganisationCategory.ExpressDelivery => ("寄递物流", "Express delivery"),
        OrganisationCategory.Restaurant => ("餐饮", "Restaurant"),
        OrganisationCategory.Clinic => ("诊所医院", "Clinic"),
        OrganisationCategory.Entertainment => ("娱乐场所", "Entertainment venue"),
        _ => ("其他", "Other"),
    };

    public static (string Zh, string En) Label(ChangeStatus status) => status switch
    {
        ChangeStatus.Pending => ("待核实", "Waiting for verification"),
        ChangeStatus.Verified => ("已核实", "Verified"),
        _ => ("已退回", "Returned"),
    };

    public static (string Zh, string En) Label(ChangeKind kind) => kind == ChangeKind.Create ? ("新采集", "New record") : ("修改", "Change");

    /// <summary>What a page shows of a result: its message (<see cref="ResultMessages"/>), or each field's problem by the field's label.</summary>
    public static string Message(Result result, bool english) => Message(result, Shared.Problems.RefusedText, english).Text;

    public static (bool Ok, string Text) Message(Result result, Text done, bool english) =>
        (result.IsDone, result.FieldProblems.Count > 0 ? Problems(result.FieldProblems, english) : ResultMessages.MessageOf(result, done).In(english));

    public static string Problems(IEnumerable<FieldProblem> problems, bool english) =>
        string.Join(english ? "; " : "；", problems.Select(p => $"{(english ? Field(p.Field).En : Field(p.Field).Zh)}: {p.Message.In(english)}"));
}
