using PoliceGrid.Web.Register.PersonalData;
using PoliceGrid.Web.Register.Records;

namespace PoliceGrid.Web.Register.Records.Pages;

/// <summary>A resident form as posted by a page; the checked tags come from the form's repeated <c>tag</c> fields.</summary>
public sealed class ResidentInput
{
    public string? Name { get; set; }
    public string? IdNumber { get; set; }
    public Sex? Sex { get; set; }
    public DateOnly? BirthDate { get; set; }
    public string? Phone { get; set; }
    public HouseholdType? HouseholdType { get; set; }
    public DateOnly? ResidentSince { get; set; }
    public string? RegistrationNumber { get; set; }
    public DateOnly? RegistrationExpires { get; set; }
    public bool ConfirmNotDuplicate { get; set; }

    public ResidentForm ToForm(int? houseId, IReadOnlyList<string> tags) => new(Name, IdNumber, Sex is PersonalData.Sex.Unknown ? null : Sex, BirthDate,
        Phone, HouseholdType, houseId, null, null, ResidentSince, RegistrationNumber, RegistrationExpires, tags, ConfirmNotDuplicate);

    /// <summary>A change form starts from what is on record; sealed numbers are left blank and kept unless retyped.</summary>
    public static ResidentInput From(ResidentDetails details) => new()
    {
        Name = details.Row.Name,
        Sex = details.Row.Sex,
        BirthDate = details.Row.BirthDate,
        HouseholdType = details.Row.HouseholdType,
        ResidentSince = details.ResidentSince,
        RegistrationNumber = details.RegistrationNumber,
        RegistrationExpires = details.RegistrationExpires,
    };
}

public sealed class ReasonInput
{
    public string? Reason { get; set; }
    public long ChangeId { get; set; }
}
