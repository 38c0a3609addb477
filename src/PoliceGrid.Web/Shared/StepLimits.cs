namespace PoliceGrid.Web.Shared;

/// <summary>
/// A record whose current step has a time limit and that escalates one level each time the limit passes without the
/// step done (events, disputes). The records keep the three fields; <see cref="StepLimits"/> moves them the one way.
/// </summary>
public interface IStepLimited
{
    DateTime? StepDueAt { get; set; }
    DateTime? NextEscalationAt { get; set; }
    /// <summary>0 none, then one level per limit passed, up to <see cref="StepLimits.TopLevel"/> (the command room).</summary>
    int EscalationLevel { get; set; }
}

/// <summary>Step limits and the escalation ladder, said once for every record that has them.</summary>
public static class StepLimits
{
    /// <summary>The last level: the command room. Past it nothing escalates further.</summary>
    public const int TopLevel = 3;

    /// <summary>A new step begins: due after its limit (none: the step has no limit and never escalates).</summary>
    public static void StartStep(IStepLimited record, DateTime now, int? limitMinutes)
    {
        record.StepDueAt = limitMinutes is { } minutes ? now.AddMinutes(minutes) : null;
        record.NextEscalationAt = record.StepDueAt;
    }

    /// <summary>The step's limit passed: one level up, and the next escalation one more limit later (none at the top).</summary>
    public static void EscalateOverdue(IStepLimited record, DateTime now, int limitMinutes)
    {
        record.EscalationLevel++;
        record.NextEscalationAt = record.EscalationLevel < TopLevel ? now.AddMinutes(limitMinutes) : null;
    }

    public static bool IsOverdue(IStepLimited record, DateTime now) => record.StepDueAt is { } due && due < now;
}

/// <summary>A job a <see cref="PeriodicSweep{TSweep}"/> runs: one pass over what is due; returns how many it handled.</summary>
public interface ISweep
{
    Task<int> RunAsync(CancellationToken ct = default);
}

/// <summary>
/// Runs a sweep in a scope of its own every <see cref="Seconds"/> (0 turns it off); a pass that fails on the database is
/// logged and tried again at the next tick. Tests call the sweep itself with a clock they set.
/// </summary>
public abstract class PeriodicSweep<TSweep>(IServiceScopeFactory scopes, ILogger log) : BackgroundService where TSweep : ISweep
{
    protected abstract int Seconds { get; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = Seconds;
        if (seconds <= 0)
            return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds));
        while (await NextTickAsync(timer, stoppingToken))
        {
            try
            {
                using var scope = scopes.CreateScope();
                await scope.ServiceProvider.GetRequiredService<TSweep>().RunAsync(stoppingToken);
            }
            catch (Exception e) when (e is Microsoft.EntityFrameworkCore.DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                log.LogWarning(e, "{Sweep} failed; it runs again at the next tick", typeof(TSweep).Name);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
