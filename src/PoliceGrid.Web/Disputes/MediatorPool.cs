using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Register.Records;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Disputes;

/// <summary>
/// The pool a case draws from (its township's and its county's mediators), each with her current load and past
/// results computed from the cases; the ranked suggestion with its reasons; and the conflict warnings.
/// </summary>
public sealed class MediatorPool(PoliceGridDb db)
{
    public sealed record Member(int Id, string Name, MediatorKind Kind, IReadOnlyList<DisputeType> Specialties, string Dialects, bool Available,
        int? AccountId, int Load, int Finished, int Resolved)
    {
        /// <summary>Share of her finished cases that ended in an agreement; null before she finished any.</summary>
        public double? ResolvedRate => Finished == 0 ? null : (double)Resolved / Finished;
    }

    public sealed record Suggestion(Member Mediator, double Score, IReadOnlyList<Text> Reasons, IReadOnlyList<Text> Conflicts);

    /// <summary>The pools whose area holds the place: the township's and the county's.</summary>
    public async Task<IReadOnlyList<Member>> ForPlaceAsync(string areaPath, CancellationToken ct = default)
    {
        var pool = await db.Mediators.AsNoTracking().Where(m => m.AreaPath != "" && areaPath.StartsWith(m.AreaPath)).OrderBy(m => m.Name).ToListAsync(ct);
        return await WithFiguresAsync(pool, ct);
    }

    public async Task<IReadOnlyList<Member>> WithFiguresAsync(IReadOnlyList<Mediator> pool, CancellationToken ct = default)
    {
        var ids = pool.Select(m => m.Id).ToList();
        var counts = await db.Disputes.AsNoTracking().Where(d => d.MediatorId != null && ids.Contains(d.MediatorId.Value))
            .GroupBy(d => new { d.MediatorId, d.Status })
            .Select(g => new { g.Key.MediatorId, g.Key.Status, Count = g.Count(), Agreed = g.Count(d => d.AgreedAt != null) }).ToListAsync(ct);
        return pool.Select(m =>
        {
            var mine = counts.Where(c => c.MediatorId == m.Id).ToList();
            var load = mine.Where(c => c.Status is DisputeStatus.MediatorChosen or DisputeStatus.InSession or DisputeStatus.Registered or DisputeStatus.Assessed).Sum(c => c.Count);
            var finished = mine.Where(c => c.Status is not (DisputeStatus.MediatorChosen or DisputeStatus.InSession or DisputeStatus.Registered or DisputeStatus.Assessed)).ToList();
            return new Member(m.Id, m.Name, m.Kind, m.SpecialtyList, m.Dialects, m.Available, m.AccountId, load, finished.Sum(c => c.Count), finished.Sum(c => c.Agreed));
        }).ToList();
    }

    /// <summary>
    /// Available members ranked by specialty match, load (fewer open cases first) and results (share settled by
    /// agreement), each with the reasons in words and any conflict; a conflicted member comes after the others.
    /// </summary>
    public async Task<IReadOnlyList<Suggestion>> SuggestAsync(Dispute d, CancellationToken ct = default)
    {
        var members = (await ForPlaceAsync(d.AreaPath, ct)).Where(m => m.Available).ToList();
        if (members.Count == 0)
            return [];
        var conflicts = await ConflictsAsync(d, members.Select(m => m.Id).ToList(), ct);
        var maxLoad = Math.Max(1, members.Max(m => m.Load));
        return members.Select(m =>
        {
            var reasons = new List<Text>();
            var score = 0.0;
            if (m.Specialties.Contains(d.Type))
            {
                score += 3;
                reasons.Add(new Text("Disputes.Reason.Specialty", d.Type));
            }
            score += 2.0 * (1 - (double)m.Load / maxLoad);
            reasons.Add(new Text("Disputes.Reason.Load", m.Load));
            if (m.ResolvedRate is { } rate)
            {
                score += 2 * rate;
                reasons.Add(new Text("Disputes.Reason.Results", m.Resolved, m.Finished));
            }
            else
                reasons.Add(new Text("Disputes.Reason.NoResultsYet"));
            var against = conflicts.GetValueOrDefault(m.Id) ?? [];
            return new Suggestion(m, Math.Round(against.Count > 0 ? score - 100 : score, 3), reasons, against);
        }).OrderByDescending(s => s.Score).ThenBy(s => s.Mediator.Id).ToList();
    }

    /// <summary>
    /// Why a mediator should not take the case: she is registered (by her ID's lookup hash) at the standard address of
    /// a party, or she mediated an earlier case with the same party.
    /// </summary>
    public async Task<Dictionary<int, List<Text>>> ConflictsAsync(Dispute d, IReadOnlyList<int> mediatorIds, CancellationToken ct = default)
    {
        var result = new Dictionary<int, List<Text>>();
        var parties = await db.DisputeParties.AsNoTracking().Where(p => p.DisputeId == d.Id).Select(p => new { p.Name, p.PartyKey, p.AddressId }).ToListAsync(ct);
        var addresses = parties.Where(p => p.AddressId != null).Select(p => p.AddressId!.Value).ToList();
        var keys = parties.Select(p => p.PartyKey).ToList();
        var mediators = await db.Mediators.AsNoTracking().Where(m => mediatorIds.Contains(m.Id)).Select(m => new { m.Id, m.IdNumberHash }).ToListAsync(ct);
        var hashes = mediators.Where(m => m.IdNumberHash != null).Select(m => m.IdNumberHash!).ToList();
        if (hashes.Count > 0 && addresses.Count > 0)
        {
            var home = await db.Set<Resident>().AsNoTracking().Where(r => hashes.Contains(r.IdNumberHash!) && addresses.Contains(r.AddressId))
                .Select(r => new { r.IdNumberHash, r.AddressId }).ToListAsync(ct);
            foreach (var m in mediators)
                foreach (var h in home.Where(h => h.IdNumberHash == m.IdNumberHash))
                    Add(m.Id, new Text("Disputes.Conflict.SameAddress", parties.First(p => p.AddressId == h.AddressId).Name));
        }
        var earlier = await (from x in db.Disputes.AsNoTracking()
                             join p in db.DisputeParties.AsNoTracking() on x.Id equals p.DisputeId
                             where x.Id != d.Id && x.MediatorId != null && mediatorIds.Contains(x.MediatorId.Value) && keys.Contains(p.PartyKey)
                             select new { MediatorId = x.MediatorId!.Value, x.Id, p.PartyKey }).Distinct().ToListAsync(ct);
        foreach (var e in earlier)
            Add(e.MediatorId, new Text("Disputes.Conflict.EarlierCase", parties.First(p => p.PartyKey == e.PartyKey).Name, DisputeRules.Number(e.Id)));
        return result;

        void Add(int id, Text why)
        {
            if (!result.TryGetValue(id, out var list))
                result[id] = list = [];
            list.Add(why);
        }
    }
}
