using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Disputes;

/// <summary>
/// The agreement (人民调解协议书): the facts, the points in dispute, what was agreed and each obligation with its
/// deadline. It opens the follow-up visits (回访) at day 7 and day 30; the printable document is made from it, and the
/// signed copy comes back through <see cref="AttachSignedAsync"/>.
/// </summary>
public sealed class RecordAgreement(PoliceGridDb db, AuditTrail audit, DisputeSteps steps)
{
    public sealed record Obligation(int? PartyId, string? What, DateOnly? Due);

    public sealed record Request(string? Facts, string? Points, string? Terms, IReadOnlyList<Obligation>? Obligations, int? Version = null);

    public static readonly int[] FollowUpDays = [7, 30];

    public const int MaxSignedBytes = 5 * 1024 * 1024;

    public async Task<Result> RunAsync(Viewer viewer, int id, Request request, CancellationToken ct = default)
    {
        var (d, refused) = await steps.LoadAsync(viewer, id, DisputeAction.RecordAgreement, request.Version, ct);
        if (refused is not null)
            return refused;
        var problems = new List<FieldProblem>();
        string Required(string? value, string field)
        {
            var v = value?.Trim() ?? "";
            if (v.Length is 0 or > 4000)
                problems.Add(new FieldProblem(field, new Text("Disputes.WriteThe." + field)));
            return v;
        }
        var facts = Required(request.Facts, "facts");
        var points = Required(request.Points, "points");
        var terms = Required(request.Terms, "terms");
        var parties = await db.DisputeParties.AsNoTracking().Where(p => p.DisputeId == id).Select(p => p.Id).ToListAsync(ct);
        var obligations = (request.Obligations ?? []).Where(o => !string.IsNullOrWhiteSpace(o.What)).ToList();
        foreach (var o in obligations)
        {
            if (o.Due is null || o.What!.Trim().Length > 500 || o.PartyId is { } p && !parties.Contains(p))
                problems.Add(new FieldProblem("obligations", new Text("Disputes.EachObligationNeedsAPartyAndADeadline")));
        }
        if (problems.Count > 0)
            return Result.Invalid(problems);

        var now = steps.Now;
        db.DisputeAgreements.Add(new DisputeAgreement { DisputeId = id, Facts = facts, Points = points, Terms = terms, MadeAt = now, MadeById = viewer.AccountId });
        foreach (var o in obligations)
            db.DisputeObligations.Add(new DisputeObligation
            {
                DisputeId = id, PartyId = o.PartyId, What = o.What!.Trim(),
                // The end of the deadline's day in China.
                DueAt = DateTime.SpecifyKind(o.Due!.Value.ToDateTime(new TimeOnly(23, 59)) - ChinaTime.Offset, DateTimeKind.Utc),
            });
        foreach (var day in FollowUpDays)
            db.DisputeFollowUps.Add(new DisputeFollowUp { DisputeId = id, Day = day, DueAt = now.AddDays(day) });
        d!.AgreedAt = now;
        steps.Move(d, viewer, DisputeAction.RecordAgreement, "agreement", null, detail: $"{obligations.Count} obligations");
        try
        {
            return await steps.SaveAsync(d, ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Result.Conflict(new Text("Disputes.SomeoneElseChangedThisCase"));
        }
    }

    /// <summary>The signed copy (PDF, JPEG or PNG), scanned or photographed, uploaded back to the case.</summary>
    public async Task<Result> AttachSignedAsync(Viewer viewer, int id, string fileName, byte[] content, CancellationToken ct = default)
    {
        var d = await db.Disputes.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (d is null || !AccessPolicy.CanSee(d, viewer))
            return Result.NotFound();
        if (!DisputeRules.May(DisputeAction.RecordAgreement, d, viewer))
            return Result.Forbidden(new Text("Disputes.YouMayNotDoThis"));
        var agreement = await db.DisputeAgreements.SingleOrDefaultAsync(a => a.DisputeId == id, ct);
        if (agreement is null)
            return Result.Conflict(new Text("Disputes.ThereIsNoAgreementYet"));
        if (content.Length is 0 or > MaxSignedBytes || TypeOf(content) is null)
            return Result.Invalid([new FieldProblem("file", new Text("Disputes.TheSignedCopyMustBeAPdfOrImage"))]);
        agreement.SignedCopy = content;
        agreement.SignedFileName = Path.GetFileName(fileName).Length is > 0 and <= 200 ? Path.GetFileName(fileName) : "signed";
        agreement.SignedAt = steps.Now;
        audit.Add("dispute-signed-copy", "dispute", id.ToString(CultureInfo.InvariantCulture), detail: $"{content.Length} bytes");
        await db.SaveChangesAsync(ct);
        return Result.Done;
    }

    /// <summary>The type of a signed copy by its first bytes: PDF, JPEG or PNG; null for anything else.</summary>
    public static string? TypeOf(byte[] content) => content switch
    {
        [0x25, 0x50, 0x44, 0x46, ..] => "application/pdf",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x89, 0x50, 0x4E, 0x47, ..] => "image/png",
        _ => null,
    };
}
