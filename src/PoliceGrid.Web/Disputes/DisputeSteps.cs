using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Delivery;
using PoliceGrid.Web.Shared;
using PoliceGrid.Web.Shared.Live;

namespace PoliceGrid.Web.Disputes;

/// <summary>
/// What every move of a dispute does the same way: the state per <see cref="DisputeRules"/>, the step's limit through
/// <see cref="StepLimits"/>, the history row, the audit row, the save against the case's version, the live message.
/// The use cases decide what else changes; they all end here.
/// </summary>
public sealed class DisputeSteps(PoliceGridDb db, AuditTrail audit, LiveFeed live, Notify notify, IOptions<DisputesOptions> options, TimeProvider clock)
{
    public DateTime Now => DisputeRules.Now(clock);

    public DisputesOptions Options => options.Value;

    public static Notify.Subject SubjectOf(Dispute d) => new("dispute", d.Id, $"/disputes/{d.Id}");

    /// <summary>Loads a case the viewer may see and checks the action; the failure result, or null when she may go on.</summary>
    public async Task<(Dispute? Case, Result? Refused)> LoadAsync(Viewer viewer, int id, DisputeAction action, int? version, CancellationToken ct)
    {
        var d = await db.Disputes.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (d is null || !AccessPolicy.CanSee(d, viewer))
            return (null, Result.NotFound());
        if (!DisputeRules.May(action, d, viewer))
        {
            await audit.WriteAsync("dispute-" + Code(action), "dispute", Id(d.Id), AuditOutcome.Denied, "not permitted");
            return (d, Result.Forbidden(new Text("Disputes.YouMayNotDoThis")));
        }
        if (version is { } seen && seen != d.Version)
            return (d, Result.Conflict(new Text("Disputes.SomeoneElseChangedThisCase")));
        if (!DisputeRules.Allows(action, d.Status))
            return (d, Result.Conflict(new Text("Disputes.NotInThisState", d.Status)));
        return (d, null);
    }

    /// <summary>Moves the case (state, step limit, history, audit); the caller saves with <see cref="SaveAsync"/>.</summary>
    public void Move(Dispute d, Viewer? viewer, DisputeAction? action, string step, string? note, DisputeStatus? to = null, string detail = "")
    {
        var now = Now;
        var from = d.Status;
        var next = to ?? (action is { } a ? DisputeRules.Transition(a).To : null) ?? from;
        d.Status = next;
        if (next != from)
            StepLimits.StartStep(d, now, DisputeRules.LimitFor(next, Options));
        d.UpdatedAt = now;
        d.Version++;
        db.DisputeSteps.Add(new DisputeStep
        {
            DisputeId = d.Id, At = now, AccountId = viewer?.AccountId, ActorName = viewer?.DisplayName ?? Words.Store(new Text("Events.System")),
            Action = step, FromStatus = from, ToStatus = next, Note = note,
        });
        audit.Add("dispute-" + step, "dispute", Id(d.Id), detail: $"{from}->{next} {detail}".Trim(), userName: viewer is null ? "system" : null);
    }

    /// <summary>Saves the move; a case someone else moved meanwhile answers 409. Publishes the change to open pages.</summary>
    public async Task<Result> SaveAsync(Dispute d, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Result.Conflict(new Text("Disputes.SomeoneElseChangedThisCase"));
        }
        await live.PublishAsync(LiveOf(d), ct);
        return Result.Done;
    }

    public static LiveMessage LiveOf(Dispute d) => new(LiveMessageKind.Dispute, d.Id, d.AreaPath, d.PoliceDistrictId, d.MediatorAccountId);

    /// <summary>High risk: the police district of the place is told (the police are always involved), in the caller's save.</summary>
    public async Task InvolvePoliceAsync(Dispute d, CancellationToken ct)
    {
        if (!DisputeRules.IsHighRisk(d.Risk) || d.PoliceInvolved)
            return;
        d.PoliceInvolved = true;
        if (d.PoliceDistrictId is { } district)
            await notify.ToUnitAsync(district, Side.Police, null, MessageKind.Task, SubjectOf(d), new Text("Disputes.Title.HighRisk", DisputeRules.Number(d.Id), d.Risk), police: true, ct);
    }

    public Task<int> TellAsync(IEnumerable<int> people, Dispute d, MessageKind kind, Text title, CancellationToken ct) =>
        notify.ToPeopleAsync(people, kind, SubjectOf(d), title, d.PoliceInvolved, ct);

    public static string Code(DisputeAction action) => action switch
    {
        DisputeAction.ChooseMediator => "choose",
        DisputeAction.HandOver => "hand-over",
        DisputeAction.InviteAdviser => "invite-adviser",
        DisputeAction.RecordSession => "session",
        DisputeAction.RecordAgreement => "agreement",
        DisputeAction.CarryOut => "carried-out",
        DisputeAction.FollowUp => "follow-up",
        _ => action.ToString().ToLowerInvariant(),
    };

    public static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
