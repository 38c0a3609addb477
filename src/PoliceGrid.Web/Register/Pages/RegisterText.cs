using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Register.Pages;

/// <summary>How the register's fields and values read on its pages.</summary>
public static class RegisterText
{
    public static (string Zh, string En) Field(string field) => field switch
    {
        "name" => ("姓名/名称", "Name"),
        "id_number" or "idNumber" => ("身份证号", "ID number"),
        "sex" => ("性别", "Sex"),
        "birth_date" or "birthDate" => ("出生日期", "Birth date"),
        "phone" => ("联系电话", "Phone"),
        "household_type" or "householdType" => ("户籍类型", "Household type"),
        "address" or "addressId" or "road" or "doorNumber" or "grid" or "point" => ("地址", "Address"),
        "houseId" => ("房屋", "House"),
        "resident_since" or "residentSince" => ("居住起始日期", "Living here since"),
        "registration_number" or "registrationNumber" => ("居住登记编号", "Residence registration"),
        "registration_expires" or "registrationExpires" => ("登记有效期至", "Registration expires"),
        "tags" => ("人员标签", "Tags"),
        "owner_name" or "ownerName" => ("房主", "Owner"),
        "owner_phone" or "ownerPhone" => ("房主电话", "Owner's phone"),
        "use" => ("房屋用途", "Use"),
        "rental_registration_number" or "rentalRegistrationNumber" => ("租赁登记编号", "Rental registration"),
        "rental_registered_on" or "rentalRegisteredOn" => ("租赁登记日期", "Rental registered on"),
        "credit_code" or "creditCode" => ("统一社会信用代码", "Credit code"),
        "category" => ("单位类别", "Category"),
        "responsible_person" or "responsiblePerson" => ("负责人", "Person responsible"),
        "responsible_phone" or "responsiblePhone" => ("负责人电话", "Responsible's phone"),
        _ => (field, field),
    };

    /// <summary>A stored value as people read it: enum names and tag lists become words.</summary>
    public static (string Zh, string En) Value(string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
            return ("（空）", "(empty)");
        return field switch
        {
            "sex" when Enum.TryParse<Sex>(value, out var sex) => Label(sex),
            "household_type" when Enum.TryParse<HouseholdType>(value, out var type) => Label(type),
            "use" when Enum.TryParse<HouseUse>(value, out var use) => Label(use),
            "category" when Enum.TryParse<OrganisationCategory>(value, out var category) => Label(category),
            "tags" => (string.Join("、", SpecialGroups.Read(value).Select(t => t.Label().Zh)), string.Join(", ", SpecialGroups.Read(value).Select(t => t.Label().En))),
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

    public static string Problems(IEnumerable<FieldProblem> problems, bool english) =>
        string.Join(english ? "; " : "；", problems.Select(p => $"{(english ? Field(p.Field).En : Field(p.Field).Zh)}: {p.Message.In(english)}"));
}
