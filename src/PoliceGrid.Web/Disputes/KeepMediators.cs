using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Register.PersonalData;
using PoliceGrid.Web.Shared;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Disputes;

/// <summary>
/// Adds a member to a township's (or the county's) mediation pool, or changes her availability. Her ID number is kept
/// only as its lookup hash, to find her register record for the conflict check; a sign-in with the mediator role makes
/// her cases hers.
/// </summary>
public sealed class KeepMediators(PoliceGridDb db, AuditTrail audit, PersonalDataVault vault, TimeProvider clock)
{
    public sealed record Request(int? UnitId, string? Name, MediatorKind? Kind, IReadOnlyList<DisputeType>? Specialties, string? Dialects, string? IdNumber,
        int? AccountId, bool Available = true);

    public async Task<Result<int>> AddAsync(Viewer viewer, Request request, CancellationToken ct = default)
    {
        var problems = new List<FieldProblem>();
        var unit = request.UnitId is { } uid ? await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == uid, ct) : null;
        if (unit is null || unit.Kind is not (UnitKind.Township or UnitKind.County) || !AccessPolicy.Covers(unit, viewer))
            problems.Add(new FieldProblem("unitId", new Text("Disputes.ChooseATownshipOrCounty")));
        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > 60)
            problems.Add(new FieldProblem("name", new Text("Disputes.WriteTheName")));
        if (request.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            problems.Add(new FieldProblem("kind", new Text("Disputes.ChooseAKind")));
            kind = MediatorKind.PeoplesMediator;
        }
        string? hash = null;
        if (!string.IsNullOrWhiteSpace(request.IdNumber))
        {
            if (IdNumber.TryParse(request.IdNumber, ChinaTime.Today(clock), out var id, out var problem))
                hash = vault.LookupHash(SealedField.IdNumber, id.Value);
            else
                problems.Add(new FieldProblem("idNumber", problem));
        }
        if (request.AccountId is { } account && !await db.Users.AnyAsync(a => a.Id == account && a.Role == Role.Mediator, ct))
            problems.Add(new FieldProblem("accountId", new Text("Disputes.TheSignInMustHaveTheMediatorRole")));
        if (problems.Count > 0)
            return Result.Invalid(problems).As<int>();
        var m = new Mediator
        {
            UnitId = unit!.Id, AreaPath = unit.AreaPath, Name = name, Kind = kind, Dialects = request.Dialects?.Trim() ?? "", IdNumberHash = hash,
            AccountId = request.AccountId, Available = request.Available, AddedAt = clock.GetUtcNow().UtcDateTime,
            Specialties = string.Join(',', (request.Specialties ?? []).Where(Enum.IsDefined).Distinct()),
        };
        db.Mediators.Add(m);
        await db.SaveChangesAsync(ct);
        audit.Add("mediator-add", "mediator", m.Id.ToString(CultureInfo.InvariantCulture), detail: $"{unit.Code} {kind}");
        await db.SaveChangesAsync(ct);
        return m.Id;
    }

    public async Task<Result> SetAvailableAsync(Viewer viewer, int id, bool available, CancellationToken ct = default)
    {
        var m = await db.Mediators.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (m is null || !AccessPolicy.InArea(m.AreaPath, viewer))
            return Result.NotFound();
        m.Available = available;
        audit.Add("mediator-available", "mediator", id.ToString(CultureInfo.InvariantCulture), detail: available ? "available" : "unavailable");
        await db.SaveChangesAsync(ct);
        return Result.Done;
    }
}
