using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Register.Records;

namespace PoliceGrid.Web.Care;

/// <summary>
/// Demo mode only: a few more elderly people living alone in gridworker1's grid, their cases opened, and last contacts
/// spread so that the day's list shows some overdue, some due today and some not yet due.
/// </summary>
public sealed class CareDemo(PoliceGridDb db, OpenCareCases open, TimeProvider clock)
{
    public async Task RunAsync()
    {
        var grid = await db.Users.Where(a => a.UserName == "gridworker1").Select(a => a.UnitId).SingleAsync();
        var untagged = await db.Set<Resident>().Where(r => r.GridId == grid && r.Tags == "").OrderBy(r => r.Id).Take(4).ToListAsync();
        foreach (var r in untagged)
            r.Tags = SpecialGroups.Store([SpecialGroup.ElderlyAlone]);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        await open.RunAsync([grid]);

        var now = CareRules.Now(clock);
        var plans = await CareRules.PlansAsync(db);
        var cases = await db.CareCases.Where(c => c.GridId == grid).OrderBy(c => c.Id).ToListAsync();
        // Hours since last seen, in turn: overdue by a day, due today, seen yesterday, never seen (due now).
        int?[] ago = [72, 40, 20, null];
        for (var i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            if (ago[i % ago.Length] is not { } hours)
                continue;
            c.LastSeenAt = now.AddHours(-hours);
            c.LastSeenHow = Shared.SeenHow.FaceToFace;
            c.LastNote = Shared.Words.Zh(i % 2 == 0 ? "Care.Demo.NeedsMedicine" : "CareOutcome.Good");
            c.OpenedAt = now.AddDays(-30);
            CareRules.Schedule(c, CareRules.PlanFor(plans, c.Group, c.CountyId));
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }
}
