using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Register;

public sealed record HouseForm(string? OwnerName, string? OwnerPhone = null, HouseUse? Use = null, int? AddressId = null, AddressForm? Address = null,
    string? RentalRegistrationNumber = null, DateOnly? RentalRegisteredOn = null);

public sealed record HouseValues(string OwnerName, string? OwnerPhoneSealed, string? OwnerPhoneHash, string? OwnerPhoneMasked, HouseUse Use,
    string? RentalRegistrationNumber, DateOnly? RentalRegisteredOn)
{
    public static HouseValues Of(House h) => new(h.OwnerName, h.OwnerPhoneSealed, h.OwnerPhoneHash, h.OwnerPhoneMasked, h.Use, h.RentalRegistrationNumber, h.RentalRegisteredOn);

    public void ApplyTo(House h) =>
        (h.OwnerName, h.OwnerPhoneSealed, h.OwnerPhoneHash, h.OwnerPhoneMasked, h.Use, h.RentalRegistrationNumber, h.RentalRegisteredOn) =
        (OwnerName, OwnerPhoneSealed, OwnerPhoneHash, OwnerPhoneMasked, Use, RentalRegistrationNumber, RentalRegisteredOn);

    public Dictionary<string, string?> Display(string address) => new()
    {
        ["address"] = address,
        ["owner_name"] = OwnerName,
        ["owner_phone"] = OwnerPhoneMasked,
        ["owner_phone#"] = OwnerPhoneHash,
        ["use"] = Use.ToString(),
        ["rental_registration_number"] = RentalRegistrationNumber,
        ["rental_registered_on"] = RentalRegisteredOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>Collects a house (one per standard address) or a change to one.</summary>
public sealed class CollectHouse(PoliceGridDb db, PersonalDataVault vault, PlaceAddress places, RegisterLoop loop)
{
    public async Task<CollectResult> CreateAsync(HouseForm form, Viewer viewer)
    {
        if (!viewer.CanCollect())
            return CollectResult.NotACollector;
        var problems = new List<FieldProblem>();
        var address = await RegisterAddresses.ResolveAsync(db, places, form.AddressId, form.Address, viewer, problems);
        var values = Validate(form, problems);
        if (problems.Count > 0 || values is null || address is null)
            return CollectResult.Invalid(problems);
        if (address.Id != 0 && await db.Set<House>().Where(h => h.AddressId == address.Id).Select(h => (int?)h.Id).SingleOrDefaultAsync() is { } existing)
            return new CollectResult(0, 0, [], Existing: new DuplicateHit(existing, values.OwnerName, null, null, address.Canonical));
        var house = new House { OwnerName = values.OwnerName };
        values.ApplyTo(house);
        return await loop.CreateAsync(RecordType.House, house, address, values.Display(address.Canonical), viewer);
    }

    public async Task<CollectResult> UpdateAsync(House house, HouseForm form, Viewer viewer)
    {
        if (!viewer.CanCollect())
            return CollectResult.NotACollector;
        var problems = new List<FieldProblem>();
        var values = Validate(form, problems);
        if (problems.Count > 0 || values is null)
            return CollectResult.Invalid(problems);
        var address = await loop.AddressTextAsync(house.AddressId);
        return await loop.UpdateAsync(RecordType.House, house, HouseValues.Of(house).Display(address), values.Display(address), values,
            () => values.ApplyTo(house), viewer);
    }

    HouseValues? Validate(HouseForm form, List<FieldProblem> problems)
    {
        var owner = (form.OwnerName ?? "").Trim();
        if (owner.Length == 0)
            problems.Add(new FieldProblem("ownerName", new Text("请填写房主姓名", "Enter the owner's name")));
        else if (owner.Length > 60)
            problems.Add(new FieldProblem("ownerName", new Text("房主姓名过长", "The owner's name is too long")));
        var phone = RegisterRules.OptionalPhone(form.OwnerPhone, "ownerPhone", problems);
        if (form.Use is not { } use || !Enum.IsDefined(use))
        {
            problems.Add(new FieldProblem("use", new Text("请选择房屋用途：自住、出租、空置、经营或其他", "Choose the use: self-occupied, rented, vacant, business or other")));
            use = HouseUse.Other;
        }
        var registration = form.RentalRegistrationNumber?.Trim();
        if (use != HouseUse.Rented && (!string.IsNullOrEmpty(registration) || form.RentalRegisteredOn is not null))
            problems.Add(new FieldProblem("rentalRegistrationNumber", new Text("只有出租房屋办理租赁登记", "Only a rented house has a rental registration")));
        if (registration?.Length > 40)
            problems.Add(new FieldProblem("rentalRegistrationNumber", new Text("租赁登记编号过长", "The rental registration number is too long")));
        if (form.RentalRegisteredOn > loop.Today)
            problems.Add(new FieldProblem("rentalRegisteredOn", new Text("登记日期不能晚于今天", "The registration date cannot be in the future")));
        if (problems.Count > 0)
            return null;
        var sealedPhone = phone is null ? null : vault.Protect(SealedField.Phone, phone, PhoneNumber.Mask);
        return new HouseValues(owner, sealedPhone?.Sealed, sealedPhone?.Hash, sealedPhone?.Masked, use,
            string.IsNullOrEmpty(registration) ? null : registration, form.RentalRegisteredOn);
    }
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
            problems.Add(new FieldProblem("addressId", new Text("找不到该地址", "No such address")));
            return null;
        }
        if (form is null)
        {
            problems.Add(new FieldProblem("address", new Text("请填写地址", "Enter the address")));
            return null;
        }
        var placed = await places.FindOrCreateAsync(form, viewer);
        problems.AddRange(placed.Problems);
        return placed.Address;
    }
}
