using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Register.Records;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Register.Verification;

/// <summary>An officer of the record's police district verifies a pending record or change, or returns it with a reason.</summary>
public sealed class VerifyRecord(PoliceGridDb db, AuditTrail audit, RegisterLoop loop, IEnumerable<IRecordChanges> recordTypes, Delivery.Notify notify,
    IEnumerable<IPersonSeen> seen)
{
    public Task<Result> VerifyAsync(long changeId, Viewer viewer) => DecideAsync(changeId, null, viewer);

    public Task<Result> ReturnAsync(long changeId, string? reason, Viewer viewer) =>
        string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500
            ? Task.FromResult(Result.Invalid(new Text("Register.SayWhyItIsReturnedUp")))
            : DecideAsync(changeId, reason.Trim(), viewer);

    async Task<Result> DecideAsync(long changeId, string? returnReason, Viewer viewer)
    {
        var change = await db.Set<RegisterChange>().SingleOrDefaultAsync(c => c.Id == changeId);
        if (change is null || !AccessPolicy.InArea(change.AreaPath, viewer))
            return Result.NotFound();
        if (!viewer.CanVerify(change.PoliceDistrictId))
            return Result.Forbidden(new Text("Register.OnlyAnOfficerOfThisPolice"));
        if (change.Status != ChangeStatus.Pending)
            return Result.Conflict(new Text("Register.SomeoneHasAlreadyDealtWithThis2"));
        var type = recordTypes.Single(t => t.Type == change.RecordType);
        var record = await type.FindAsync(change.RecordId);

        record.Version++;
        if (returnReason is not null)
        {
            change.Status = ChangeStatus.Returned;
            change.Reason = returnReason;
            change.ReviewedById = viewer.AccountId;
            change.ReviewedByName = viewer.DisplayName;
            change.ReviewedAt = loop.Now;
            if (change.Kind == ChangeKind.Update && record.Status == RecordStatus.Verified)
                record.HasPendingChange = false;
            else
            {
                record.Status = RecordStatus.Returned;
                record.ReturnReason = returnReason;
            }
        }
        else
        {
            if (change.Proposed is { } proposed)
                await type.ApplyProposedAsync(record, proposed);
            record.HasPendingChange = false;
            record.Status = RecordStatus.Verified;
            record.ReturnReason = null;
            record.VerifiedById = viewer.AccountId;
            record.VerifiedAt = loop.Now;
            loop.Verify(change, record, viewer);
            change.Proposed = null;
            // Collected at the door and now verified: the person was seen then, and her care clock need not be fed twice.
            if (change.RecordType == RecordType.Resident)
                foreach (var listener in seen)
                    await listener.SeenAsync(record.Id, change.CollectedAt, SeenHow.FaceToFace, $"register-change:{change.Id}", change.CollectedById);
        }
        if (returnReason is not null)
            await notify.ToPeopleAsync([change.CollectedById], Delivery.MessageKind.ReturnedRecord, new Delivery.Notify.Subject(change.RecordType.ToString(), change.RecordId,
                change.RecordType.PageOf(change.RecordId)), new Text("Delivery.Title.ReturnedRecord", change.RecordType), police: false);
        audit.Add(returnReason is null ? "register.verify" : "register.return", change.RecordType.ToString(),
            record.Id.ToString(CultureInfo.InvariantCulture), detail: returnReason);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict(new Text("Register.SomeoneDealtWithThisRecordA"));
        }
        catch (DbUpdateException)
        {
            return Result.Conflict(new Text("Register.ThisChangeRepeatsAnotherRecordsID"));
        }
        return Result.Done;
    }
}
