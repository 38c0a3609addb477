using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Disputes;

/// <summary>What the dispute pages and API read: lists (drillable from the figures), one case in full, the pool.</summary>
public sealed class DisputeQueries(PoliceGridDb db, AuditTrail audit, MediatorPool pool, ActOnDispute act, Microsoft.Extensions.Options.IOptions<DisputesOptions> options, TimeProvider clock)
{
    public DateTime Now => DisputeRules.Now(clock);

    public sealed record Filter(int? UnitId = null, DisputeType? Type = null, DisputeStatus? Status = null, int? MediatorId = null, DateTime? From = null,
        DateTime? To = null, string? Figure = null, bool Overdue = false);

    public sealed record Row(int Id, string Number, string Title, DisputeType Type, DisputeStatus Status, DisputeRisk Risk, DateTime RegisteredAt,
        DateTime? StepDueAt, bool Overdue, bool IsRepeated, bool MayTurnCriminal, string? MediatorName, string? GridName);

    public async Task<IReadOnlyList<Row>> ListAsync(Viewer viewer, Filter filter, int take = 200, CancellationToken ct = default)
    {
        var now = Now;
        var q = AccessPolicy.Visible(db.Disputes.AsNoTracking(), viewer);
        if (filter.UnitId is { } unitId)
        {
            var path = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.AreaPath).SingleOrDefaultAsync(ct) ?? "\u0000";
            q = q.Where(d => d.AreaPath.StartsWith(path));
        }
        if (filter.Type is { } type)
            q = q.Where(d => d.Type == type);
        if (filter.Status is { } status)
            q = q.Where(d => d.Status == status);
        if (filter.MediatorId is { } mediator)
            q = q.Where(d => d.MediatorId == mediator);
        if (filter.Overdue)
            q = q.Where(d => d.StepDueAt < now && d.Status != DisputeStatus.Closed && d.Status != DisputeStatus.Referred);
        q = DisputeFigures.OfFigure(q, filter.Figure, filter.From, filter.To);
        return await (from d in q
                      join m in db.Mediators.AsNoTracking() on d.MediatorId equals m.Id into ms
                      from m in ms.DefaultIfEmpty()
                      join g in db.Units.AsNoTracking() on d.GridId equals g.Id into gs
                      from g in gs.DefaultIfEmpty()
                      orderby d.RegisteredAt descending
                      select new Row(d.Id, "", d.Title, d.Type, d.Status, d.Risk, d.RegisteredAt, d.StepDueAt,
                          d.StepDueAt < now && d.Status != DisputeStatus.Closed && d.Status != DisputeStatus.Referred, d.IsRepeated, d.MayTurnCriminal,
                          m == null ? null : m.Name, g == null ? null : g.Name)).Take(take).ToListAsync(ct)
            is var rows ? rows.Select(r => r with { Number = DisputeRules.Number(r.Id) }).ToList() : [];
    }

    public sealed record PartyRow(int Id, PartyKind Kind, string Name, string? MaskedNumber, bool OnRegister);
    public sealed record ChoiceRow(string Party, string Mediator, ChoiceWay Way, bool Consent, DateTime At);
    public sealed record HandoverRow(HandoverKind Kind, string ToName, string Note, DateTime At);
    public sealed record SessionRow(int Id, DateTime At, string Place, string Notes, string? ConfidentialNotes, IReadOnlyList<string> Attendees);
    public sealed record StepRow(DateTime At, string ActorName, string Action, DisputeStatus ToStatus, string? Note);
    public sealed record FlagRow(DisputeFlagKind Kind, int? OtherDisputeId, int? EventId, DateTime At);

    public sealed record Details(Dispute Case, string? MediatorName, string? GridName, IReadOnlyList<PartyRow> Parties, IReadOnlyList<ChoiceRow> Choices,
        IReadOnlyList<HandoverRow> Handovers, IReadOnlyList<SessionRow> Sessions, DisputeAgreement? Agreement, IReadOnlyList<DisputeObligation> Obligations,
        IReadOnlyList<DisputeFollowUp> FollowUps, IReadOnlyList<FlagRow> Flags, IReadOnlyList<StepRow> Steps, IReadOnlyList<DisputeAction> Actions,
        bool ChoiceOverdue, IReadOnlyList<MediatorPool.Suggestion> Suggestions, IReadOnlyList<ActOnDispute.Adviser> Advisers);

    /// <summary>One case, as the viewer may read it (confidential notes only for the mediator and the police); null outside her cases or scope.</summary>
    public async Task<Details?> DetailsAsync(Viewer viewer, int id, CancellationToken ct = default)
    {
        var d = await db.Disputes.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (d is null || !AccessPolicy.CanSee(d, viewer))
            return null;
        var parties = await db.DisputeParties.AsNoTracking().Where(p => p.DisputeId == id).OrderBy(p => p.Id).ToListAsync(ct);
        // The parties' register rows (masked) are a register read: audited like every other.
        if (parties.Any(p => p.ResidentId is not null || p.OrganisationId is not null))
            await audit.WriteAsync("read", "dispute-parties", DisputeSteps.Id(id));
        var names = parties.ToDictionary(p => p.Id, p => p.Name);
        var mediators = await db.Mediators.AsNoTracking().Where(m => m.AreaPath != "" && d.AreaPath.StartsWith(m.AreaPath)).ToDictionaryAsync(m => m.Id, m => m.Name, ct);
        var choices = (await db.MediatorChoices.AsNoTracking().Where(c => c.DisputeId == id).OrderBy(c => c.At).ToListAsync(ct))
            .Select(c => new ChoiceRow(names.GetValueOrDefault(c.PartyId) ?? "", mediators.GetValueOrDefault(c.MediatorId) ?? "", c.Way, c.Consent, c.At)).ToList();
        var handovers = await db.DisputeHandovers.AsNoTracking().Where(h => h.DisputeId == id).OrderBy(h => h.At)
            .Select(h => new HandoverRow(h.Kind, h.ToName, h.Note, h.At)).ToListAsync(ct);
        var confidential = DisputeRules.SeesConfidentialNotes(d, viewer);
        var sessions = await db.DisputeSessions.AsNoTracking().Where(s => s.DisputeId == id).OrderBy(s => s.At).ToListAsync(ct);
        var sessionIds = sessions.Select(s => s.Id).ToList();
        var attendees = await db.SessionAttendees.AsNoTracking().Where(a => sessionIds.Contains(a.SessionId)).ToListAsync(ct);
        var sessionRows = sessions.Select(s => new SessionRow(s.Id, s.At, s.Place, s.Notes, confidential ? s.ConfidentialNotes : null,
            attendees.Where(a => a.SessionId == s.Id).Select(a => a.Name).ToList())).ToList();
        var agreement = await db.DisputeAgreements.AsNoTracking().Where(a => a.DisputeId == id)
            .Select(a => new DisputeAgreement { Id = a.Id, DisputeId = a.DisputeId, Facts = a.Facts, Points = a.Points, Terms = a.Terms, MadeAt = a.MadeAt,
                SignedAt = a.SignedAt, SignedFileName = a.SignedFileName, ConfirmationRemindedAt = a.ConfirmationRemindedAt, MadeById = a.MadeById }).SingleOrDefaultAsync(ct);
        var obligations = await db.DisputeObligations.AsNoTracking().Where(o => o.DisputeId == id).OrderBy(o => o.DueAt).ToListAsync(ct);
        var followUps = await db.DisputeFollowUps.AsNoTracking().Where(f => f.DisputeId == id).OrderBy(f => f.Day).ToListAsync(ct);
        var flags = await db.DisputeFlags.AsNoTracking().Where(f => f.DisputeId == id).Select(f => new FlagRow(f.Kind, f.OtherDisputeId, f.EventId, f.At)).ToListAsync(ct);
        var steps = await db.DisputeSteps.AsNoTracking().Where(s => s.DisputeId == id).OrderBy(s => s.Id)
            .Select(s => new StepRow(s.At, s.ActorName, s.Action, s.ToStatus, s.Note)).ToListAsync(ct);
        var grid = d.GridId is { } g ? await db.Units.AsNoTracking().Where(u => u.Id == g).Select(u => u.Name).SingleOrDefaultAsync(ct) : null;
        var actions = DisputeRules.Available(d, viewer);
        var choosing = actions.Contains(DisputeAction.ChooseMediator) && d.MediatorId is null;
        var overdue = choosing && d.RegisteredAt.AddDays(options.Value.ChoiceDays) <= Now;
        var suggestions = choosing ? await pool.SuggestAsync(d, ct) : [];
        var advisers = actions.Contains(DisputeAction.InviteAdviser) ? await act.AdvisersAsync(d, ct) : [];
        return new Details(d, d.MediatorId is { } mid ? mediators.GetValueOrDefault(mid) ?? await db.Mediators.Where(m => m.Id == mid).Select(m => m.Name).SingleAsync(ct) : null,
            grid, parties.Select(p => new PartyRow(p.Id, p.Kind, p.Name, p.MaskedNumber, p.ResidentId is not null || p.OrganisationId is not null)).ToList(),
            choices, handovers, sessionRows, agreement, obligations, followUps, flags, steps, actions, overdue, suggestions, advisers);
    }

    public async Task<(string FileName, byte[] Content)?> SignedCopyAsync(Viewer viewer, int id, CancellationToken ct = default)
    {
        var d = await db.Disputes.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (d is null || !AccessPolicy.CanSee(d, viewer))
            return null;
        var copy = await db.DisputeAgreements.AsNoTracking().Where(a => a.DisputeId == id && a.SignedCopy != null)
            .Select(a => new { a.SignedFileName, a.SignedCopy }).SingleOrDefaultAsync(ct);
        return copy is null ? null : (copy.SignedFileName ?? "signed", copy.SignedCopy!);
    }

    /// <summary>The pools the viewer's area holds (and the county's above it), with load and results.</summary>
    public async Task<IReadOnlyList<MediatorPool.Member>> PoolAsync(Viewer viewer, CancellationToken ct = default)
    {
        var area = viewer.Unit.AreaPath;
        var mediators = await db.Mediators.AsNoTracking().ToListAsync(ct);
        var visible = mediators.Where(m => viewer.Scope.IsEverything || AccessPolicy.InArea(m.AreaPath, viewer) || area.StartsWith(m.AreaPath, StringComparison.Ordinal))
            .OrderBy(m => m.AreaPath).ThenBy(m => m.Name).ToList();
        return await pool.WithFiguresAsync(visible, ct);
    }
}
