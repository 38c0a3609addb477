using Microsoft.Extensions.Options;

namespace PoliceGrid.Web.Delivery;

/// <summary>Sends the outbox and chases acknowledgements every <c>Delivery:SweepSeconds</c> (0: off) on every instance.</summary>
public sealed class DeliveryWorker(IServiceScopeFactory scopes, IOptions<DeliveryOptions> options, ILogger<DeliveryWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = options.Value.SweepSeconds;
        if (seconds <= 0)
            return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    using var scope = scopes.CreateScope();
                    await scope.ServiceProvider.GetRequiredService<SendDeliveries>().RunAsync(ct: stoppingToken);
                    await scope.ServiceProvider.GetRequiredService<ChaseAcknowledgements>().RunAsync(stoppingToken);
                }
                catch (Exception e) when (e is Microsoft.EntityFrameworkCore.DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
                {
                    log.LogWarning(e, "Delivery sweep failed; it runs again at the next tick");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
