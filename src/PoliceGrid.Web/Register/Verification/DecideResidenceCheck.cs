using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Register.Records;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Register.Verification;

/// <summary>A residence check as the record's officer sees it: the person, where they are on record, where they were met.</summary>
public sealed record ResidenceCheckRow(long Id, int ResidentId, string ResidentName, string? IdNumberMasked, string CurrentAddress,
    string ProposedAddress, string CollectedBy, DateTime RaisedAt, ResidenceCheckStatus Status);

/// <summary>
/// The record's officer (or station head) answers a <see cref="ResidenceChangeCheck"/>: the person has moved (人户变动: the
/// record moves to the proposed address and its grid, as a verified new version) or it was a mistake.
/// </summary>
public sealed class DecideResidenceCheck(PoliceGridDb db, RegisterLoop loop, CollectResident residents, AuditTrail audit)
{
    public async Task<IReadOnlyList<ResidenceCheckRow>> OpenAsync(Viewer viewer, int take = 100)
    {
        if (viewer.Role is not (Role.CommunityOfficer or Role.StationHead))
            return [];
        var residents = db.Set<Resident>().AsNoTracking();
        if (!viewer.Scope.IsEverything)
        {
            var districts = viewer.Scope.DistrictIds.ToList();
            residents = residents.Where(r => r.PoliceDistrictId != null && districts.Contains(r.PoliceDistrictId.Value));
        }
        return await db.Set<ResidenceChangeCheck>().AsNoTracking().Where(c => c.Status == ResidenceCheckStatus.Open)
            .Join(residents, c => c.ResidentId, r => r.Id, (c, r) => new { c, r })
            .Join(db.Set<StandardAddress>(), x => x.r.AddressId, a => a.Id, (x, current) => new { x.c, x.r, Current = current.Canonical })
            .Join(db.Set<StandardAddress>(), x => x.c.ProposedAddressId, a => a.Id, (x, proposed) => new { x.c, x.r, x.Current, Proposed = proposed.Canonical })
            .OrderBy(x => x.c.Id).Take(take)
            .Select(x => new ResidenceCheckRow(x.c.Id, x.r.Id, x.r.Name, x.r.IdNumberMasked, x.Current, x.Proposed, x.c.CollectorName, x.c.RaisedAt, x.c.Status))
            .ToListAsync();
    }

    public Task<Result> ConfirmAsync(long id, Viewer viewer) => DecideAsync(id, moved: true, viewer);

    public Task<Result> RejectAsync(long id, Viewer viewer) => DecideAsync(id, moved: false, viewer);

    async Task<Result> DecideAsync(long id, bool moved, Viewer viewer)
    {
        var check = await db.Set<ResidenceChangeCheck>().SingleOrDefaultAsync(c => c.Id == id);
        var resident = check is null ? null : await db.Set<Resident>().SingleOrDefaultAsync(r => r.Id == check.ResidentId);
        if (check is null || resident is null || !AccessPolicy.InArea(resident.AreaPath, viewer))
            return Result.NotFound();
        if (!viewer.CanVerify(resident.PoliceDistrictId))
            return Result.Forbidden(new Text("Register.OnlyAnOfficerOfThePersons"));
        if (check.Status != ResidenceCheckStatus.Open)
            return Result.Conflict(new Text("Register.SomeoneHasAlreadyDealtWithThis"));
        if (moved && resident.HasPendingChange)
            return Result.Conflict(new Text("Register.AChangeToThisRecordIs"));

        var recordId = resident.Id.ToString(CultureInfo.InvariantCulture);
        if (moved)
        {
            var address = await db.Set<StandardAddress>().SingleAsync(a => a.Id == check.ProposedAddressId);
            var house = await db.Set<House>().Where(h => h.AddressId == address.Id).Select(h => (int?)h.Id).FirstOrDefaultAsync();
            var from = resident.AddressId;
            var (before, after) = residents.Move(resident, await loop.AddressTextAsync(from), values => values with { AddressId = address.Id, HouseId = house }, address);
            var change = loop.NewChange(RecordType.Resident, resident, ChangeKind.Update, RegisterLoop.Diff(before, after), null, viewer);
            loop.Verify(change, resident, viewer);
            change.Reason = Words.Store(new Text("Register.MovedResidenceCheck", check.Id));
            resident.Version++;
            db.Add(change);
            audit.Add("register.move", nameof(RecordType.Resident), recordId, detail: $"residence check {check.Id}: address {from} -> {address.Id}");
        }
        check.Status = moved ? ResidenceCheckStatus.ConfirmedMoved : ResidenceCheckStatus.RejectedMistake;
        check.DecidedById = viewer.AccountId;
        check.DecidedByName = viewer.DisplayName;
        check.DecidedAt = loop.Now;
        audit.Add(moved ? "residence-check.confirm" : "residence-check.reject", nameof(ResidenceChangeCheck), check.Id.ToString(CultureInfo.InvariantCulture),
            detail: $"resident {recordId}");
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict(new Text("Register.TheRecordHasJustChangedReload"));
        }
        return Result.Done;
    }
}
