using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Register;

/// <summary>A resident as a collector enters one: where they live is an existing address or house, or a new address.</summary>
public sealed record ResidentForm(string? Name, string? IdNumber = null, Sex? Sex = null, DateOnly? BirthDate = null, string? Phone = null,
    HouseholdType? HouseholdType = null, int? HouseId = null, int? AddressId = null, AddressForm? Address = null,
    DateOnly? ResidentSince = null, string? RegistrationNumber = null, DateOnly? RegistrationExpires = null,
    IReadOnlyList<string>? Tags = null, bool ConfirmNotDuplicate = false);

/// <summary>A resident's stored field values (sensitive ones sealed); also what a pending change proposes.</summary>
public sealed record ResidentValues(string Name, string? IdNumberSealed, string? IdNumberHash, string? IdNumberMasked, Sex Sex, DateOnly? BirthDate,
    string? PhoneSealed, string? PhoneHash, string? PhoneMasked, HouseholdType HouseholdType, int AddressId, int? HouseId,
    DateOnly? ResidentSince, string? RegistrationNumber, DateOnly? RegistrationExpires, string Tags)
{
    public static ResidentValues Of(Resident r) => new(r.Name, r.IdNumberSealed, r.IdNumberHash, r.IdNumberMasked, r.Sex, r.BirthDate,
        r.PhoneSealed, r.PhoneHash, r.PhoneMasked, r.HouseholdType, r.AddressId, r.HouseId, r.ResidentSince, r.RegistrationNumber,
        r.RegistrationExpires, r.Tags);

    public void ApplyTo(Resident r)
    {
        (r.Name, r.IdNumberSealed, r.IdNumberHash, r.IdNumberMasked, r.Sex, r.BirthDate) = (Name, IdNumberSealed, IdNumberHash, IdNumberMasked, Sex, BirthDate);
        (r.PhoneSealed, r.PhoneHash, r.PhoneMasked, r.HouseholdType, r.HouseId) = (PhoneSealed, PhoneHash, PhoneMasked, HouseholdType, HouseId);
        (r.ResidentSince, r.RegistrationNumber, r.RegistrationExpires, r.Tags) = (ResidentSince, RegistrationNumber, RegistrationExpires, Tags);
    }

    /// <summary>As history shows it; keys ending in # only tell a changed sealed value apart and are never shown.</summary>
    public Dictionary<string, string?> Display(string address) => new()
    {
        ["name"] = Name,
        ["id_number"] = IdNumberMasked,
        ["id_number#"] = IdNumberHash,
        ["sex"] = Sex.ToString(),
        ["birth_date"] = BirthDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["phone"] = PhoneMasked,
        ["phone#"] = PhoneHash,
        ["household_type"] = HouseholdType.ToString(),
        ["address"] = address,
        ["resident_since"] = ResidentSince?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["registration_number"] = RegistrationNumber,
        ["registration_expires"] = RegistrationExpires?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["tags"] = Tags,
    };
}

/// <summary>Collects a new resident or a change to one: validation, one person one record, likely duplicates, then the loop.</summary>
public sealed class CollectResident(PoliceGridDb db, PersonalDataVault vault, PlaceAddress places, RegisterLoop loop, DuplicateLookups lookups)
{
    public async Task<CollectResult> CreateAsync(ResidentForm form, Viewer viewer)
    {
        if (!viewer.CanCollect())
            return CollectResult.NotACollector;
        var problems = new List<FieldProblem>();
        var (address, houseId) = await WhereAsync(form, viewer, problems);
        var values = Validate(form, viewer, address?.Id ?? 0, houseId, problems);
        if (problems.Count > 0 || values is null || address is null)
            return CollectResult.Invalid(problems);

        if (values.IdNumberHash is { } hash && await SameIdNumberAsync(hash, null, address, viewer) is { } refused)
            return refused;
        if (values.IdNumberHash is null && !form.ConfirmNotDuplicate)
        {
            var likely = await LikelyDuplicatesAsync(values, address.Id, viewer);
            if (likely.Count > 0)
                return new CollectResult(0, 0, [], LikelyDuplicates: likely);
        }

        var resident = new Resident { Name = values.Name };
        values.ApplyTo(resident);
        return await loop.CreateAsync(RecordType.Resident, resident, address, values.Display(address.Canonical), viewer);
    }

    public async Task<CollectResult> UpdateAsync(Resident resident, ResidentForm form, Viewer viewer)
    {
        if (!viewer.CanCollect())
            return CollectResult.NotACollector;
        // Sealed numbers are never sent back to a form, so a blank one means "keep what is on record".
        if (string.IsNullOrWhiteSpace(form.IdNumber) && resident.IdNumberSealed is { } sealedId)
            form = form with { IdNumber = vault.Open(SealedField.IdNumber, sealedId) };
        if (string.IsNullOrWhiteSpace(form.Phone) && resident.PhoneSealed is { } sealedPhone)
            form = form with { Phone = vault.Open(SealedField.Phone, sealedPhone) };
        var problems = new List<FieldProblem>();
        var (address, houseId) = form.HouseId is null && form.AddressId is null && form.Address is null
            ? (await db.Set<StandardAddress>().SingleAsync(a => a.Id == resident.AddressId), resident.HouseId)
            : await WhereAsync(form, viewer, problems);
        var values = Validate(form, viewer, address?.Id ?? 0, houseId, problems);
        if (problems.Count > 0 || values is null || address is null)
            return CollectResult.Invalid(problems);
        if (values.IdNumberHash is { } hash && await SameIdNumberAsync(hash, resident.Id, null, viewer) is { } refused)
            return refused;
        if (address.Id == 0)
            await db.SaveChangesAsync();

        // The grid side never sees police-only tags, so its changes keep them as they are.
        if (!viewer.SeesPoliceOnly())
        {
            var kept = SpecialGroups.Read(resident.Tags).Where(t => t.IsPoliceOnly());
            values = values with { Tags = SpecialGroups.Store(SpecialGroups.Read(values.Tags).Concat(kept)) };
        }
        var before = ResidentValues.Of(resident).Display(await loop.AddressTextAsync(resident.AddressId));
        var after = values.Display(address.Canonical);
        return await loop.UpdateAsync(RecordType.Resident, resident, before, after, values with { AddressId = address.Id },
            () => ApplyWithPlace(resident, values with { AddressId = address.Id }, address), viewer);
    }

    public static void ApplyWithPlace(Resident resident, ResidentValues values, StandardAddress address)
    {
        values.ApplyTo(resident);
        resident.PlaceAt(address);
    }

    /// <summary>Checks a form and seals its numbers, saving nothing; the API and ledger import share it. Thread-safe.</summary>
    public ResidentValues? Validate(ResidentForm form, Viewer viewer, int addressId, int? houseId, List<FieldProblem> problems)
    {
        var name = (form.Name ?? "").Trim();
        if (name.Length == 0)
            problems.Add(new FieldProblem("name", new Text("请填写姓名", "Enter the name")));
        else if (name.Length > 60)
            problems.Add(new FieldProblem("name", new Text("姓名过长", "The name is too long")));

        var today = loop.Today;
        IdNumber? id = null;
        if (!string.IsNullOrWhiteSpace(form.IdNumber))
        {
            if (IdNumber.TryParse(form.IdNumber, today, out var parsed, out var idProblem))
                id = parsed;
            else
                problems.Add(new FieldProblem("idNumber", idProblem));
        }
        var birthDate = form.BirthDate;
        var sex = form.Sex ?? Sex.Unknown;
        if (id is not null)
        {
            if (birthDate is { } given && given != id.BirthDate)
                problems.Add(new FieldProblem("birthDate", new Text("出生日期与身份证号不符", "The birth date does not match the ID number")));
            if (sex != Sex.Unknown && sex != id.Sex)
                problems.Add(new FieldProblem("sex", new Text("性别与身份证号不符", "The sex does not match the ID number")));
            (birthDate, sex) = (id.BirthDate, id.Sex);
        }
        else if (string.IsNullOrWhiteSpace(form.IdNumber) && birthDate is null)
            problems.Add(new FieldProblem("birthDate", new Text("没有身份证号时请填写出生日期", "Without an ID number, enter the birth date")));
        if (birthDate > today)
            problems.Add(new FieldProblem("birthDate", new Text("出生日期不能晚于今天", "The birth date cannot be in the future")));

        var phone = RegisterRules.OptionalPhone(form.Phone, "phone", problems);
        if (form.HouseholdType is not { } type || !Enum.IsDefined(type))
        {
            problems.Add(new FieldProblem("householdType", new Text("请选择户籍类型：户籍、流动或境外", "Choose the household type: registered, floating or foreign")));
            type = HouseholdType.Registered;
        }
        if (type != HouseholdType.Floating && (!string.IsNullOrWhiteSpace(form.RegistrationNumber) || form.RegistrationExpires is not null))
            problems.Add(new FieldProblem("registrationNumber", new Text("只有流动人口办理居住登记", "Only floating residents have a residence registration")));
        if (form.ResidentSince is { } since && (since > today || (birthDate is { } born && since < born)))
            problems.Add(new FieldProblem("residentSince", new Text("居住起始日期应在出生之后、今天之前", "The date they moved in must lie between birth and today")));
        var registrationNumber = form.RegistrationNumber?.Trim();
        if (registrationNumber?.Length > 40)
            problems.Add(new FieldProblem("registrationNumber", new Text("居住登记编号过长", "The registration number is too long")));
        var tags = RegisterRules.ParseTags(form.Tags, viewer.SeesPoliceOnly(), problems);
        if (problems.Count > 0)
            return null;

        var sealedId = id is null ? null : vault.Protect(SealedField.IdNumber, id.Value, IdNumber.Mask);
        var sealedPhone = phone is null ? null : vault.Protect(SealedField.Phone, phone, PhoneNumber.Mask);
        return new ResidentValues(name, sealedId?.Sealed, sealedId?.Hash, sealedId?.Masked, sex, birthDate,
            sealedPhone?.Sealed, sealedPhone?.Hash, sealedPhone?.Masked, type, addressId, houseId, form.ResidentSince,
            string.IsNullOrEmpty(registrationNumber) ? null : registrationNumber, form.RegistrationExpires, SpecialGroups.Store(tags));
    }

    async Task<(StandardAddress? Address, int? HouseId)> WhereAsync(ResidentForm form, Viewer viewer, List<FieldProblem> problems)
    {
        if (form.HouseId is { } houseId)
        {
            var house = await db.Set<House>().AsNoTracking().SingleOrDefaultAsync(h => h.Id == houseId);
            if (house is null || !AccessPolicy.InArea(house.AreaPath, viewer))
            {
                problems.Add(new FieldProblem("houseId", new Text("找不到该房屋", "No such house")));
                return (null, null);
            }
            return (await db.Set<StandardAddress>().SingleAsync(a => a.Id == house.AddressId), house.Id);
        }
        return (await RegisterAddresses.ResolveAsync(db, places, form.AddressId, form.Address, viewer, problems), null);
    }

    /// <summary>
    /// Why a number already on record is refused: in the collector's area, the one pointer she needs; outside it, only
    /// that it is registered elsewhere (and, for a new record at <paramref name="at"/>, a check for the record's officer).
    /// Null when no other record holds it. Every lookup is throttled and every hit audited (<see cref="DuplicateLookups"/>).
    /// </summary>
    async Task<CollectResult?> SameIdNumberAsync(string hash, int? except, StandardAddress? at, Viewer viewer)
    {
        if (await lookups.RefusedAsync(viewer) is { } wait)
            return CollectResult.Throttled(wait);
        if ((await lookups.HoldersAsync([hash], except)).Values.FirstOrDefault() is not { } holder)
            return null;
        var inArea = AccessPolicy.InArea(holder.AreaPath, viewer);
        if (!inArea && at is { Id: 0 })
            await loop.SaveAddressAsync(at);
        await lookups.HitAsync(holder, inArea ? null : at?.Id, at?.AreaPath ?? viewer.Unit.AreaPath, viewer);
        await db.SaveChangesAsync();
        if (!inArea)
            return CollectResult.RegisteredElsewhere;
        var existing = await db.Set<Resident>().Where(r => r.Id == holder.Id)
            .Join(db.Set<StandardAddress>(), r => r.AddressId, a => a.Id, (r, a) => new DuplicateHit(r.Id, r.Name, r.IdNumberMasked, r.BirthDate, a.Canonical))
            .SingleAsync();
        return new CollectResult(0, 0, [], Existing: existing);
    }

    /// <summary>Same name and birth date, or same name at the same address, among the records the collector may see.</summary>
    async Task<IReadOnlyList<DuplicateHit>> LikelyDuplicatesAsync(ResidentValues values, int addressId, Viewer viewer) =>
        await AccessPolicy.InArea(db.Set<Resident>().AsNoTracking(), viewer, r => r.AreaPath)
            .Where(r => r.Name == values.Name && (r.BirthDate == values.BirthDate || r.AddressId == addressId))
            .Join(db.Set<StandardAddress>(), r => r.AddressId, a => a.Id, (r, a) => new DuplicateHit(r.Id, r.Name, r.IdNumberMasked, r.BirthDate, a.Canonical))
            .Take(10).ToListAsync();
}
