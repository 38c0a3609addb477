using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Register;

public sealed record OrganisationForm(string? Name, string? CreditCode, OrganisationCategory? Category = null, string? ResponsiblePerson = null,
    string? ResponsiblePhone = null, int? AddressId = null, AddressForm? Address = null);

public sealed record OrganisationValues(string Name, string CreditCode, OrganisationCategory Category, string ResponsiblePerson,
    string? ResponsiblePhoneSealed, string? ResponsiblePhoneHash, string? ResponsiblePhoneMasked)
{
    public static OrganisationValues Of(Organisation o) => new(o.Name, o.CreditCode, o.Category, o.ResponsiblePerson, o.ResponsiblePhoneSealed, o.ResponsiblePhoneHash, o.ResponsiblePhoneMasked);

    public void ApplyTo(Organisation o) =>
        (o.Name, o.CreditCode, o.Category, o.ResponsiblePerson, o.ResponsiblePhoneSealed, o.ResponsiblePhoneHash, o.ResponsiblePhoneMasked) =
        (Name, CreditCode, Category, ResponsiblePerson, ResponsiblePhoneSealed, ResponsiblePhoneHash, ResponsiblePhoneMasked);

    public Dictionary<string, string?> Display(string address) => new()
    {
        ["name"] = Name,
        ["credit_code"] = CreditCode,
        ["category"] = Category.ToString(),
        ["responsible_person"] = ResponsiblePerson,
        ["responsible_phone"] = ResponsiblePhoneMasked,
        ["responsible_phone#"] = ResponsiblePhoneHash,
        ["address"] = address,
    };
}

/// <summary>Collects an organisation or venue, one per unified social credit code, or a change to one.</summary>
public sealed class CollectOrganisation(PoliceGridDb db, PersonalDataVault vault, PlaceAddress places, RegisterLoop loop)
{
    public async Task<CollectResult> CreateAsync(OrganisationForm form, Viewer viewer)
    {
        if (!viewer.CanCollect())
            return CollectResult.NotACollector;
        var problems = new List<FieldProblem>();
        var address = await RegisterAddresses.ResolveAsync(db, places, form.AddressId, form.Address, viewer, problems);
        var values = Validate(form, problems);
        if (problems.Count > 0 || values is null || address is null)
            return CollectResult.Invalid(problems);
        if (await ExistingAsync(values.CreditCode, null) is { } existing)
            return new CollectResult(0, 0, [], Existing: existing);
        var organisation = new Organisation { Name = values.Name, CreditCode = values.CreditCode, ResponsiblePerson = values.ResponsiblePerson };
        values.ApplyTo(organisation);
        return await loop.CreateAsync(RecordType.Organisation, organisation, address, values.Display(address.Canonical), viewer);
    }

    public async Task<CollectResult> UpdateAsync(Organisation organisation, OrganisationForm form, Viewer viewer)
    {
        if (!viewer.CanCollect())
            return CollectResult.NotACollector;
        var problems = new List<FieldProblem>();
        var values = Validate(form, problems);
        if (problems.Count > 0 || values is null)
            return CollectResult.Invalid(problems);
        if (await ExistingAsync(values.CreditCode, organisation.Id) is { } existing)
            return new CollectResult(0, 0, [], Existing: existing);
        var address = await loop.AddressTextAsync(organisation.AddressId);
        return await loop.UpdateAsync(RecordType.Organisation, organisation, OrganisationValues.Of(organisation).Display(address), values.Display(address), values,
            () => values.ApplyTo(organisation), viewer);
    }

    async Task<DuplicateHit?> ExistingAsync(string creditCode, int? except) =>
        await db.Set<Organisation>().Where(o => o.CreditCode == creditCode && o.Id != except)
            .Join(db.Set<StandardAddress>(), o => o.AddressId, a => a.Id, (o, a) => new DuplicateHit(o.Id, o.Name, null, null, a.Canonical))
            .FirstOrDefaultAsync();

    OrganisationValues? Validate(OrganisationForm form, List<FieldProblem> problems)
    {
        var name = (form.Name ?? "").Trim();
        if (name.Length == 0)
            problems.Add(new FieldProblem("name", new Text("请填写单位名称", "Enter the organisation's name")));
        else if (name.Length > 120)
            problems.Add(new FieldProblem("name", new Text("单位名称过长", "The name is too long")));
        if (!Register.CreditCode.TryParse(form.CreditCode, out var code, out var codeProblem))
            problems.Add(new FieldProblem("creditCode", codeProblem));
        if (form.Category is not { } category || !Enum.IsDefined(category))
        {
            problems.Add(new FieldProblem("category", new Text("请选择单位类别", "Choose the category")));
            category = OrganisationCategory.Other;
        }
        var person = (form.ResponsiblePerson ?? "").Trim();
        if (person.Length == 0)
            problems.Add(new FieldProblem("responsiblePerson", new Text("请填写负责人", "Enter the person responsible")));
        else if (person.Length > 60)
            problems.Add(new FieldProblem("responsiblePerson", new Text("负责人姓名过长", "The name is too long")));
        var phone = RegisterRules.OptionalPhone(form.ResponsiblePhone, "responsiblePhone", problems);
        if (problems.Count > 0 || code is null)
            return null;
        var sealedPhone = phone is null ? null : vault.Protect(SealedField.Phone, phone, PhoneNumber.Mask);
        return new OrganisationValues(name, code, category, person, sealedPhone?.Sealed, sealedPhone?.Hash, sealedPhone?.Masked);
    }
}
