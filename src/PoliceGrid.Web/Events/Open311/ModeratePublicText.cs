using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Events.Open311;

/// <summary>
/// A moderator of the event's area (dispatcher, centre director) approves the text the public may read of a request
/// in Open311, written without names, numbers or door addresses; an empty text withdraws it (back to the neutral
/// category and status). Audited.
/// </summary>
public sealed class ModeratePublicText(PoliceGridDb db, AuditTrail audit)
{
    public sealed record Request(string? Text);

    public const int MaxLength = 1000;

    public static readonly Text NotAllowed = new("Events.OnlyADispatcherOrCentreDirector");

    public static bool Moderates(Viewer viewer) => viewer.Can(Capability.ModeratePublicRequests);

    /// <summary>Requests Open311 may show: from the public, not confidential.</summary>
    public static bool IsPublicRequest(Event e) => e.Source is EventSource.Citizen or EventSource.Hotline12345 && !e.IsConfidential;

    public async Task<Result> ModerateAsync(Viewer viewer, int id, Request request)
    {
        if (!Moderates(viewer))
            return Result.Forbidden(NotAllowed);
        var e = await db.Events.SingleOrDefaultAsync(x => x.Id == id);
        if (e is null || !AccessPolicy.SeesDetails(e, viewer))
            return Result.NotFound();
        var text = request.Text?.Trim() is { Length: > 0 } t ? t : null;
        if (text is not null && (text.Length > MaxLength || text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))))
            return Result.Invalid(new Text("Events.ThePublicTextMustBe1", MaxLength));
        e.PublicText = text;
        audit.Add(text is null ? "event-public-text-withdraw" : "event-public-text-approve", "event", id.ToString(CultureInfo.InvariantCulture));
        await db.SaveChangesAsync();
        return Result.Done;
    }

    /// <summary>POST /api/events/{id}/public-text.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(int id, Request request, AccessPolicy access, ModeratePublicText moderate)
    {
        var result = await moderate.ModerateAsync(await access.CurrentAsync(), id, request);
        if (result.Outcome == Outcome.NotFound)
            await access.RecordOutOfScopeAsync("event", id.ToString(CultureInfo.InvariantCulture));
        return result.ToNoContent();
    }
}
