using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Register.Records;
using PoliceGrid.Web.Shared;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Care;

/// <summary>
/// Sets a group's plan: the default (every county without its own) or a county's own, created on first save. The open
/// cases it governs are due again by the new interval.
/// </summary>
public sealed class EditCarePlan(PoliceGridDb db, AuditTrail audit, TimeProvider clock)
{
    public sealed record Request(SpecialGroup? Group, int? CountyId, bool? Active, CareResponsibility? Responsible, int? IntervalHours, int? HighRiskIntervalHours,
        IReadOnlyList<SeenHow>? Accepts, bool? RecordsCondition, bool? RecordsNeeds, bool? RecordsRiskSigns, bool? AsksLocation, bool? AsksPhoto,
        int? DoorVisitAfterHours, int? ChiefAfterHours, int? WelfareCheckAfterHours);

    public async Task<Result<int>> RunAsync(Viewer viewer, Request request, CancellationToken ct = default)
    {
        if (!viewer.Can(Capability.KeepCarePlans))
            return Result.Forbidden(new Text("Care.OnlyTheAdministratorSetsPlans")).As<int>();
        var errors = new List<FieldProblem>();
        if (request.Group is not { } group || !Enum.IsDefined(group))
            return Result.Invalid(new Text("Care.ChooseAGroup"), [new FieldProblem("group", new Text("Care.ChooseAGroup"))]).As<int>();
        if (request.CountyId is { } countyId)
        {
            var county = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == countyId && u.Kind == UnitKind.County, ct);
            if (county is null || !AccessPolicy.Covers(county, viewer))
                errors.Add(new FieldProblem("countyId", new Text("Care.ChooseACountyOfYourArea")));
        }
        else if (!viewer.Scope.IsEverything)
            errors.Add(new FieldProblem("countyId", new Text("Care.ChooseACountyOfYourArea")));
        var responsible = request.Responsible ?? CareResponsibility.GridTeam;
        if (!Enum.IsDefined(responsible) || group.IsPoliceOnly() != (responsible == CareResponsibility.PoliceOnly))
            errors.Add(new FieldProblem("responsible", new Text("Care.PoliceOnlyGroupsArePoliceOnly")));
        if (request.IntervalHours is not (>= 1 and <= 8760))
            errors.Add(new FieldProblem("intervalHours", new Text("Care.HoursMustBe1To8760")));
        if (request.HighRiskIntervalHours is not (null or (>= 1 and <= 8760)))
            errors.Add(new FieldProblem("highRiskIntervalHours", new Text("Care.HoursMustBe1To8760")));
        var accepts = (request.Accepts ?? []).Where(Enum.IsDefined).ToList();
        if (accepts.Count == 0)
            errors.Add(new FieldProblem("accepts", new Text("Care.ChooseWhatCountsAsSeen")));
        var (door, chief, welfare) = (request.DoorVisitAfterHours ?? -1, request.ChiefAfterHours ?? -1, request.WelfareCheckAfterHours ?? -1);
        if (door is < 0 or > 8760 || chief < door || welfare < chief || welfare > 8760)
            errors.Add(new FieldProblem("escalation", new Text("Care.EscalationHoursMustRise")));
        if (errors.Count > 0)
            return Result.Invalid(new Text("Care.ThePlanHasErrorsNothingWasSaved"), errors).As<int>();

        var plan = await db.CarePlans.SingleOrDefaultAsync(p => p.Group == group && p.CountyId == request.CountyId, ct);
        if (plan is null)
            db.CarePlans.Add(plan = new CarePlan { Group = group, CountyId = request.CountyId });
        plan.Active = request.Active ?? true;
        plan.Responsible = responsible;
        plan.IntervalHours = request.IntervalHours!.Value;
        plan.HighRiskIntervalHours = request.HighRiskIntervalHours;
        plan.Accepts = CarePlan.BitsOf(accepts);
        plan.RecordsCondition = request.RecordsCondition ?? true;
        plan.RecordsNeeds = request.RecordsNeeds ?? true;
        plan.RecordsRiskSigns = request.RecordsRiskSigns ?? false;
        plan.AsksLocation = request.AsksLocation ?? false;
        plan.AsksPhoto = request.AsksPhoto ?? false;
        (plan.DoorVisitAfterHours, plan.ChiefAfterHours, plan.WelfareCheckAfterHours) = (door, chief, welfare);
        plan.UpdatedAt = CareRules.Now(clock);
        plan.Version++;
        audit.Add("care-plan-edit", "care-plan", $"{group}:{request.CountyId?.ToString(CultureInfo.InvariantCulture) ?? "default"}",
            detail: $"every {plan.IntervalHours}h accepts {string.Join(',', accepts)} escalate {door}/{chief}/{welfare}h active={plan.Active}");
        await db.SaveChangesAsync(ct);
        await RescheduleAsync(group, ct);
        return plan.Id;
    }

    /// <summary>The group's open cases are due by the plan now in force for their county.</summary>
    async Task RescheduleAsync(SpecialGroup group, CancellationToken ct)
    {
        var plans = await CareRules.PlansAsync(db, ct);
        var lastId = 0;
        while (true)
        {
            var batch = await db.CareCases.Where(c => c.Group == group && c.ClosedAt == null && c.Id > lastId).OrderBy(c => c.Id).Take(2000).ToListAsync(ct);
            if (batch.Count == 0)
                break;
            foreach (var c in batch)
                CareRules.Schedule(c, CareRules.PlanFor(plans, c.Group, c.CountyId));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            lastId = batch[^1].Id;
        }
    }
}
