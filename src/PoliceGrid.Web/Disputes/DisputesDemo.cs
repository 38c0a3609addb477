using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Disputes;

/// <summary>Demo mode: a mediator pool in the demo township (one member signs in as <c>mediator</c>) and a few cases in several states.</summary>
public sealed class DisputesDemo(PoliceGridDb db, TimeProvider clock)
{
    public async Task RunAsync()
    {
        var township = await db.Units.AsNoTracking().SingleAsync(u => u.Code == DemoSeed.DemoTownship);
        var county = await db.Units.AsNoTracking().SingleAsync(u => u.Id == township.ParentId);
        var account = await db.Users.Where(a => a.UserName == "mediator").Select(a => (int?)a.Id).SingleOrDefaultAsync();
        var opener = await db.Users.Where(a => a.UserName == "officer").Select(a => a.Id).SingleAsync();
        var grid = await db.Units.AsNoTracking().SingleAsync(u => u.Id == db.Users.Where(a => a.UserName == "gridworker1").Select(a => a.UnitId).Single());
        var village = await db.Units.AsNoTracking().SingleAsync(u => u.Id == grid.ParentId);
        var now = clock.GetUtcNow().UtcDateTime;
        Mediator Member(Unit unit, string name, MediatorKind kind, string specialties, string dialects, int? accountId = null) => new()
        {
            UnitId = unit.Id, AreaPath = unit.AreaPath, Name = name, Kind = kind, Specialties = specialties, Dialects = dialects, AccountId = accountId, AddedAt = now,
        };
        var pool = new[]
        {
            Member(township, "林调解", MediatorKind.PeoplesMediator, "Neighbour,FamilyMarriage", "平顶山话", account),
            Member(township, "马律师", MediatorKind.Lawyer, "LabourWages,Consumer,Traffic", "普通话"),
            Member(township, "何心理", MediatorKind.Counsellor, "FamilyMarriage", "普通话"),
            Member(township, "高老书记", MediatorKind.RetiredCadre, "LandProperty,Neighbour", "平顶山话"),
            Member(county, "罗调解", MediatorKind.PeoplesMediator, "Other,LandProperty", "普通话"),
        };
        db.Mediators.AddRange(pool);
        await db.SaveChangesAsync();

        Dispute Case(string title, DisputeType type, DisputeStatus status, int daysAgo, Mediator? mediator = null) => new()
        {
            Title = title, Type = type, Status = status, Source = DisputeSource.GridVisit, AreaPath = grid.AreaPath, GridId = grid.Id, VillageId = village.Id,
            TownshipId = township.Id, PoliceDistrictId = grid.PoliceDistrictId, OpenedById = opener, RegisteredAt = now.AddDays(-daysAgo), UpdatedAt = now,
            DueAt = now.AddDays(30 - daysAgo), MediatorId = mediator?.Id, MediatorAccountId = mediator?.AccountId,
            AgreedAt = status >= DisputeStatus.Agreement && status != DisputeStatus.Referred ? now.AddDays(-daysAgo + 5) : null,
            ClosedAt = status == DisputeStatus.Closed ? now.AddDays(-1) : null,
        };
        var cases = new[]
        {
            Case("邻里排水沟堵塞纠纷", DisputeType.Neighbour, DisputeStatus.Registered, 1),
            Case("家庭赡养费纠纷", DisputeType.FamilyMarriage, DisputeStatus.InSession, 6, pool[0]),
            Case("宅基地边界纠纷", DisputeType.LandProperty, DisputeStatus.Agreement, 12, pool[3]),
            Case("农民工工资纠纷", DisputeType.LabourWages, DisputeStatus.Closed, 60, pool[1]),
        };
        db.Disputes.AddRange(cases);
        await db.SaveChangesAsync();
        string[][] names = [["张大山", "李小河"], ["刘老汉", "刘建国"], ["王家旺", "赵富贵"], ["陈工头", "周师傅"]];
        for (var i = 0; i < cases.Length; i++)
        {
            foreach (var name in names[i])
                db.DisputeParties.Add(new DisputeParty { DisputeId = cases[i].Id, Name = name, PartyKey = DisputeRules.PartyKey(null, null, name, village.Id) });
            db.DisputeSteps.Add(new DisputeStep { DisputeId = cases[i].Id, At = cases[i].RegisteredAt, AccountId = opener, ActorName = "李警官", Action = DisputeRules.OpenStep,
                FromStatus = DisputeStatus.Registered, ToStatus = cases[i].Status });
        }
        var agreed = cases[2];
        db.DisputeAgreements.Add(new DisputeAgreement { DisputeId = agreed.Id, Facts = "双方因宅基地边界发生争议。", Points = "院墙位置。", Terms = "院墙后移三十厘米，费用各半。",
            MadeAt = agreed.AgreedAt!.Value, MadeById = opener });
        foreach (var day in RecordAgreement.FollowUpDays)
            db.DisputeFollowUps.Add(new DisputeFollowUp { DisputeId = agreed.Id, Day = day, DueAt = agreed.AgreedAt!.Value.AddDays(day) });
        await db.SaveChangesAsync();
    }
}
