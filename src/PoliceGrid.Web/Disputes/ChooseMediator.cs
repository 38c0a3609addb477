using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Delivery;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Disputes;

/// <summary>
/// Records one party's choice of a mediator from the pool, or her consent to the one proposed, with when and how it
/// was given. When every party's latest choice names the same mediator, she is the case's mediator and is told.
/// </summary>
public sealed class ChooseMediator(PoliceGridDb db, DisputeSteps steps, MediatorPool pool)
{
    public sealed record Request(int? PartyId, int? MediatorId, ChoiceWay? Way, bool Consent = false, int? Version = null);

    public async Task<Result<IReadOnlyList<Text>>> RunAsync(Viewer viewer, int id, Request request, CancellationToken ct = default)
    {
        var (d, refused) = await steps.LoadAsync(viewer, id, DisputeAction.ChooseMediator, request.Version, ct);
        if (refused is not null)
            return refused.As<IReadOnlyList<Text>>();
        var parties = await db.DisputeParties.AsNoTracking().Where(p => p.DisputeId == id).Select(p => p.Id).ToListAsync(ct);
        if (request.PartyId is not { } partyId || !parties.Contains(partyId))
            return Invalid("partyId", "Disputes.ChooseAPartyOfThisCase");
        var mediator = request.MediatorId is { } mid ? await db.Mediators.AsNoTracking().SingleOrDefaultAsync(m => m.Id == mid, ct) : null;
        if (mediator is null || mediator.AreaPath.Length == 0 || !d!.AreaPath.StartsWith(mediator.AreaPath, StringComparison.Ordinal) || !mediator.Available)
            return Invalid("mediatorId", "Disputes.ChooseAnAvailableMediatorOfThePool");
        if (request.Way is not { } way || !Enum.IsDefined(way))
            return Invalid("way", "Disputes.SayHowTheChoiceWasGiven");

        var now = steps.Now;
        db.MediatorChoices.Add(new MediatorChoice { DisputeId = id, PartyId = partyId, MediatorId = mediator.Id, Way = way, Consent = request.Consent, At = now, RecordedById = viewer.AccountId });
        var latest = await db.MediatorChoices.AsNoTracking().Where(c => c.DisputeId == id).OrderBy(c => c.At).ThenBy(c => c.Id).ToListAsync(ct);
        var byParty = latest.GroupBy(c => c.PartyId).ToDictionary(g => g.Key, g => g.Last().MediatorId);
        byParty[partyId] = mediator.Id;
        var agreed = parties.All(p => byParty.TryGetValue(p, out var m) && m == mediator.Id);
        var conflicts = (await pool.ConflictsAsync(d!, [mediator.Id], ct)).GetValueOrDefault(mediator.Id) ?? [];
        var note = mediator.Name;
        if (agreed)
        {
            d!.MediatorId = mediator.Id;
            d.MediatorAccountId = mediator.AccountId;
            steps.Move(d, viewer, DisputeAction.ChooseMediator, "choose", note, DisputeStatus.MediatorChosen, $"mediator {mediator.Id} by all parties");
            if (mediator.AccountId is { } account)
                await steps.TellAsync([account], d, MessageKind.Task, new Text("Disputes.Title.Chosen", DisputeRules.Number(d.Id)), ct);
        }
        else
            steps.Move(d!, viewer, DisputeAction.ChooseMediator, "choose", note, detail: $"party {partyId} mediator {mediator.Id} {way}");
        var saved = await steps.SaveAsync(d!, ct);
        return saved.IsDone ? conflicts : saved.As<IReadOnlyList<Text>>();
    }

    static Result<IReadOnlyList<Text>> Invalid(string field, string key) =>
        Result.Invalid([new FieldProblem(field, new Text(key))]).As<IReadOnlyList<Text>>();
}
