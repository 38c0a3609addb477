using System.Globalization;
using System.Text;
using PoliceGrid.Web.Register.PersonalData;

namespace PoliceGrid.Web.Register.Records;

/// <summary>
/// Every field of a register record, named once. A form and the API name it in camelCase (<see cref="RecordFields.Form"/>),
/// a version's stored changes in snake_case (<see cref="RecordFields.Key"/>); both names come from the one value here.
/// </summary>
public enum RecordField
{
    Name,
    IdNumber,
    Sex,
    BirthDate,
    Phone,
    HouseholdType,
    Address,
    AddressId,
    HouseId,
    ResidentSince,
    RegistrationNumber,
    RegistrationExpires,
    Tags,
    OwnerName,
    OwnerPhone,
    Use,
    RentalRegistrationNumber,
    RentalRegisteredOn,
    CreditCode,
    Category,
    ResponsiblePerson,
    ResponsiblePhone,
}

public static class RecordFields
{
    static readonly Dictionary<RecordField, (string Form, string Key)> names = Enum.GetValues<RecordField>().ToDictionary(f => f, f => (Camel(f), Snake(f)));

    static readonly Dictionary<string, RecordField> byName = names
        .SelectMany(n => new[] { (n.Value.Form, n.Key), (n.Value.Key, n.Key) }).DistinctBy(n => n.Item1).ToDictionary(n => n.Item1, n => n.Item2, StringComparer.Ordinal);

    /// <summary>As a form, the API and its field problems name it: <c>idNumber</c>.</summary>
    public static string Form(this RecordField field) => names[field].Form;

    /// <summary>As a version's stored changes name it: <c>id_number</c>; a sealed field's lookup hash is stored under the key plus <c>#</c>.</summary>
    public static string Key(this RecordField field) => names[field].Key;

    /// <summary>The field a form name or a stored key names; the parts of an address name the address.</summary>
    public static RecordField? Parse(string name) =>
        byName.TryGetValue(name, out var field) ? field : name is "road" or "doorNumber" or "grid" or "point" ? RecordField.Address : null;

    public static Shared.FieldProblem Problem(this RecordField field, Shared.Text message) => new(field.Form(), message);

    static string Camel(RecordField field)
    {
        var name = field.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    static string Snake(RecordField field)
    {
        var text = new StringBuilder();
        foreach (var c in field.ToString())
        {
            if (char.IsUpper(c) && text.Length > 0)
                text.Append('_');
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }
}

/// <summary>A record's values as its history shows them (sensitive ones masked), keyed by <see cref="RecordFields.Key"/>.</summary>
public sealed class FieldValues : Dictionary<string, string?>
{
    public FieldValues() : base(StringComparer.Ordinal) { }

    public void Add(RecordField field, string? value) => this[field.Key()] = value;

    public void Add(RecordField field, DateOnly? value) => this[field.Key()] = value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public void Add<TEnum>(RecordField field, TEnum value) where TEnum : struct, Enum => this[field.Key()] = value.ToString();

    /// <summary>A sealed field: shown masked; its hash only tells a change of hidden digits apart and is never shown.</summary>
    public void Add(RecordField field, string? masked, string? hash)
    {
        this[field.Key()] = masked;
        this[field.Key() + "#"] = hash;
    }
}
