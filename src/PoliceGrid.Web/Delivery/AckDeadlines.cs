using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Delivery;

/// <summary>
/// The administrator's deadline to acknowledge one kind of message, for police or for grid and department work; a kind
/// without one takes <c>Delivery:PoliceAckMinutes</c> or <c>Delivery:GridAckMinutes</c>.
/// </summary>
public sealed class AckDeadline
{
    public MessageKind Kind { get; set; }
    public bool Police { get; set; }
    public int Minutes { get; set; }
}

public sealed class AckDeadlineConfiguration : IEntityTypeConfiguration<AckDeadline>
{
    public void Configure(EntityTypeBuilder<AckDeadline> d)
    {
        d.ToTable("ack_deadlines");
        d.HasKey(x => new { x.Kind, x.Police });
    }
}

/// <summary>
/// The minutes to acknowledge each kind, read from the table at most every 30 seconds per instance (a message is made on
/// every report: one more query each time would cost more than a deadline half a minute late on another instance).
/// </summary>
public sealed class AckDeadlines(IServiceScopeFactory scopes, IOptions<DeliveryOptions> options)
{
    public const int Longest = 1440;
    static readonly TimeSpan Fresh = TimeSpan.FromSeconds(30);
    volatile Snapshot? held;

    sealed record Snapshot(IReadOnlyDictionary<(MessageKind, bool), int> Minutes, long LoadedAt);

    public int Default(bool police) => police ? options.Value.PoliceAckMinutes : options.Value.GridAckMinutes;

    public async Task<int> MinutesAsync(MessageKind kind, bool police, CancellationToken ct = default)
    {
        var snapshot = held;
        if (snapshot is null || Stopwatch.GetElapsedTime(snapshot.LoadedAt) > Fresh)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<PoliceGridDb>();
            var rows = await db.Set<AckDeadline>().AsNoTracking().ToListAsync(ct);
            held = snapshot = new Snapshot(rows.ToDictionary(r => (r.Kind, r.Police), r => r.Minutes), Stopwatch.GetTimestamp());
        }
        return snapshot.Minutes.TryGetValue((kind, police), out var minutes) ? minutes : Default(police);
    }

    /// <summary>Read again at the next message: this instance's administrator just changed them.</summary>
    public void Forget() => held = null;
}

/// <summary>The administrator sets the deadlines: every value checked (1 to 1440 minutes, empty for the default) before any is kept.</summary>
public sealed class EditAckDeadlines(PoliceGridDb db, AckDeadlines deadlines, AuditTrail audit)
{
    public sealed record Entry(MessageKind Kind, bool Police, int? Minutes);

    public async Task<Result> RunAsync(IReadOnlyList<Entry> entries, CancellationToken ct = default)
    {
        var problems = entries.Where(e => !Enum.IsDefined(e.Kind) || e.Minutes is < 1 or > AckDeadlines.Longest)
            .Select(e => new FieldProblem($"{e.Kind}-{(e.Police ? "police" : "grid")}", new Text("Delivery.AckMinutesMustBe1To1440", e.Kind))).ToList();
        if (problems.Count > 0)
            return Result.Invalid(problems);
        var kept = await db.Set<AckDeadline>().ToListAsync(ct);
        foreach (var entry in entries)
        {
            var row = kept.SingleOrDefault(r => r.Kind == entry.Kind && r.Police == entry.Police);
            if (entry.Minutes is not { } minutes)
            {
                if (row is not null)
                    db.Remove(row);
            }
            else if (row is null)
                db.Add(new AckDeadline { Kind = entry.Kind, Police = entry.Police, Minutes = minutes });
            else
                row.Minutes = minutes;
        }
        audit.Add("ack-deadlines", "ack-deadline", null, detail: string.Join(", ",
            entries.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Kind}/{(e.Police ? "police" : "grid")}={e.Minutes?.ToString(CultureInfo.InvariantCulture) ?? "default"}"))));
        await db.SaveChangesAsync(ct);
        deadlines.Forget();
        return Result.Done;
    }
}
