using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Delivery;
using PoliceGrid.Web.Shared.Live;

namespace PoliceGrid.Web.Operations;

/// <summary>
/// Ready means the database answers and holds every migration this build carries: a node started on a database an
/// older or newer node migrated must not take requests it would answer wrongly. The reasons name no server or error
/// text: only the management network reads them, but they still go into monitoring systems.
/// </summary>
public sealed class DatabaseReady(IServiceScopeFactory scopes) : IHealthCheck
{
    // The versions this build carries, read once: a probe every few seconds need not read every script's text again.
    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]> Carried = new();

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceGridDb>();
        List<string> applied;
        try
        {
            applied = await db.Database.SqlQueryRaw<string>("SELECT version AS \"Value\" FROM schema_migrations").ToListAsync(ct);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("database unreachable");
        }
        var missing = Carried.GetOrAdd(db.Database.IsNpgsql() ? DatabaseSetup.Postgres : DatabaseSetup.Sqlite,
            provider => [.. MigrationRunner.Scripts(provider).Select(s => s.Version)]).Except(applied).ToList();
        return missing.Count == 0
            ? HealthCheckResult.Healthy($"{applied.Count} migrations applied")
            : HealthCheckResult.Unhealthy($"migrations not applied: {string.Join(", ", missing)}");
    }
}

/// <summary>On PostgreSQL a node that lost its LISTEN connection would show pages that no longer update: not ready until it is back.</summary>
public sealed class LiveReady(LiveFeed feed, LiveListener listener) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(!feed.UsesPostgres ? HealthCheckResult.Healthy("in process (SQLite)")
            : listener.Listening ? HealthCheckResult.Healthy("listening")
            : HealthCheckResult.Unhealthy("not listening"));
}

/// <summary>
/// A behind outbox (messages due and not sent, e.g. while an SMS gateway is down) is degraded, not unready: this node
/// still takes reports, and taking it out of the proxy would not send one message sooner.
/// </summary>
public sealed class OutboxReady(IServiceScopeFactory scopes, IOptions<OperationsOptions> options, TimeProvider clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var (depth, oldestDue) = await OutboxDepth.ReadAsync(scopes, ct);
        var behind = oldestDue is { } due ? clock.GetUtcNow().UtcDateTime - due : TimeSpan.Zero;
        var data = new Dictionary<string, object> { ["pending"] = depth, ["behindSeconds"] = (long)Math.Max(0, behind.TotalSeconds) };
        return behind > TimeSpan.FromMinutes(options.Value.OutboxBehindMinutes)
            ? HealthCheckResult.Degraded($"{depth} deliveries waiting, the oldest due {(long)behind.TotalMinutes} min ago", data: data)
            : HealthCheckResult.Healthy($"{depth} deliveries waiting", data);
    }
}

/// <summary>How many deliveries wait, and since when the oldest of them is due.</summary>
public static class OutboxDepth
{
    public static async Task<(int Depth, DateTime? OldestDue)> ReadAsync(IServiceScopeFactory scopes, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var pending = scope.ServiceProvider.GetRequiredService<PoliceGridDb>().MessageDeliveries.AsNoTracking()
            .Where(d => d.Status == DeliveryStatus.Pending);
        return (await pending.CountAsync(ct), await pending.OrderBy(d => d.NextAttemptAt).Select(d => (DateTime?)d.NextAttemptAt).FirstOrDefaultAsync(ct));
    }
}
