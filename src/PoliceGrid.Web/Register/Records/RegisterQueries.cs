using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Register.PersonalData;
using PoliceGrid.Web.Register.Verification;

namespace PoliceGrid.Web.Register.Records;

public sealed record ResidentRow(int Id, string Name, string? IdNumberMasked, Sex Sex, DateOnly? BirthDate, string? PhoneMasked,
    HouseholdType HouseholdType, string Address, int? HouseId, RecordStatus Status, bool HasPendingChange, IReadOnlyList<SpecialGroup> Tags);

public sealed record HouseRow(int Id, string Address, string OwnerName, string? OwnerPhoneMasked, HouseUse Use, string? RentalRegistrationNumber,
    RecordStatus Status, bool HasPendingChange, int Residents);

public sealed record OrganisationRow(int Id, string Name, string CreditCode, OrganisationCategory Category, string ResponsiblePerson,
    string? ResponsiblePhoneMasked, string Address, RecordStatus Status, bool HasPendingChange);

public sealed record ChangeRow(long Id, RecordType RecordType, int RecordId, string RecordName, ChangeKind Kind, ChangeStatus Status,
    IReadOnlyDictionary<string, string?[]> Changes, string CollectedBy, DateTime CollectedAt, string? ReviewedBy, DateTime? ReviewedAt,
    string? Reason, int? Version);

public sealed record ResidentDetails(ResidentRow Row, DateOnly? ResidentSince, string? RegistrationNumber, DateOnly? RegistrationExpires,
    int Version, string? ReturnReason, ChangeRow? PendingChange, bool CanVerify, IReadOnlyList<ChangeRow> History);

public sealed record HouseDetails(HouseRow Row, DateOnly? RentalRegisteredOn, int Version, string? ReturnReason, ChangeRow? PendingChange,
    bool CanVerify, IReadOnlyList<ResidentRow> Residents, IReadOnlyList<ChangeRow> History);

public sealed record OrganisationDetails(OrganisationRow Row, int Version, string? ReturnReason, ChangeRow? PendingChange, bool CanVerify,
    IReadOnlyList<ChangeRow> History);

public sealed record RegisterQuery(string? Q = null, SpecialGroup? Tag = null, RecordStatus? Status = null, HouseholdType? HouseholdType = null,
    int? UnitId = null, int Page = 1, int PageSize = 50);

/// <summary>Lists, search and pages of the register, always through the viewer's area and side.</summary>
public sealed class RegisterQueries(PoliceGridDb db, PersonalDataVault vault, Audit.AuditTrail audit)
{
    public const int MaxPageSize = 200;

    /// <summary>The grids a collector may place a record in, for the pages' grid pickers.</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> GridChoicesAsync(Viewer viewer) =>
        (await AccessPolicy.Visible(db.Units.AsNoTracking().Where(u => u.Kind == Units.UnitKind.Grid), viewer)
            .OrderBy(u => u.Code).Take(300).Select(u => new { u.Id, u.Name, u.Path }).ToListAsync())
            .Where(u => AccessPolicy.InArea(u.Path, viewer)).Select(u => (u.Id, u.Name)).ToList();

    /// <summary>Residents the viewer may see; a full ID or phone number is found by its keyed hash, anything else by name or address.</summary>
    public async Task<IQueryable<Resident>> ResidentsAsync(RegisterQuery query, Viewer viewer)
    {
        var residents = AccessPolicy.InArea(db.Set<Resident>().AsNoTracking(), viewer, r => r.AreaPath);
        residents = await WithinUnitAsync(residents, query.UnitId, viewer);
        if (query.Tag is { } tag)
        {
            // A police-only tag filters to nothing for the grid side, exactly as a tag no one has.
            var stored = tag.Stored();
            residents = tag.IsPoliceOnly() && !viewer.SeesPoliceOnly() ? residents.Where(r => false) : residents.Where(r => r.Tags.Contains(stored));
        }
        if (query.Status is { } status)
            residents = residents.Where(r => r.Status == status);
        if (query.HouseholdType is { } type)
            residents = residents.Where(r => r.HouseholdType == type);
        var q = query.Q?.Trim();
        if (string.IsNullOrEmpty(q))
            return residents;
        if (IdNumber.TryParse(q, DateOnly.MaxValue, out var id, out _))
        {
            var hash = vault.LookupHash(SealedField.IdNumber, id.Value);
            return residents.Where(r => r.IdNumberHash == hash);
        }
        if (PhoneNumber.TryParse(q, out var phone, out _))
        {
            var hash = vault.LookupHash(SealedField.Phone, phone);
            return residents.Where(r => r.PhoneHash == hash);
        }
        var addresses = db.Set<StandardAddress>().Where(a => a.Canonical.Contains(q)).Select(a => a.Id);
        return residents.Where(r => r.Name.Contains(q) || addresses.Contains(r.AddressId));
    }

    async Task<IQueryable<T>> WithinUnitAsync<T>(IQueryable<T> records, int? unitId, Viewer viewer) where T : RegisterRecord
    {
        if (unitId is not { } id)
            return records;
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id);
        if (unit is null || !AccessPolicy.CanSee(unit, viewer))
            return records.Where(r => false);
        if (unit.Kind == Units.UnitKind.PoliceDistrict)
            return records.Where(r => r.PoliceDistrictId == unit.Id);
        var prefix = unit.AreaPath;
        return records.Where(r => r.AreaPath.StartsWith(prefix));
    }

    public async Task<IReadOnlyList<ResidentRow>> ResidentRowsAsync(IQueryable<Resident> residents, RegisterQuery query, Viewer viewer)
    {
        var size = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var rows = await residents.OrderBy(r => r.Name).ThenBy(r => r.Id).Skip((Math.Max(query.Page, 1) - 1) * size).Take(size)
            .Join(db.Set<StandardAddress>(), r => r.AddressId, a => a.Id, (r, a) => new { r, a.Canonical })
            .ToListAsync();
        return rows.Select(x => RowOf(x.r, x.Canonical, viewer)).ToList();
    }

    public static ResidentRow RowOf(Resident r, string address, Viewer viewer) => new(r.Id, r.Name, r.IdNumberMasked, r.Sex, r.BirthDate, r.PhoneMasked,
        r.HouseholdType, address, r.HouseId, r.Status, r.HasPendingChange, VisibleTags(r.Tags, viewer));

    public static IReadOnlyList<SpecialGroup> VisibleTags(string stored, Viewer viewer) =>
        SpecialGroups.Read(stored).Where(t => viewer.SeesPoliceOnly() || !t.IsPoliceOnly()).ToList();

    public async Task<IReadOnlyList<HouseRow>> HousesAsync(RegisterQuery query, Viewer viewer)
    {
        var houses = await WithinUnitAsync(AccessPolicy.InArea(db.Set<House>().AsNoTracking(), viewer, h => h.AreaPath), query.UnitId, viewer);
        if (query.Status is { } status)
            houses = houses.Where(h => h.Status == status);
        var q = query.Q?.Trim();
        if (!string.IsNullOrEmpty(q))
        {
            var addresses = db.Set<StandardAddress>().Where(a => a.Canonical.Contains(q)).Select(a => a.Id);
            houses = houses.Where(h => h.OwnerName.Contains(q) || addresses.Contains(h.AddressId));
        }
        var size = Math.Clamp(query.PageSize, 1, MaxPageSize);
        return await houses.Join(db.Set<StandardAddress>(), h => h.AddressId, a => a.Id, (h, a) => new { h, a.Canonical })
            .OrderBy(x => x.Canonical).Skip((Math.Max(query.Page, 1) - 1) * size).Take(size)
            .Select(x => new HouseRow(x.h.Id, x.Canonical, x.h.OwnerName, x.h.OwnerPhoneMasked, x.h.Use, x.h.RentalRegistrationNumber, x.h.Status,
                x.h.HasPendingChange, db.Set<Resident>().Count(r => r.HouseId == x.h.Id)))
            .ToListAsync();
    }

    public async Task<IReadOnlyList<OrganisationRow>> OrganisationsAsync(RegisterQuery query, Viewer viewer)
    {
        var organisations = await WithinUnitAsync(AccessPolicy.InArea(db.Set<Organisation>().AsNoTracking(), viewer, o => o.AreaPath), query.UnitId, viewer);
        if (query.Status is { } status)
            organisations = organisations.Where(o => o.Status == status);
        var q = query.Q?.Trim();
        if (!string.IsNullOrEmpty(q))
        {
            var code = q.ToUpperInvariant();
            var addresses = db.Set<StandardAddress>().Where(a => a.Canonical.Contains(q)).Select(a => a.Id);
            organisations = organisations.Where(o => o.Name.Contains(q) || o.CreditCode == code || addresses.Contains(o.AddressId));
        }
        var size = Math.Clamp(query.PageSize, 1, MaxPageSize);
        return await organisations.Join(db.Set<StandardAddress>(), o => o.AddressId, a => a.Id, (o, a) => new { o, a.Canonical })
            .OrderBy(x => x.o.Name).Skip((Math.Max(query.Page, 1) - 1) * size).Take(size)
            .Select(x => new OrganisationRow(x.o.Id, x.o.Name, x.o.CreditCode, x.o.Category, x.o.ResponsiblePerson, x.o.ResponsiblePhoneMasked,
                x.Canonical, x.o.Status, x.o.HasPendingChange))
            .ToListAsync();
    }

    /// <summary>Every version of a record, as this viewer may see it: police-only tags vanish from the grid side's history.</summary>
    public async Task<IReadOnlyList<ChangeRow>> HistoryAsync(RecordType type, int recordId, string recordName, Viewer viewer)
    {
        var changes = await db.Set<RegisterChange>().AsNoTracking().Where(c => c.RecordType == type && c.RecordId == recordId)
            .OrderBy(c => c.Id).ToListAsync();
        // Versions count the verified changes; a pending or returned one has none yet.
        var version = 0;
        return changes.Select(c => ChangeRowOf(c, recordName, viewer) with { Version = c.Status == ChangeStatus.Verified ? ++version : null })
            .Where(c => c.Changes.Count > 0 || c.Kind == ChangeKind.Create).ToList();
    }

    public static ChangeRow ChangeRowOf(RegisterChange c, string recordName, Viewer viewer) => new(c.Id, c.RecordType, c.RecordId, recordName, c.Kind, c.Status,
        ShownChanges(c.Changes, viewer), c.CollectedByName, c.CollectedAt, c.ReviewedByName, c.ReviewedAt, c.Reason, null);

    static Dictionary<string, string?[]> ShownChanges(string json, Viewer viewer)
    {
        var changes = JsonSerializer.Deserialize<Dictionary<string, string?[]>>(json, RegisterRules.Json) ?? [];
        var shown = new Dictionary<string, string?[]>();
        foreach (var (field, values) in changes)
        {
            if (field.EndsWith('#'))
                continue;
            var pair = field == "tags" && !viewer.SeesPoliceOnly()
                ? values.Select(v => v is null ? null : SpecialGroups.Store(SpecialGroups.Read(v).Where(t => !t.IsPoliceOnly()))).ToArray()
                : values;
            if (!string.Equals(pair[0] ?? "", pair[1] ?? "", StringComparison.Ordinal))
                shown[field] = pair;
        }
        return shown;
    }

    /// <summary>Pending records and changes an officer may verify, oldest first.</summary>
    public async Task<IReadOnlyList<ChangeRow>> QueueAsync(Viewer viewer, int take = 100)
    {
        var changes = await PendingFor(viewer).OrderBy(c => c.Id).Take(take).ToListAsync();
        return await WithNamesAsync(changes, viewer);
    }

    /// <summary>How many records and changes wait for this officer, without loading them.</summary>
    public Task<int> QueueCountAsync(Viewer viewer) => PendingFor(viewer).CountAsync();

    IQueryable<RegisterChange> PendingFor(Viewer viewer)
    {
        var districts = viewer.Scope.DistrictIds.ToList();
        var pending = db.Set<RegisterChange>().AsNoTracking().Where(c => c.Status == ChangeStatus.Pending);
        if (!viewer.Scope.IsEverything)
            pending = pending.Where(c => c.PoliceDistrictId != null && districts.Contains(c.PoliceDistrictId.Value));
        return AccessPolicy.InArea(pending, viewer, c => c.AreaPath);
    }

    /// <summary>What was returned to this collector and not yet collected again.</summary>
    public async Task<IReadOnlyList<ChangeRow>> ReturnedToAsync(Viewer viewer, int take = 100)
    {
        var changes = await db.Set<RegisterChange>().AsNoTracking()
            .Where(c => c.CollectedById == viewer.AccountId && c.Status == ChangeStatus.Returned)
            .Where(c => !db.Set<RegisterChange>().Any(later => later.RecordType == c.RecordType && later.RecordId == c.RecordId && later.Id > c.Id))
            .OrderByDescending(c => c.Id).Take(take).ToListAsync();
        return await WithNamesAsync(changes, viewer);
    }

    async Task<IReadOnlyList<ChangeRow>> WithNamesAsync(List<RegisterChange> changes, Viewer viewer)
    {
        var residentIds = changes.Where(c => c.RecordType == RecordType.Resident).Select(c => c.RecordId).ToList();
        var houseIds = changes.Where(c => c.RecordType == RecordType.House).Select(c => c.RecordId).ToList();
        var organisationIds = changes.Where(c => c.RecordType == RecordType.Organisation).Select(c => c.RecordId).ToList();
        var residents = await db.Set<Resident>().Where(r => residentIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name);
        var houses = await db.Set<House>().Where(h => houseIds.Contains(h.Id))
            .Join(db.Set<StandardAddress>(), h => h.AddressId, a => a.Id, (h, a) => new { h.Id, a.Canonical }).ToDictionaryAsync(x => x.Id, x => x.Canonical);
        var organisations = await db.Set<Organisation>().Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name);
        return changes.Select(c => ChangeRowOf(c, c.RecordType switch
        {
            RecordType.Resident => residents.GetValueOrDefault(c.RecordId, ""),
            RecordType.House => houses.GetValueOrDefault(c.RecordId, ""),
            _ => organisations.GetValueOrDefault(c.RecordId, ""),
        }, viewer)).ToList();
    }

    /// <summary>A person's whole record with its history; a full view, so it is audited.</summary>
    public async Task<ResidentDetails?> ResidentDetailsAsync(int id, Viewer viewer)
    {
        var found = await db.Set<Resident>().AsNoTracking().Where(r => r.Id == id)
            .Join(db.Set<StandardAddress>(), r => r.AddressId, a => a.Id, (r, a) => new { r, a.Canonical }).SingleOrDefaultAsync();
        if (found is null || !AccessPolicy.InArea(found.r.AreaPath, viewer))
            return null;
        var r = found.r;
        var history = await HistoryAsync(RecordType.Resident, id, r.Name, viewer);
        await audit.WriteAsync("register.view", nameof(RecordType.Resident), Id(id));
        return new ResidentDetails(RowOf(r, found.Canonical, viewer), r.ResidentSince, r.RegistrationNumber, r.RegistrationExpires, r.Version,
            r.ReturnReason, history.LastOrDefault(c => c.Status == ChangeStatus.Pending), viewer.CanVerify(r.PoliceDistrictId), history);
    }

    public async Task<HouseDetails?> HouseDetailsAsync(int id, Viewer viewer)
    {
        var house = await db.Set<House>().AsNoTracking().SingleOrDefaultAsync(h => h.Id == id);
        if (house is null || !AccessPolicy.InArea(house.AreaPath, viewer))
            return null;
        var address = await db.Set<StandardAddress>().Where(a => a.Id == house.AddressId).Select(a => a.Canonical).SingleAsync();
        var residents = (await db.Set<Resident>().AsNoTracking().Where(r => r.HouseId == id).OrderBy(r => r.Id).ToListAsync())
            .Select(r => RowOf(r, address, viewer)).ToList();
        var history = await HistoryAsync(RecordType.House, id, address, viewer);
        await audit.WriteAsync("register.view", nameof(RecordType.House), Id(id));
        var row = new HouseRow(house.Id, address, house.OwnerName, house.OwnerPhoneMasked, house.Use, house.RentalRegistrationNumber, house.Status,
            house.HasPendingChange, residents.Count);
        return new HouseDetails(row, house.RentalRegisteredOn, house.Version, house.ReturnReason, history.LastOrDefault(c => c.Status == ChangeStatus.Pending),
            viewer.CanVerify(house.PoliceDistrictId), residents, history);
    }

    public async Task<OrganisationDetails?> OrganisationDetailsAsync(int id, Viewer viewer)
    {
        var o = await db.Set<Organisation>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id);
        if (o is null || !AccessPolicy.InArea(o.AreaPath, viewer))
            return null;
        var address = await db.Set<StandardAddress>().Where(a => a.Id == o.AddressId).Select(a => a.Canonical).SingleAsync();
        var history = await HistoryAsync(RecordType.Organisation, id, o.Name, viewer);
        await audit.WriteAsync("register.view", nameof(RecordType.Organisation), Id(id));
        var row = new OrganisationRow(o.Id, o.Name, o.CreditCode, o.Category, o.ResponsiblePerson, o.ResponsiblePhoneMasked, address, o.Status, o.HasPendingChange);
        return new OrganisationDetails(row, o.Version, o.ReturnReason, history.LastOrDefault(c => c.Status == ChangeStatus.Pending),
            viewer.CanVerify(o.PoliceDistrictId), history);
    }

    public static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
