using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Register.Records;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Care;

/// <summary>
/// Keeps care cases in step with the register: a resident tagged with a group that has a plan gets a case (due at once:
/// nobody knows when she was last seen), a case whose tag went is closed, a moved resident's case follows her grid.
/// The sweep runs it for everyone now and then; the day's list runs it for one grid when opened.
/// </summary>
public sealed class OpenCareCases(PoliceGridDb db, UnitLocator locator, TimeProvider clock)
{
    public async Task<int> RunAsync(IReadOnlyList<int>? gridIds = null, CancellationToken ct = default)
    {
        var now = CareRules.Now(clock);
        var plans = await CareRules.PlansAsync(db, ct);
        var residents = db.Set<Resident>().AsNoTracking().Where(r => r.Tags != "" && r.Status != RecordStatus.Returned);
        var cases = db.CareCases.AsQueryable();
        if (gridIds is not null)
        {
            residents = residents.Where(r => gridIds.Contains(r.GridId));
            cases = cases.Where(c => gridIds.Contains(c.GridId));
        }
        var tagged = await residents.Select(r => new { r.Id, r.Tags, r.GridId, r.AreaPath }).ToListAsync(ct);
        var open = (await cases.Where(c => c.ClosedAt == null).ToListAsync(ct)).ToDictionary(c => (c.ResidentId, c.Group));
        var wanted = new HashSet<(int, SpecialGroup)>();
        var changed = 0;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var r in tagged)
            {
                var county = locator.ChainOf(r.GridId)?.County?.Id;
                foreach (var group in SpecialGroups.Read(r.Tags))
                {
                    wanted.Add((r.Id, group));
                    var plan = CareRules.PlanFor(plans, group, county);
                    if (open.TryGetValue((r.Id, group), out var c))
                    {
                        if (c.GridId != r.GridId)
                        {
                            (c.GridId, c.AreaPath, c.CountyId) = (r.GridId, r.AreaPath, county);
                            db.Entry(c).State = EntityState.Modified;
                            changed++;
                        }
                        continue;
                    }
                    if (plan is null)
                        continue;
                    var added = new CareCase
                    {
                        ResidentId = r.Id, Group = group, GridId = r.GridId, CountyId = county, AreaPath = r.AreaPath, Police = group.IsPoliceOnly() || plan.PoliceOnly,
                        OpenedAt = now, DueAt = now,
                    };
                    added.NextEscalationAt = now.AddHours(plan.DoorVisitAfterHours);
                    db.CareCases.Add(added);
                    changed++;
                }
            }
            foreach (var c in open.Values.Where(c => !wanted.Contains((c.ResidentId, c.Group))))
            {
                c.ClosedAt = now;
                c.NextEscalationAt = null;
                db.Entry(c).State = EntityState.Modified;
                changed++;
            }
            // Closed cases of re-tagged residents stay closed; the unique (resident, group) index keeps one row, so reopen it.
            var reopen = wanted.Where(w => !open.ContainsKey(w)).ToList();
            if (reopen.Count > 0)
                await ReopenAsync(reopen, plans, now, ct);
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = true;
            db.ChangeTracker.Clear();
        }
        return changed;
    }

    async Task ReopenAsync(List<(int ResidentId, SpecialGroup Group)> wanted, List<CarePlan> plans, DateTime now, CancellationToken ct)
    {
        var ids = wanted.Select(w => w.ResidentId).Distinct().ToList();
        foreach (var chunk in ids.Chunk(1000))
        {
            var closed = await db.CareCases.Where(c => chunk.Contains(c.ResidentId) && c.ClosedAt != null).ToListAsync(ct);
            foreach (var c in closed.Where(c => wanted.Contains((c.ResidentId, c.Group))))
            {
                // A new case would break the unique index: the closed one opens again, with its history.
                var added = db.ChangeTracker.Entries<CareCase>().FirstOrDefault(e => e.State == EntityState.Added && e.Entity.ResidentId == c.ResidentId && e.Entity.Group == c.Group);
                if (added is not null)
                    added.State = EntityState.Detached;
                c.ClosedAt = null;
                c.EscalationLevel = 0;
                CareRules.Schedule(c, CareRules.PlanFor(plans, c.Group, c.CountyId));
                db.Entry(c).State = EntityState.Modified;
            }
        }
    }
}
