using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Register.PersonalData;
using PoliceGrid.Web.Register.Verification;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Register.Records;

public sealed record HouseForm(string? OwnerName, string? OwnerPhone = null, HouseUse? Use = null, int? AddressId = null, AddressForm? Address = null,
    string? RentalRegistrationNumber = null, DateOnly? RentalRegisteredOn = null);

public sealed record HouseValues(string OwnerName, string? OwnerPhoneSealed, string? OwnerPhoneHash, string? OwnerPhoneMasked, HouseUse Use,
    string? RentalRegistrationNumber, DateOnly? RentalRegisteredOn);

/// <summary>Collects a house (one per standard address) or a change to one.</summary>
public sealed class CollectHouse(PoliceGridDb db, PersonalDataVault vault, PlaceAddress places, RegisterLoop loop)
    : CollectRecord<House, HouseForm, HouseValues>(db, vault, places, loop)
{
    public override RecordType Type => RecordType.House;

    protected override IReadOnlyList<SealedInput<House, HouseForm>> Sealed { get; } =
        [new(SealedField.Phone, h => h.OwnerPhoneSealed, f => f.OwnerPhone, (f, phone) => f with { OwnerPhone = phone })];

    public override HouseValues ValuesOf(House h) =>
        new(h.OwnerName, h.OwnerPhoneSealed, h.OwnerPhoneHash, h.OwnerPhoneMasked, h.Use, h.RentalRegistrationNumber, h.RentalRegisteredOn);

    protected override House Blank(HouseValues values) => new() { OwnerName = values.OwnerName };

    public override void Apply(HouseValues v, House h) =>
        (h.OwnerName, h.OwnerPhoneSealed, h.OwnerPhoneHash, h.OwnerPhoneMasked, h.Use, h.RentalRegistrationNumber, h.RentalRegisteredOn) =
        (v.OwnerName, v.OwnerPhoneSealed, v.OwnerPhoneHash, v.OwnerPhoneMasked, v.Use, v.RentalRegistrationNumber, v.RentalRegisteredOn);

    public override FieldValues Display(HouseValues v, string address) => new()
    {
        { RecordField.Address, address },
        { RecordField.OwnerName, v.OwnerName },
        { RecordField.OwnerPhone, v.OwnerPhoneMasked, v.OwnerPhoneHash },
        { RecordField.Use, v.Use },
        { RecordField.RentalRegistrationNumber, v.RentalRegistrationNumber },
        { RecordField.RentalRegisteredOn, v.RentalRegisteredOn },
    };

    protected override Task<Place?> WhereAsync(HouseForm form, House? house, Viewer viewer, List<FieldProblem> problems) =>
        AddressAsync(house, form.AddressId, form.Address, viewer, problems);

    protected override HouseValues? Validate(HouseForm form, Place place, Viewer viewer, List<FieldProblem> problems)
    {
        var owner = Required(form.OwnerName, 60, RecordField.OwnerName, new Text("Register.EnterTheOwnersName"), new Text("Register.TheOwnersNameIsTooLong"), problems);
        var phone = SealPhone(form.OwnerPhone, RecordField.OwnerPhone, problems);
        var use = Choice(form.Use, RecordField.Use, new Text("Register.ChooseTheUseSelfOccupiedRented"), HouseUse.Other, problems);
        var registration = form.RentalRegistrationNumber?.Trim();
        if (use != HouseUse.Rented && (!string.IsNullOrEmpty(registration) || form.RentalRegisteredOn is not null))
            problems.Add(RecordField.RentalRegistrationNumber.Problem(new Text("Register.OnlyARentedHouseHasA")));
        if (registration?.Length > 40)
            problems.Add(RecordField.RentalRegistrationNumber.Problem(new Text("Register.TheRentalRegistrationNumberIsToo")));
        if (form.RentalRegisteredOn > Loop.Today)
            problems.Add(RecordField.RentalRegisteredOn.Problem(new Text("Register.TheRegistrationDateCannotBeIn")));
        if (problems.Count > 0)
            return null;
        return new HouseValues(owner, phone?.Sealed, phone?.Hash, phone?.Masked, use, string.IsNullOrEmpty(registration) ? null : registration, form.RentalRegisteredOn);
    }

    /// <summary>One house per address: a second one at an address that has one is the one on record.</summary>
    protected override async Task<Result<CollectResult>?> DuplicateAsync(HouseForm form, HouseValues values, Place place, House? house, Viewer viewer) =>
        house is null && place.Address.Id != 0
        && await Db.Set<House>().Where(h => h.AddressId == place.Address.Id).Select(h => (int?)h.Id).SingleOrDefaultAsync() is { } existing
            ? Existing(new DuplicateHit(existing, values.OwnerName, null, null, place.Address.Canonical))
            : null;
}

public static class RegisterAddresses
{
    /// <summary>An existing address in the viewer's area, or the one placed for what was entered.</summary>
    public static async Task<StandardAddress?> ResolveAsync(PoliceGridDb db, PlaceAddress places, int? addressId, AddressForm? form, Viewer viewer, List<FieldProblem> problems)
    {
        if (addressId is { } id)
        {
            var address = await db.Set<StandardAddress>().SingleOrDefaultAsync(a => a.Id == id);
            if (address is not null && AccessPolicy.InArea(address.AreaPath, viewer))
                return address;
            problems.Add(RecordField.AddressId.Problem(new Text("Register.NoSuchAddress")));
            return null;
        }
        if (form is null)
        {
            problems.Add(RecordField.Address.Problem(new Text("Register.EnterTheAddress")));
            return null;
        }
        var placed = await places.FindOrCreateAsync(form, viewer);
        problems.AddRange(placed.Problems);
        return placed.Address;
    }
}
