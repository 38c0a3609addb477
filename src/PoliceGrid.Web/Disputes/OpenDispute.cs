using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Register.Records;
using PoliceGrid.Web.Shared;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Disputes;

/// <summary>
/// Opens a dispute case: from an event (placed where the event is, linked to it), a 110 call, a grid worker's visit or a
/// walk-in (placed in a grid the opener covers). Parties linked to the register are read in the opener's scope and
/// audited; the case is flagged when the same parties had a dispute before; high risk involves the police at once.
/// </summary>
public sealed class OpenDispute(PoliceGridDb db, AuditTrail audit, DisputeSteps steps)
{
    public sealed record PartyInput(string? Name, PartyKind? Kind = PartyKind.Person, int? ResidentId = null, int? OrganisationId = null);

    public sealed record Request(DisputeType? Type, DisputeSource? Source, string? Title, string? AtStake, DisputeRisk? Risk, int? EventId, int? GridId,
        IReadOnlyList<PartyInput>? Parties);

    public async Task<Result<Dispute>> RunAsync(Viewer viewer, Request request, CancellationToken ct = default)
    {
        var problems = new List<FieldProblem>();
        var title = request.Title?.Trim() ?? "";
        if (title.Length is 0 or > 200)
            problems.Add(new FieldProblem("title", new Text("Disputes.WriteATitle")));
        if (request.Type is not { } type || !Enum.IsDefined(type))
        {
            problems.Add(new FieldProblem("type", new Text("Disputes.ChooseAType")));
            type = DisputeType.Other;
        }
        var parties = (request.Parties ?? []).Where(p => !string.IsNullOrWhiteSpace(p.Name) || p.ResidentId is not null || p.OrganisationId is not null).ToList();
        if (parties.Count < 2)
            problems.Add(new FieldProblem("parties", new Text("Disputes.NameAtLeastTwoParties")));
        if ((request.AtStake?.Length ?? 0) > 1000)
            problems.Add(new FieldProblem("atStake", new Text("Disputes.AtStakeIsTooLong")));

        var d = new Dispute { Title = title, Type = type, AtStake = request.AtStake?.Trim() ?? "", Risk = request.Risk ?? DisputeRisk.None, OpenedById = viewer.AccountId };
        if (request.EventId is { } eventId)
        {
            var e = await db.Events.AsNoTracking().SingleOrDefaultAsync(x => x.Id == eventId, ct);
            if (e is null || !AccessPolicy.SeesDetails(e, viewer))
                return Result.NotFound().As<Dispute>();
            (d.AreaPath, d.GridId, d.VillageId, d.TownshipId, d.PoliceDistrictId, d.EventId, d.Source) =
                (e.AreaPath, e.GridId, e.VillageId, e.TownshipId, e.PoliceDistrictId, e.Id, DisputeSource.Event);
        }
        else
        {
            var grid = request.GridId is { } gid ? await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == gid, ct) : null;
            if (grid is null || grid.Kind != UnitKind.Grid || !AccessPolicy.Covers(grid, viewer))
                problems.Add(new FieldProblem("gridId", new Text("Disputes.ChooseAGridYouCover")));
            else
            {
                var village = await db.Units.AsNoTracking().SingleAsync(u => u.Id == grid.ParentId, ct);
                (d.AreaPath, d.GridId, d.VillageId, d.TownshipId, d.PoliceDistrictId) = (grid.AreaPath, grid.Id, village.Id, village.ParentId, grid.PoliceDistrictId);
            }
            d.Source = request.Source is { } s && s != DisputeSource.Event && Enum.IsDefined(s) ? s : DisputeSource.WalkIn;
        }
        var rows = new List<DisputeParty>();
        foreach (var p in parties)
        {
            var party = await PartyAsync(viewer, p, d.VillageId, ct);
            if (party is null)
                problems.Add(new FieldProblem("parties", new Text("Disputes.NoSuchRecordInYourArea")));
            else
                rows.Add(party);
        }
        if (problems.Count > 0)
            return Result.Invalid(problems).As<Dispute>();

        var now = steps.Now;
        d.RegisteredAt = d.UpdatedAt = now;
        d.DueAt = now.AddDays(steps.Options.LimitDays);
        d.Status = DisputeStatus.Registered;
        StepLimits.StartStep(d, now, DisputeRules.LimitFor(DisputeStatus.Registered, steps.Options));
        var earlier = await EarlierBetweenSameAsync(rows.Select(r => r.PartyKey).Distinct().ToList(), now.AddDays(-steps.Options.RecentDays), ct);
        d.IsRepeated = earlier is not null;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Disputes.Add(d);
        await db.SaveChangesAsync(ct);
        foreach (var r in rows)
            r.DisputeId = d.Id;
        db.DisputeParties.AddRange(rows);
        if (earlier is { } other)
            db.DisputeFlags.Add(new DisputeFlag { DisputeId = d.Id, Kind = DisputeFlagKind.Repeated, OtherDisputeId = other, At = now });
        foreach (var r in rows.Where(r => r.ResidentId is not null || r.OrganisationId is not null))
            audit.Add("dispute-party-link", r.ResidentId is not null ? "resident" : "organisation", DisputeSteps.Id(r.ResidentId ?? r.OrganisationId!.Value),
                detail: $"dispute {d.Id}");
        await steps.InvolvePoliceAsync(d, ct);
        d.Version = 0;
        steps.Move(d, viewer, null, DisputeRules.OpenStep, null, DisputeStatus.Registered, detail: $"{d.Type} {d.Source} risk {d.Risk}");
        var saved = await steps.SaveAsync(d, ct);
        if (!saved.IsDone)
            return saved.As<Dispute>();
        await transaction.CommitAsync(ct);
        return d;
    }

    /// <summary>A party as the case keeps it: a register record read in the opener's scope (masked), or a name.</summary>
    async Task<DisputeParty?> PartyAsync(Viewer viewer, PartyInput p, int? villageId, CancellationToken ct)
    {
        if (p.ResidentId is { } rid)
        {
            if (!viewer.Can(Capability.ReadRegister))
                return null;
            var r = await db.Set<Resident>().AsNoTracking().Where(x => x.Id == rid).Select(x => new { x.Name, x.IdNumberMasked, x.AreaPath, x.AddressId }).SingleOrDefaultAsync(ct);
            return r is null || !AccessPolicy.InArea(r.AreaPath, viewer) ? null : new DisputeParty
            {
                Kind = PartyKind.Person, Name = r.Name, ResidentId = rid, MaskedNumber = r.IdNumberMasked, AddressId = r.AddressId,
                PartyKey = DisputeRules.PartyKey(rid, null, r.Name, villageId),
            };
        }
        if (p.OrganisationId is { } oid)
        {
            if (!viewer.Can(Capability.ReadRegister))
                return null;
            var o = await db.Set<Organisation>().AsNoTracking().Where(x => x.Id == oid).Select(x => new { x.Name, x.CreditCode, x.AreaPath, x.AddressId }).SingleOrDefaultAsync(ct);
            return o is null || !AccessPolicy.InArea(o.AreaPath, viewer) ? null : new DisputeParty
            {
                Kind = PartyKind.Organisation, Name = o.Name, OrganisationId = oid, MaskedNumber = MaskCode(o.CreditCode), AddressId = o.AddressId,
                PartyKey = DisputeRules.PartyKey(null, oid, o.Name, villageId),
            };
        }
        var name = p.Name!.Trim();
        if (name.Length > 100)
            return null;
        return new DisputeParty { Kind = p.Kind ?? PartyKind.Person, Name = name, PartyKey = DisputeRules.PartyKey(null, null, name, villageId) };
    }

    static string MaskCode(string code) => code.Length > 8 ? code[..8] + new string('*', code.Length - 8) : code;

    /// <summary>An earlier recent dispute between the same parties (all of them, or at least two), if any.</summary>
    async Task<int?> EarlierBetweenSameAsync(List<string> keys, DateTime since, CancellationToken ct)
    {
        if (keys.Count == 0)
            return null;
        var need = Math.Min(2, keys.Count);
        var hits = await (from p in db.DisputeParties.AsNoTracking()
                          join x in db.Disputes.AsNoTracking() on p.DisputeId equals x.Id
                          where keys.Contains(p.PartyKey) && x.RegisteredAt >= since
                          group p by p.DisputeId into g
                          select new { DisputeId = g.Key, Count = g.Select(p => p.PartyKey).Distinct().Count() }).ToListAsync(ct);
        return hits.Where(h => h.Count >= need).OrderByDescending(h => h.DisputeId).Select(h => (int?)h.DisputeId).FirstOrDefault();
    }
}
