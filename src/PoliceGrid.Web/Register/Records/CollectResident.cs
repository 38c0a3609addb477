using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Register.PersonalData;
using PoliceGrid.Web.Register.Verification;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Register.Records;

/// <summary>A resident as a collector enters one: where they live is an existing address or house, or a new address.</summary>
public sealed record ResidentForm(string? Name, string? IdNumber = null, Sex? Sex = null, DateOnly? BirthDate = null, string? Phone = null,
    HouseholdType? HouseholdType = null, int? HouseId = null, int? AddressId = null, AddressForm? Address = null,
    DateOnly? ResidentSince = null, string? RegistrationNumber = null, DateOnly? RegistrationExpires = null,
    IReadOnlyList<string>? Tags = null, bool ConfirmNotDuplicate = false);

/// <summary>A resident's stored field values (sensitive ones sealed); also what a pending change proposes.</summary>
public sealed record ResidentValues(string Name, string? IdNumberSealed, string? IdNumberHash, string? IdNumberMasked, Sex Sex, DateOnly? BirthDate,
    string? PhoneSealed, string? PhoneHash, string? PhoneMasked, HouseholdType HouseholdType, int AddressId, int? HouseId,
    DateOnly? ResidentSince, string? RegistrationNumber, DateOnly? RegistrationExpires, string Tags);

/// <summary>Collects a new resident or a change to one: validation, one person one record, likely duplicates, then the loop.</summary>
public sealed class CollectResident(PoliceGridDb db, PersonalDataVault vault, PlaceAddress places, RegisterLoop loop, DuplicateLookups lookups)
    : CollectRecord<Resident, ResidentForm, ResidentValues>(db, vault, places, loop)
{
    public override RecordType Type => RecordType.Resident;

    protected override IReadOnlyList<SealedInput<Resident, ResidentForm>> Sealed { get; } =
    [
        new(SealedField.IdNumber, r => r.IdNumberSealed, f => f.IdNumber, (f, id) => f with { IdNumber = id }),
        new(SealedField.Phone, r => r.PhoneSealed, f => f.Phone, (f, phone) => f with { Phone = phone }),
    ];

    public override ResidentValues ValuesOf(Resident r) => new(r.Name, r.IdNumberSealed, r.IdNumberHash, r.IdNumberMasked, r.Sex, r.BirthDate,
        r.PhoneSealed, r.PhoneHash, r.PhoneMasked, r.HouseholdType, r.AddressId, r.HouseId, r.ResidentSince, r.RegistrationNumber,
        r.RegistrationExpires, r.Tags);

    protected override Resident Blank(ResidentValues values) => new() { Name = values.Name };

    public override void Apply(ResidentValues v, Resident r)
    {
        (r.Name, r.IdNumberSealed, r.IdNumberHash, r.IdNumberMasked, r.Sex, r.BirthDate) = (v.Name, v.IdNumberSealed, v.IdNumberHash, v.IdNumberMasked, v.Sex, v.BirthDate);
        (r.PhoneSealed, r.PhoneHash, r.PhoneMasked, r.HouseholdType, r.HouseId) = (v.PhoneSealed, v.PhoneHash, v.PhoneMasked, v.HouseholdType, v.HouseId);
        (r.ResidentSince, r.RegistrationNumber, r.RegistrationExpires, r.Tags) = (v.ResidentSince, v.RegistrationNumber, v.RegistrationExpires, v.Tags);
    }

    public override FieldValues Display(ResidentValues v, string address) => new()
    {
        { RecordField.Name, v.Name },
        { RecordField.IdNumber, v.IdNumberMasked, v.IdNumberHash },
        { RecordField.Sex, v.Sex },
        { RecordField.BirthDate, v.BirthDate },
        { RecordField.Phone, v.PhoneMasked, v.PhoneHash },
        { RecordField.HouseholdType, v.HouseholdType },
        { RecordField.Address, address },
        { RecordField.ResidentSince, v.ResidentSince },
        { RecordField.RegistrationNumber, v.RegistrationNumber },
        { RecordField.RegistrationExpires, v.RegistrationExpires },
        { RecordField.Tags, v.Tags },
    };

    /// <summary>A change that names no place keeps the resident where she is.</summary>
    protected override async Task<Place?> WhereAsync(ResidentForm form, Resident? resident, Viewer viewer, List<FieldProblem> problems)
    {
        if (resident is not null && form.HouseId is null && form.AddressId is null && form.Address is null)
            return await CurrentPlaceAsync(resident, resident.HouseId);
        if (form.HouseId is { } houseId)
        {
            var house = await Db.Set<House>().AsNoTracking().SingleOrDefaultAsync(h => h.Id == houseId);
            if (house is null || !AccessPolicy.InArea(house.AreaPath, viewer))
            {
                problems.Add(RecordField.HouseId.Problem(new Text("Register.NoSuchHouse")));
                return null;
            }
            return new Place(await Db.Set<StandardAddress>().SingleAsync(a => a.Id == house.AddressId), house.Id);
        }
        return await AddressAsync(null, form.AddressId, form.Address, viewer, problems);
    }

    protected override ResidentValues? Validate(ResidentForm form, Place place, Viewer viewer, List<FieldProblem> problems) =>
        Validate(form, viewer, place.Address.Id, place.HouseId, problems);

    protected override ResidentValues PlacedAt(ResidentValues values, Place place) => values with { AddressId = place.Address.Id, HouseId = place.HouseId };

    protected override int AddressOf(ResidentValues values, int current) => values.AddressId;

    /// <summary>The grid side never sees police-only tags, so its changes keep them as they are.</summary>
    protected override ResidentValues Keep(ResidentValues values, Resident resident, Viewer viewer)
    {
        if (viewer.SeesPoliceOnly())
            return values;
        var kept = SpecialGroups.Read(resident.Tags).Where(t => t.IsPoliceOnly());
        return values with { Tags = SpecialGroups.Store(SpecialGroups.Read(values.Tags).Concat(kept)) };
    }

    protected override async Task<Result<CollectResult>?> DuplicateAsync(ResidentForm form, ResidentValues values, Place place, Resident? resident, Viewer viewer)
    {
        if (values.IdNumberHash is { } hash)
            return await SameIdNumberAsync(hash, resident?.Id, resident is null ? place.Address : null, viewer);
        if (resident is not null || form.ConfirmNotDuplicate)
            return null;
        var likely = await LikelyDuplicatesAsync(values, place.Address.Id, viewer);
        return likely.Count == 0 ? null : new Result<CollectResult>(Outcome.Conflict, new CollectResult(0, 0, LikelyDuplicates: likely),
            new Text("Register.ThisPersonMayAlreadyBeOn2"));
    }

    /// <summary>Checks a form and seals its numbers, saving nothing; the API and ledger import share it. Thread-safe.</summary>
    public ResidentValues? Validate(ResidentForm form, Viewer viewer, int addressId, int? houseId, List<FieldProblem> problems)
    {
        var name = Required(form.Name, 60, RecordField.Name, new Text("Register.EnterTheName"), new Text("Register.TheNameIsTooLong3"), problems);

        var today = Loop.Today;
        IdNumber? id = null;
        if (!string.IsNullOrWhiteSpace(form.IdNumber))
        {
            if (IdNumber.TryParse(form.IdNumber, today, out var parsed, out var idProblem))
                id = parsed;
            else
                problems.Add(RecordField.IdNumber.Problem(idProblem));
        }
        var birthDate = form.BirthDate;
        var sex = form.Sex ?? Sex.Unknown;
        if (id is not null)
        {
            if (birthDate is { } given && given != id.BirthDate)
                problems.Add(RecordField.BirthDate.Problem(new Text("Register.TheBirthDateDoesNotMatch")));
            if (sex != Sex.Unknown && sex != id.Sex)
                problems.Add(RecordField.Sex.Problem(new Text("Register.TheSexDoesNotMatchThe")));
            (birthDate, sex) = (id.BirthDate, id.Sex);
        }
        else if (string.IsNullOrWhiteSpace(form.IdNumber) && birthDate is null)
            problems.Add(RecordField.BirthDate.Problem(new Text("Register.WithoutAnIDNumberEnterThe")));
        if (birthDate > today)
            problems.Add(RecordField.BirthDate.Problem(new Text("Register.TheBirthDateCannotBeIn")));

        var phone = SealPhone(form.Phone, RecordField.Phone, problems);
        var type = Choice(form.HouseholdType, RecordField.HouseholdType,
            new Text("Register.ChooseTheHouseholdTypeRegisteredFloating"), HouseholdType.Registered, problems);
        if (type != HouseholdType.Floating && (!string.IsNullOrWhiteSpace(form.RegistrationNumber) || form.RegistrationExpires is not null))
            problems.Add(RecordField.RegistrationNumber.Problem(new Text("Register.OnlyFloatingResidentsHaveAResidence")));
        if (form.ResidentSince is { } since && (since > today || (birthDate is { } born && since < born)))
            problems.Add(RecordField.ResidentSince.Problem(new Text("Register.TheDateTheyMovedInMust")));
        var registrationNumber = form.RegistrationNumber?.Trim();
        if (registrationNumber?.Length > 40)
            problems.Add(RecordField.RegistrationNumber.Problem(new Text("Register.TheRegistrationNumberIsTooLong")));
        var tags = RegisterRules.ParseTags(form.Tags, viewer.SeesPoliceOnly(), problems);
        if (problems.Count > 0)
            return null;

        var sealedId = id is null ? null : Vault.Protect(SealedField.IdNumber, id.Value, IdNumber.Mask);
        return new ResidentValues(name, sealedId?.Sealed, sealedId?.Hash, sealedId?.Masked, sex, birthDate,
            phone?.Sealed, phone?.Hash, phone?.Masked, type, addressId, houseId, form.ResidentSince,
            string.IsNullOrEmpty(registrationNumber) ? null : registrationNumber, form.RegistrationExpires, SpecialGroups.Store(tags));
    }

    /// <summary>
    /// Why a number already on record is refused: in the collector's area, the one pointer she needs; outside it, only
    /// that it is registered elsewhere (and, for a new record at <paramref name="at"/>, a check for the record's officer).
    /// Null when no other record holds it. Every lookup is throttled and every hit audited (<see cref="DuplicateLookups"/>).
    /// </summary>
    async Task<Result<CollectResult>?> SameIdNumberAsync(string hash, int? except, StandardAddress? at, Viewer viewer)
    {
        if (await lookups.RefusedAsync(viewer) is { } wait)
            return CollectResult.Throttled(wait);
        if ((await lookups.HoldersAsync([hash], except)).Values.FirstOrDefault() is not { } holder)
            return null;
        var inArea = AccessPolicy.InArea(holder.AreaPath, viewer);
        if (!inArea && at is { Id: 0 })
            await Loop.SaveAddressAsync(at);
        await lookups.HitAsync(holder, inArea ? null : at?.Id, at?.AreaPath ?? viewer.Unit.AreaPath, viewer);
        await Db.SaveChangesAsync();
        if (!inArea)
            return CollectResult.RegisteredElsewhere;
        var existing = await Db.Set<Resident>().Where(r => r.Id == holder.Id)
            .Join(Db.Set<StandardAddress>(), r => r.AddressId, a => a.Id, (r, a) => new DuplicateHit(r.Id, r.Name, r.IdNumberMasked, r.BirthDate, a.Canonical))
            .SingleAsync();
        return Existing(existing);
    }

    /// <summary>Same name and birth date, or same name at the same address, among the records the collector may see.</summary>
    async Task<IReadOnlyList<DuplicateHit>> LikelyDuplicatesAsync(ResidentValues values, int addressId, Viewer viewer) =>
        await AccessPolicy.InArea(Db.Set<Resident>().AsNoTracking(), viewer, r => r.AreaPath)
            .Where(r => r.Name == values.Name && (r.BirthDate == values.BirthDate || r.AddressId == addressId))
            .Join(Db.Set<StandardAddress>(), r => r.AddressId, a => a.Id, (r, a) => new DuplicateHit(r.Id, r.Name, r.IdNumberMasked, r.BirthDate, a.Canonical))
            .Take(10).ToListAsync();
}
