using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Register.PersonalData;
using PoliceGrid.Web.Register.Verification;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Register.Records;

public sealed record OrganisationForm(string? Name, string? CreditCode, OrganisationCategory? Category = null, string? ResponsiblePerson = null,
    string? ResponsiblePhone = null, int? AddressId = null, AddressForm? Address = null);

public sealed record OrganisationValues(string Name, string CreditCode, OrganisationCategory Category, string ResponsiblePerson,
    string? ResponsiblePhoneSealed, string? ResponsiblePhoneHash, string? ResponsiblePhoneMasked);

/// <summary>Collects an organisation or venue, one per unified social credit code, or a change to one.</summary>
public sealed class CollectOrganisation(PoliceGridDb db, PersonalDataVault vault, PlaceAddress places, RegisterLoop loop)
    : CollectRecord<Organisation, OrganisationForm, OrganisationValues>(db, vault, places, loop)
{
    public override RecordType Type => RecordType.Organisation;

    protected override IReadOnlyList<SealedInput<Organisation, OrganisationForm>> Sealed { get; } =
        [new(SealedField.Phone, o => o.ResponsiblePhoneSealed, f => f.ResponsiblePhone, (f, phone) => f with { ResponsiblePhone = phone })];

    public override OrganisationValues ValuesOf(Organisation o) =>
        new(o.Name, o.CreditCode, o.Category, o.ResponsiblePerson, o.ResponsiblePhoneSealed, o.ResponsiblePhoneHash, o.ResponsiblePhoneMasked);

    protected override Organisation Blank(OrganisationValues values) => new() { Name = values.Name, CreditCode = values.CreditCode, ResponsiblePerson = values.ResponsiblePerson };

    public override void Apply(OrganisationValues v, Organisation o) =>
        (o.Name, o.CreditCode, o.Category, o.ResponsiblePerson, o.ResponsiblePhoneSealed, o.ResponsiblePhoneHash, o.ResponsiblePhoneMasked) =
        (v.Name, v.CreditCode, v.Category, v.ResponsiblePerson, v.ResponsiblePhoneSealed, v.ResponsiblePhoneHash, v.ResponsiblePhoneMasked);

    public override FieldValues Display(OrganisationValues v, string address) => new()
    {
        { RecordField.Name, v.Name },
        { RecordField.CreditCode, v.CreditCode },
        { RecordField.Category, v.Category },
        { RecordField.ResponsiblePerson, v.ResponsiblePerson },
        { RecordField.ResponsiblePhone, v.ResponsiblePhoneMasked, v.ResponsiblePhoneHash },
        { RecordField.Address, address },
    };

    protected override Task<Place?> WhereAsync(OrganisationForm form, Organisation? organisation, Viewer viewer, List<FieldProblem> problems) =>
        AddressAsync(organisation, form.AddressId, form.Address, viewer, problems);

    protected override OrganisationValues? Validate(OrganisationForm form, Place place, Viewer viewer, List<FieldProblem> problems)
    {
        var name = Required(form.Name, 120, RecordField.Name, new Text("Register.EnterTheOrganisationsName"), new Text("Register.TheNameIsTooLong"), problems);
        if (!PersonalData.CreditCode.TryParse(form.CreditCode, out var code, out var codeProblem))
            problems.Add(RecordField.CreditCode.Problem(codeProblem));
        var category = Choice(form.Category, RecordField.Category, new Text("Register.ChooseTheCategory"), OrganisationCategory.Other, problems);
        var person = Required(form.ResponsiblePerson, 60, RecordField.ResponsiblePerson, new Text("Register.EnterThePersonResponsible"), new Text("Register.TheNameIsTooLong2"), problems);
        var phone = SealPhone(form.ResponsiblePhone, RecordField.ResponsiblePhone, problems);
        if (problems.Count > 0 || code is null)
            return null;
        return new OrganisationValues(name, code, category, person, phone?.Sealed, phone?.Hash, phone?.Masked);
    }

    protected override async Task<Result<CollectResult>?> DuplicateAsync(OrganisationForm form, OrganisationValues values, Place place, Organisation? organisation, Viewer viewer) =>
        await Db.Set<Organisation>().Where(o => o.CreditCode == values.CreditCode && o.Id != (organisation == null ? 0 : organisation.Id))
            .Join(Db.Set<StandardAddress>(), o => o.AddressId, a => a.Id, (o, a) => new DuplicateHit(o.Id, o.Name, null, null, a.Canonical))
            .FirstOrDefaultAsync() is { } existing ? Existing(existing) : null;
}
