using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Disputes;

/// <summary>
/// A mediation session: when, where, who attended (parties linked to their register records where known, others by
/// name), notes, and confidential notes that only the mediator and the police read.
/// </summary>
public sealed class RecordSession(PoliceGridDb db, DisputeSteps steps)
{
    public sealed record Request(DateTime? At, string? Place, string? Notes, string? ConfidentialNotes, IReadOnlyList<int>? PartyIds, string? Others, int? Version = null);

    public async Task<Result<int>> RunAsync(Viewer viewer, int id, Request request, CancellationToken ct = default)
    {
        var (d, refused) = await steps.LoadAsync(viewer, id, DisputeAction.RecordSession, request.Version, ct);
        if (refused is not null)
            return refused.As<int>();
        var problems = new List<FieldProblem>();
        var place = request.Place?.Trim() ?? "";
        if (place.Length is 0 or > 200)
            problems.Add(new FieldProblem("place", new Text("Disputes.WriteThePlace")));
        if ((request.Notes?.Length ?? 0) > 4000 || (request.ConfidentialNotes?.Length ?? 0) > 4000)
            problems.Add(new FieldProblem("notes", new Text("Disputes.NotesAreTooLong")));
        var parties = await db.DisputeParties.AsNoTracking().Where(p => p.DisputeId == id).ToListAsync(ct);
        var attending = parties.Where(p => request.PartyIds?.Contains(p.Id) == true).ToList();
        var others = (request.Others ?? "").Split([',', '，', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(n => n.Length <= 100).ToList();
        if (attending.Count + others.Count == 0)
            problems.Add(new FieldProblem("partyIds", new Text("Disputes.SayWhoAttended")));
        var now = steps.Now;
        var at = request.At is { } t ? (t.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : t.ToUniversalTime()) : now;
        if (at > now.AddDays(1))
            problems.Add(new FieldProblem("at", new Text("Disputes.ASessionIsRecordedAfterItTookPlace")));
        if (problems.Count > 0)
            return Result.Invalid(problems).As<int>();

        var session = new DisputeSession
        {
            DisputeId = id, At = at, Place = place, Notes = request.Notes?.Trim() ?? "", ConfidentialNotes = request.ConfidentialNotes?.Trim() ?? "", RecordedById = viewer.AccountId,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.DisputeSessions.Add(session);
        await db.SaveChangesAsync(ct);
        db.SessionAttendees.AddRange(attending.Select(p => new SessionAttendee { SessionId = session.Id, PartyId = p.Id, ResidentId = p.ResidentId, Name = p.Name }));
        db.SessionAttendees.AddRange(others.Select(n => new SessionAttendee { SessionId = session.Id, Name = n }));
        steps.Move(d!, viewer, DisputeAction.RecordSession, "session", place, detail: $"session {session.Id}");
        var saved = await steps.SaveAsync(d!, ct);
        if (!saved.IsDone)
            return saved.As<int>();
        await transaction.CommitAsync(ct);
        return session.Id;
    }
}
