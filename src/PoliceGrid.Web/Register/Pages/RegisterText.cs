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
        RecordField.Name => Words.Pair("RecordFieldField.Name"),
        RecordField.IdNumber => Words.Pair("RecordFieldField.IdNumber"),
        RecordField.Sex => Words.Pair("RecordFieldField.Sex"),
        RecordField.BirthDate => Words.Pair("RecordFieldField.BirthDate"),
        RecordField.Phone => Words.Pair("RecordFieldField.Phone"),
        RecordField.HouseholdType => Words.Pair("RecordFieldField.HouseholdType"),
        RecordField.Address or RecordField.AddressId => Words.Pair("RecordFieldField.AddressId"),
        RecordField.HouseId => Words.Pair("RecordFieldField.HouseId"),
        RecordField.ResidentSince => Words.Pair("RecordFieldField.ResidentSince"),
        RecordField.RegistrationNumber => Words.Pair("RecordFieldField.RegistrationNumber"),
        RecordField.RegistrationExpires => Words.Pair("RecordFieldField.RegistrationExpires"),
        RecordField.Tags => Words.Pair("RecordFieldField.Tags"),
        RecordField.OwnerName => Words.Pair("RecordFieldField.OwnerName"),
        RecordField.OwnerPhone => Words.Pair("RecordFieldField.OwnerPhone"),
        RecordField.Use => Words.Pair("RecordFieldField.Use"),
        RecordField.RentalRegistrationNumber => Words.Pair("RecordFieldField.RentalRegistrationNumber"),
        RecordField.RentalRegisteredOn => Words.Pair("RecordFieldField.RentalRegisteredOn"),
        RecordField.CreditCode => Words.Pair("RecordFieldField.CreditCode"),
        RecordField.Category => Words.Pair("RecordFieldField.Category"),
        RecordField.ResponsiblePerson => Words.Pair("RecordFieldField.ResponsiblePerson"),
        RecordField.ResponsiblePhone => Words.Pair("RecordFieldField.ResponsiblePhone"),
        _ => (field, field),
    };

    /// <summary>A stored value as people read it: enum names and tag lists become words.</summary>
    public static (string Zh, string En) Value(string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
            return Words.Pair("Register.Empty");
        return RecordFields.Parse(field) switch
        {
            RecordField.Sex when Enum.TryParse<Sex>(value, out var sex) => Label(sex),
            RecordField.HouseholdType when Enum.TryParse<HouseholdType>(value, out var type) => Label(type),
            RecordField.Use when Enum.TryParse<HouseUse>(value, out var use) => Label(use),
            RecordField.Category when Enum.TryParse<OrganisationCategory>(value, out var category) => Label(category),
            RecordField.Tags => (string.Join(Words.Zh("Shell.ListComma"), SpecialGroups.Read(value).Select(t => t.Label().Zh)), string.Join(Words.En("Shell.ListComma"), SpecialGroups.Read(value).Select(t => t.Label().En))),
            _ => (value, value),
        };
    }

    public static (string Zh, string En) Label(Sex sex) => Words.PairOf(sex);

    public static (string Zh, string En) Label(HouseholdType type) => Words.PairOf(type);

    public static (string Zh, string En) Label(HouseUse use) => Words.PairOf(use);

    public static (string Zh, string En) Label(OrganisationCategory category) => Words.PairOf(category);

    public static (string Zh, string En) Label(ChangeStatus status) => Words.PairOf(status);

    public static (string Zh, string En) Label(ChangeKind kind) => kind == ChangeKind.Create ? Words.Pair("Register.NewRecord") : Words.Pair("Register.Change");

    /// <summary>What a page shows of a result: its message (<see cref="ResultMessages"/>), or each field's problem by the field's label.</summary>
    public static string Message(Result result, bool english) => Message(result, Shared.Problems.RefusedText, english).Text;

    public static (bool Ok, string Text) Message(Result result, Text done, bool english) =>
        (result.IsDone, result.FieldProblems.Count > 0 ? Problems(result.FieldProblems, english) : ResultMessages.MessageOf(result, done).In(english));

    /// <summary>A form's message when its problems sit at their fields: look below, and any problem of a field the form does not show.</summary>
    public static string MarkedBelow(FieldMarks marks, bool english) =>
        string.Join(english ? Words.En("Shell.Semicolon") : Words.Zh("Shell.Semicolon"),
            new[] { english ? Words.En("Shell.CorrectWhatIsMarkedBelow") : Words.Zh("Shell.CorrectWhatIsMarkedBelow") }
                .Concat(marks.Elsewhere.Count > 0 ? [Problems(marks.Elsewhere, english)] : []));

    public static string Problems(IEnumerable<FieldProblem> problems, bool english) =>
        string.Join(english ? Words.En("Shell.Semicolon") : Words.Zh("Shell.Semicolon"), problems.Select(p => $"{(english ? Field(p.Field).En : Field(p.Field).Zh)}: {p.Message.In(english)}"));
}
