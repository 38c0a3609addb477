using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Register.PersonalData;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Care;

/// <summary>
/// Changes a case's guardian or emergency contact and its risk level; a new level needs its reason and is kept in the
/// history, and the case is due by the interval for the new level.
/// </summary>
public sealed class ChangeCareCase(PoliceGridDb db, AuditTrail audit, PersonalDataVault vault, TimeProvider clock)
{
    public sealed record Request(int? RiskLevel, string? Reason, string? GuardianName, string? GuardianPhone, int? Version);

    public async Task<Result> RunAsync(Viewer viewer, int caseId, Request request, CancellationToken ct = default)
    {
        var c = await db.CareCases.SingleOrDefaultAsync(x => x.Id == caseId, ct);
        if (c is null || !CareRules.CanSee(c, viewer))
            return Result.NotFound();
        var errors = new List<FieldProblem>();
        var level = request.RiskLevel ?? c.RiskLevel;
        var reason = request.Reason?.Trim() ?? "";
        if (level is < 0 or > 5)
            errors.Add(new FieldProblem("riskLevel", new Text("Care.RiskLevelIs0To5")));
        else if (level != c.RiskLevel && reason.Length is 0 or > 500)
            errors.Add(new FieldProblem("reason", new Text("Care.GiveTheReasonForTheNewRiskLevel")));
        var name = request.GuardianName?.Trim();
        if (name?.Length > 60)
            errors.Add(new FieldProblem("guardianName", new Text("Care.AtMost60Characters")));
        string? phone = null;
        if (!string.IsNullOrWhiteSpace(request.GuardianPhone) && !PhoneNumber.TryParse(request.GuardianPhone, out phone, out var problem))
            errors.Add(new FieldProblem("guardianPhone", problem));
        if (errors.Count > 0)
            return Result.Invalid(new Text("Care.TheCaseHasErrorsNothingWasSaved"), errors);
        if (request.Version is { } version && version != c.Version)
            return Result.Conflict(new Text("Care.SomeoneElseJustRecordedAVisit"));

        var now = CareRules.Now(clock);
        if (level != c.RiskLevel)
        {
            db.CareRiskChanges.Add(new CareRiskChange { CaseId = c.Id, FromLevel = c.RiskLevel, ToLevel = level, Reason = reason, ById = viewer.AccountId, At = now });
            c.RiskLevel = level;
            CareRules.Schedule(c, CareRules.PlanFor(await CareRules.PlansAsync(db, ct), c.Group, c.CountyId));
        }
        if (request.GuardianName is not null)
            c.GuardianName = name is { Length: > 0 } ? name : null;
        if (phone is not null)
        {
            c.GuardianPhoneSealed = vault.Seal("guardianPhone", phone);
            c.GuardianPhoneMasked = PhoneNumber.Mask(phone);
        }
        c.Version++;
        audit.Add("care-case-change", "care-case", c.Id.ToString(CultureInfo.InvariantCulture), detail: $"risk {level}; guardian {(phone is null ? "kept" : "changed")}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict(new Text("Care.SomeoneElseJustRecordedAVisit"));
        }
        return Result.Done;
    }
}
