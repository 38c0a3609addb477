using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Register.Records;
using PoliceGrid.Web.Register.Verification;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Register.PersonalData;

/// <summary>A record that holds an ID number someone typed, with what decides who may learn about it.</summary>
public sealed record NumberHolder(int Id, string AreaPath, int? PoliceDistrictId);

/// <summary>
/// The one-person-one-record check is also an identity lookup, so it is treated as one: every hit is audited and counts
/// toward the collector's hourly limit (<c>Register:LookupsPerHour</c>); a collector outside the record's area is told
/// only that the number is registered elsewhere, and the record's own officer gets a <see cref="ResidenceChangeCheck"/>.
/// </summary>
public sealed class DuplicateLookups(PoliceGridDb db, AuditTrail audit, TimeProvider clock, Microsoft.Extensions.Options.IOptions<RegisterOptions> options)
{
    public const string HitAction = "duplicate-id-hit";
    public const string ThrottledAction = "duplicate-id-throttled";

    public static readonly Text Elsewhere = new("Register.ThisIDNumberIsAlreadyRegistered");

    public static Text TooMany(TimeSpan wait)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
        return new Text("Register.YouHaveReachedTheHourlyLimit", minutes);
    }

    public int PerHour => options.Value.LookupsPerHour;

    DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Which records hold these ID number hashes.</summary>
    public async Task<Dictionary<string, NumberHolder>> HoldersAsync(IReadOnlyCollection<string> hashes, int? except, CancellationToken ct = default) =>
        hashes.Count == 0 ? []
            : await db.Set<Resident>().Where(r => hashes.Contains(r.IdNumberHash!) && r.Id != except)
                .Select(r => new { r.IdNumberHash, Holder = new NumberHolder(r.Id, r.AreaPath, r.PoliceDistrictId) })
                .ToDictionaryAsync(r => r.IdNumberHash!, r => r.Holder, ct);

    /// <summary>How many more lookups the viewer has this hour, and when the oldest counted one leaves the window.</summary>
    public async Task<(int Left, TimeSpan Wait)> BudgetAsync(Viewer viewer, CancellationToken ct = default)
    {
        var since = Now.AddHours(-1);
        var recent = db.Set<DuplicatePrevented>().Where(d => d.AccountId == viewer.AccountId && d.Lookup && d.At > since);
        var used = await recent.CountAsync(ct);
        if (used < PerHour)
            return (PerHour - used, TimeSpan.Zero);
        var oldest = await recent.MinAsync(d => d.At, ct);
        var wait = oldest.AddHours(1) - Now;
        return (0, wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait);
    }

    /// <summary>The wait before the viewer's next lookup (the refusal audited), or null when she may look up now.</summary>
    public async Task<TimeSpan?> RefusedAsync(Viewer viewer, CancellationToken ct = default)
    {
        var (left, wait) = await BudgetAsync(viewer, ct);
        if (left > 0)
            return null;
        await ThrottledAsync(ct);
        return wait;
    }

    public async Task ThrottledAsync(CancellationToken ct = default)
    {
        audit.Add(ThrottledAction, nameof(RecordType.Resident), null, AuditOutcome.Denied, $"limit {PerHour} per hour");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Keeps a hit: counted, audited, and outside the viewer's area a check for the record's officer (one open check per
    /// record and address). Saved with the caller's next SaveChanges. True when the viewer may be shown the record.
    /// </summary>
    public async Task<bool> HitAsync(NumberHolder holder, int? proposedAddressId, string collectorAreaPath, Viewer viewer, CancellationToken ct = default)
    {
        var inArea = AccessPolicy.InArea(holder.AreaPath, viewer);
        db.Add(new DuplicatePrevented { At = Now, ExistingResidentId = holder.Id, AreaPath = collectorAreaPath, AccountId = viewer.AccountId, Lookup = true });
        audit.Add(HitAction, nameof(RecordType.Resident), holder.Id.ToString(CultureInfo.InvariantCulture),
            inArea ? AuditOutcome.Success : AuditOutcome.Denied, inArea ? "in the collector's area" : "outside the collector's area: residence check raised");
        if (!inArea && proposedAddressId is { } addressId
            && !await db.Set<ResidenceChangeCheck>().AnyAsync(c => c.ResidentId == holder.Id && c.ProposedAddressId == addressId && c.Status == ResidenceCheckStatus.Open, ct)
            && !db.ChangeTracker.Entries<ResidenceChangeCheck>().Any(e => e.Entity.ResidentId == holder.Id && e.Entity.ProposedAddressId == addressId))
        {
            db.Add(new ResidenceChangeCheck
            {
                ResidentId = holder.Id,
                ProposedAddressId = addressId,
                CollectorId = viewer.AccountId,
                CollectorName = viewer.DisplayName,
                RaisedAt = Now,
                Status = ResidenceCheckStatus.Open,
                AreaPath = holder.AreaPath,
                PoliceDistrictId = holder.PoliceDistrictId,
            });
        }
        return inArea;
    }
}
