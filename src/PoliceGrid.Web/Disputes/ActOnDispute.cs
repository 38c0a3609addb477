using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Delivery;
using PoliceGrid.Web.Shared;
using PoliceGrid.Web.Teams;

namespace PoliceGrid.Web.Disputes;

/// <summary>
/// The moves of a case that need no document: assess (risk, what is at stake), hand over to the people's mediation
/// committee (警调对接), invite the village legal adviser (警法联调), refer onward (township centre, court 诉调对接,
/// arbitration, department), carried out, a follow-up visit done, close, escalate. Each keeps its record and step.
/// </summary>
public sealed class ActOnDispute(PoliceGridDb db, DisputeSteps steps)
{
    public sealed record Request(int? Version = null, string? Note = null, DisputeRisk? Risk = null, string? AtStake = null, HandoverKind? Kind = null,
        string? ToName = null, int? AdviserAccountId = null, int? FollowUpId = null);

    public async Task<Result> RunAsync(Viewer viewer, int id, DisputeAction action, Request request, CancellationToken ct = default)
    {
        if (action is DisputeAction.ChooseMediator or DisputeAction.RecordSession or DisputeAction.RecordAgreement)
            return Result.Invalid(new Text("Disputes.NoSuchAction"));
        var (d, refused) = await steps.LoadAsync(viewer, id, action, request.Version, ct);
        if (refused is not null)
            return refused;
        var note = request.Note?.Trim();
        if (note is { Length: > 2000 })
            return Result.Invalid([new FieldProblem("note", new Text("Disputes.NoteIsTooLong"))]);
        var now = steps.Now;
        DisputeStatus? to = null;
        var detail = "";
        switch (action)
        {
            case DisputeAction.Assess:
                if (request.Risk is not { } risk || !Enum.IsDefined(risk))
                    return Result.Invalid([new FieldProblem("risk", new Text("Disputes.ChooseARiskLevel"))]);
                d!.Risk = risk;
                if (request.AtStake is { } stake)
                    d.AtStake = stake.Trim().Length > 1000 ? stake.Trim()[..1000] : stake.Trim();
                await steps.InvolvePoliceAsync(d, ct);
                detail = $"risk {risk}";
                break;
            case DisputeAction.HandOver:
                if (string.IsNullOrWhiteSpace(request.ToName) || request.ToName.Trim().Length > 100)
                    return Result.Invalid([new FieldProblem("toName", new Text("Disputes.NameTheCommittee"))]);
                d!.Committee = request.ToName.Trim();
                Record(d, HandoverKind.MediationCommittee, d.Committee, null, note, viewer, now);
                break;
            case DisputeAction.InviteAdviser:
                var advisers = await AdvisersAsync(d!, ct);
                if (request.AdviserAccountId is not { } adviser || !advisers.Any(a => a.Id == adviser))
                    return Result.Invalid([new FieldProblem("adviserAccountId", new Text("Disputes.ChooseTheVillageLegalAdviser"))]);
                d!.AdviserAccountId = adviser;
                Record(d, HandoverKind.LegalAdviser, advisers.First(a => a.Id == adviser).Name, adviser, note, viewer, now);
                await steps.TellAsync([adviser], d, MessageKind.Task, new Text("Disputes.Title.Invited", DisputeRules.Number(d.Id)), ct);
                break;
            case DisputeAction.Refer:
                if (request.Kind is not ({ } kind and (HandoverKind.TownshipCentre or HandoverKind.Court or HandoverKind.Arbitration or HandoverKind.Department)))
                    return Result.Invalid([new FieldProblem("kind", new Text("Disputes.ChooseWhereToRefer"))]);
                if (string.IsNullOrWhiteSpace(request.ToName) || request.ToName.Trim().Length > 100)
                    return Result.Invalid([new FieldProblem("toName", new Text("Disputes.NameWhereItGoes"))]);
                Record(d!, kind, request.ToName.Trim(), null, note, viewer, now);
                d!.ReferredAt = now;
                detail = kind.ToString();
                break;
            case DisputeAction.CarryOut:
                d!.CarriedOutAt = now;
                await db.DisputeObligations.Where(o => o.DisputeId == id && o.DoneAt == null).ExecuteUpdateAsync(s => s.SetProperty(o => o.DoneAt, now), ct);
                break;
            case DisputeAction.FollowUp:
                var followUp = request.FollowUpId is { } fid ? await db.DisputeFollowUps.SingleOrDefaultAsync(f => f.Id == fid && f.DisputeId == id, ct) : null;
                if (followUp is null || followUp.DoneAt is not null)
                    return Result.Invalid([new FieldProblem("followUpId", new Text("Disputes.ChooseAnOpenFollowUp"))]);
                if (string.IsNullOrEmpty(note))
                    return Result.Invalid([new FieldProblem("note", new Text("Disputes.WriteWhatTheVisitFound"))]);
                followUp.DoneAt = now;
                followUp.DoneById = viewer.AccountId;
                followUp.Note = note;
                var open = await db.DisputeFollowUps.CountAsync(f => f.DisputeId == id && f.DoneAt == null && f.Id != followUp.Id, ct);
                if (open == 0)
                    to = DisputeStatus.FollowedUp;
                detail = $"day {followUp.Day}";
                break;
            case DisputeAction.Close:
                d!.ClosedAt = now;
                break;
            case DisputeAction.Escalate:
                if (d!.EscalationLevel >= StepLimits.TopLevel)
                    return Result.Conflict(new Text("Disputes.AlreadyAtTheCommandRoom"));
                d.EscalationLevel++;
                detail = $"level {d.EscalationLevel}";
                break;
        }
        steps.Move(d!, viewer, action, DisputeSteps.Code(action), note, to, detail);
        return await steps.SaveAsync(d!, ct);
    }

    void Record(Dispute d, HandoverKind kind, string toName, int? adviser, string? note, Viewer viewer, DateTime now) =>
        db.DisputeHandovers.Add(new DisputeHandover { DisputeId = d.Id, Kind = kind, ToName = toName, AdviserAccountId = adviser, Note = note ?? "", At = now, ById = viewer.AccountId });

    public sealed record Adviser(int Id, string Name);

    /// <summary>The village legal advisers (a team duty, 村法律顾问) on the current teams of the case's village or grid.</summary>
    public async Task<IReadOnlyList<Adviser>> AdvisersAsync(Dispute d, CancellationToken ct = default)
    {
        var units = new[] { d.VillageId, d.GridId }.OfType<int>().ToList();
        return await (from m in db.TeamMembers.AsNoTracking()
                      join t in db.Teams.AsNoTracking() on m.TeamId equals t.Id
                      join a in db.Users.AsNoTracking() on m.AccountId equals a.Id
                      where m.Duty == TeamDuty.LegalAdviser && m.EndedAt == null && t.DissolvedAt == null && units.Contains(t.UnitId)
                      select new Adviser(a.Id, a.DisplayName)).Distinct().ToListAsync(ct);
    }
}
