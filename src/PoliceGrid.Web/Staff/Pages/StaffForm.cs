namespace PoliceGrid.Web.Staff.Pages;

/// <summary>The fields of the staff forms, posted as <c>Form.Name</c>, <c>Form.Mobile</c>, … and shown again when refused.</summary>
public sealed class StaffForm
{
    public string? Name { get; set; }
    public string? Mobile { get; set; }
    public string? PoliceNumber { get; set; }
    public string? IdNumber { get; set; }
    public string? Role { get; set; }
    public string? Employment { get; set; }
    public string? UnitCode { get; set; }
    public string? Department { get; set; }

    public StaffInput Input => new(Name, Mobile, PoliceNumber, IdNumber, Role, Employment, UnitCode, Department);
}
