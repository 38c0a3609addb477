using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Delivery;
using PoliceGrid.Web.Events;
using PoliceGrid.Web.Register.Records;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Care;

/// <summary>
/// Records a visit from the day's list. A good visit is the outcome alone (the phone adds its location); the location is
/// checked against the address (within <see cref="CareRules.NearMeters"/> m) where the plan asks for it, and a typed
/// reason may always stand in for a location or a photo. A visit that finds something wrong (ill, a fall, risk signs,
/// needs help, or nobody at the door twice in a row) raises the right event through <see cref="ReportEvent"/> in the
/// same step, routed as events are. A contact resets the clock of every open case of the person whose plan counts it.
/// </summary>
public sealed class RecordVisit(PoliceGridDb db, AuditTrail audit, ReportEvent report, Notify notify, TimeProvider clock)
{
    public sealed record Request(CareOutcome? Outcome, SeenHow? How, string? Condition, string? Needs, string? RiskSigns, double? Lon, double? Lat,
        string? Reason, ReportEvent.Photo? Photo);

    public sealed record Recorded(int VisitId, int? EventId, DateTime? NextDueAt);

    public async Task<Result<Recorded>> RunAsync(Viewer viewer, int caseId, Request request, CancellationToken ct = default)
    {
        var found = await db.CareCases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == caseId, ct);
        if (found is null || !CareRules.CanSee(found, viewer))
            return Result.NotFound().As<Recorded>();
        if (found.ClosedAt is not null)
            return Result.Conflict(new Text("Care.ThisCaseIsClosed")).As<Recorded>();
        var plans = await CareRules.PlansAsync(db, ct);
        var plan = CareRules.PlanFor(plans, found.Group, found.CountyId);
        var person = await (from r in db.Set<Resident>().AsNoTracking()
                            join a in db.Set<StandardAddress>() on r.AddressId equals a.Id
                            where r.Id == found.ResidentId
                            select new { r.Name, a.Canonical, a.Longitude, a.Latitude }).SingleAsync(ct);

        var errors = new List<FieldProblem>();
        var outcome = request.Outcome ?? CareOutcome.Good;
        if (!Enum.IsDefined(outcome))
            errors.Add(new FieldProblem("outcome", new Text("Care.ChooseWhatTheVisitFound")));
        var how = outcome == CareOutcome.NoAnswer ? SeenHow.FaceToFace : request.How ?? SeenHow.FaceToFace;
        if (!Enum.IsDefined(how) || plan is not null && !plan.Counts(how) && outcome != CareOutcome.NoAnswer)
            errors.Add(new FieldProblem("how", new Text("Care.ThisPlanDoesNotCountThisContact")));
        var condition = Trim(request.Condition);
        var needs = Trim(request.Needs);
        var riskSigns = Trim(request.RiskSigns);
        var reason = Trim(request.Reason, 200);
        foreach (var (field, value) in new[] { ("condition", request.Condition), ("needs", request.Needs), ("riskSigns", request.RiskSigns) })
            if ((value?.Trim().Length ?? 0) > 500)
                errors.Add(new FieldProblem(field, new Text("Care.AtMost500Characters")));
        if ((request.Lon is null) != (request.Lat is null) || request.Lon is not (null or (>= -180 and <= 180)) || request.Lat is not (null or (>= -90 and <= 90)))
            errors.Add(new FieldProblem("point", new Text("Events.LonAndLatGoTogetherAnd")));
        if (outcome == CareOutcome.RiskSigns && riskSigns is null && condition is null)
            errors.Add(new FieldProblem("riskSigns", new Text("Care.SayWhatSignsOfRiskYouSaw")));

        // Evidence only where the plan asks for it, only for a visit at the door, and a reason always stands in.
        int? distance = request.Lon is { } lon && request.Lat is { } lat ? (int)Math.Round(CareRules.Meters(lon, lat, person.Longitude, person.Latitude)) : null;
        var atDoor = how == SeenHow.FaceToFace;
        if (plan?.AsksLocation == true && atDoor && reason is null)
        {
            if (distance is null)
                errors.Add(new FieldProblem("reason", new Text("Care.NoLocationGiveAReason")));
            else if (distance > CareRules.NearMeters)
                errors.Add(new FieldProblem("reason", new Text("Care.TooFarFromTheAddressGiveAReason", distance.Value, CareRules.NearMeters)));
        }
        byte[]? photo = null;
        var photoType = "";
        if (request.Photo is { } given && !ReportEvent.TryDecode(given, out _, out photoType, out photo))
            errors.Add(new FieldProblem("photo", new Text("Events.PhotosMustBeJPEGPNGOr2")));
        if (plan?.AsksPhoto == true && atDoor && outcome != CareOutcome.NoAnswer && photo is null && reason is null)
            errors.Add(new FieldProblem("photo", new Text("Care.ThisPlanAsksForAPhotoOrAReason")));
        if (errors.Count > 0)
            return Result.Invalid(new Text("Care.TheVisitHasErrorsNothingWasSaved"), errors).As<Recorded>();

        var now = CareRules.Now(clock);
        var seen = outcome != CareOutcome.NoAnswer;
        var lastSeen = found.LastSeenAt ?? DateTime.MinValue;
        var noAnswerTwice = !seen && await db.CareVisits.AnyAsync(v => v.ResidentId == found.ResidentId && v.Outcome == CareOutcome.NoAnswer && v.At > lastSeen, ct);
        int? eventId = null;
        if (outcome is CareOutcome.Ill or CareOutcome.Fell or CareOutcome.RiskSigns or CareOutcome.NeedsHelp || noAnswerTwice)
        {
            // The event goes first: ReportEvent keeps it in its own transaction, and the visit then names it.
            var category = found.Police ? CareDefaults.KeyPersonCategory
                : outcome == CareOutcome.RiskSigns && plan?.Responsible == CareResponsibility.HealthWithGridAndPolice ? CareDefaults.WelfareCheckCategory
                : CareDefaults.DifficultyCategory;
            var what = noAnswerTwice ? new Text("Care.NoAnswerTwice") : Words.Label(outcome);
            var title = Words.Format("Care.EventTitle", Words.Chinese, [what.In(Words.Chinese), person.Name]);
            var description = string.Join("\n", new[] { condition, needs, riskSigns, reason }.OfType<string>());
            var reported = await report.RunAsync(new ReportEvent.Reporter(viewer, viewer.DisplayName, ReportEvent.SourceOf(viewer.Role)),
                new ReportEvent.Request(category, title, description, null, null, person.Canonical, await GridCodeAsync(found.GridId, ct), null, null, null, null,
                    photo is null ? null : [request.Photo!]), ct: ct);
            if (!reported.IsDone)
                return new Result<Recorded>(reported.Outcome, default, reported.Message, reported.Problems);
            eventId = reported.Value!.Event.Id;
        }

        var visit = new CareVisit
        {
            ResidentId = found.ResidentId, CaseId = found.Id, AreaPath = found.AreaPath, Police = found.Police, At = now, ById = viewer.AccountId, How = how,
            Outcome = outcome, Source = "visit", Condition = condition, Needs = needs, RiskSigns = riskSigns, Lon = request.Lon, Lat = request.Lat,
            DistanceMeters = distance, LocationReason = reason, Photo = photo, PhotoType = photo is null ? null : photoType, EventId = eventId,
        };
        db.CareVisits.Add(visit);
        var cases = await db.CareCases.Where(c => c.ResidentId == found.ResidentId && c.ClosedAt == null).ToListAsync(ct);
        var mine = cases.Single(c => c.Id == found.Id);
        if (seen)
            foreach (var c in cases)
                CareRules.Seen(c, CareRules.PlanFor(plans, c.Group, c.CountyId), now, how);
        mine.LastNote = Trim(string.Join(" ", new[] { Words.Label(outcome).In(Words.Chinese), condition, needs }.OfType<string>()), 500);
        mine.Version++;
        audit.Add("care-visit", "care-case", found.Id.ToString(CultureInfo.InvariantCulture),
            detail: $"outcome={outcome} how={how} distance={distance?.ToString(CultureInfo.InvariantCulture) ?? "-"} event={eventId?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
        var settleUpTo = seen ? await notify.NewestAboutAsync("care-case", found.Id, ct) : 0;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict(new Text("Care.SomeoneElseJustRecordedAVisit")).As<Recorded>();
        }
        if (settleUpTo > 0)
            await notify.SettleAsync("care-case", found.Id, settleUpTo, ct);
        return new Recorded(visit.Id, eventId, mine.DueAt);
    }

    async Task<string> GridCodeAsync(int gridId, CancellationToken ct) =>
        await db.Units.AsNoTracking().Where(u => u.Id == gridId).Select(u => u.Code).SingleAsync(ct);

    static string? Trim(string? value, int max = 500) => string.IsNullOrWhiteSpace(value) ? null : value.Trim()[..Math.Min(max, value.Trim().Length)];
}
