using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using PoliceGrid.Web.Shared;
using PoliceGrid.Web.Shared.Live;

namespace PoliceGrid.Web.Operations;

/// <summary>
/// What a data centre runs the product by: <c>/health/live</c> (the process answers), <c>/health/ready</c> (database and
/// migrations, the LISTEN connection, the outbox) for the proxy and systemd, and OpenTelemetry metrics in Prometheus's
/// format on <c>/metrics</c>, read only from the management network. See docs/operations.md.
/// </summary>
public static class OperationsSetup
{
    const string Ready = "ready", Metrics = "/metrics";

    public static void AddOperations(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OperationsOptions>().BindConfiguration("Operations").Configure<IConfiguration>(OperationsOptions.ReadCommaList).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<OperationsOptions>, OperationsOptions.Validation>();
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseReady>("database", tags: [Ready])
            .AddCheck<LiveReady>("live", tags: [Ready])
            .AddCheck<OutboxReady>("outbox", tags: [Ready]);
        builder.Services.AddSingleton<OutboxGauge>();
        builder.Services.AddHostedService(services => services.GetRequiredService<OutboxGauge>());
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(ProductMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            .AddPrometheusExporter());
    }

    public static void MapOperations(this WebApplication app)
    {
        var networks = app.Services.GetRequiredService<IOptions<OperationsOptions>>().Value.Networks();
        bool FromManagement(HttpContext context) =>
            context.Connection.RemoteIpAddress is { } address && networks.Any(n => n.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address));

        // Live: nothing but the process; a node whose database is down is alive and must not be restarted for it.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Ready),
            ResponseWriter = (context, report) => WriteReportAsync(context, report, details: FromManagement(context)),
        }).AllowAnonymous();
        // In front of the exporter's endpoint, after the forwarded headers told the client's own address.
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Metrics) && !FromManagement(context),
            outside => outside.Run(context =>
            {
                // A bare 404 for a program, not the sign-in page people get for an unknown address.
                if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
                    pages.Enabled = false;
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }));
        app.MapPrometheusScrapingEndpoint(Metrics).AllowAnonymous();
    }

    /// <summary>Everyone gets the verdict; only the management network gets each check's reason.</summary>
    static Task WriteReportAsync(HttpContext context, HealthReport report, bool details)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        object body = details
            ? new
            {
                status = report.Status.ToString(),
                checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), reason = e.Value.Description, data = e.Value.Data }),
            }
            : new { status = report.Status.ToString() };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}

/// <summary>
/// Samples the outbox every <c>Operations:SampleSeconds</c> for the gauges, so a Prometheus scrape never queries the
/// database; the live connections are counted in memory.
/// </summary>
public sealed class OutboxGauge(IServiceScopeFactory scopes, ProductMetrics metrics, LiveFeed feed, IOptions<OperationsOptions> options,
    TimeProvider clock, ILogger<OutboxGauge> log) : BackgroundService
{
    int depth;
    double behindSeconds;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        metrics.Meter.CreateObservableGauge("policegrid.outbox.depth", () => Volatile.Read(ref depth), unit: "{delivery}",
            description: "Deliveries waiting to be sent");
        metrics.Meter.CreateObservableGauge("policegrid.outbox.behind", () => Volatile.Read(ref behindSeconds), unit: "s",
            description: "How long the oldest waiting delivery has been due");
        metrics.Meter.CreateObservableGauge("policegrid.live.connections", () => feed.SubscriberCount, unit: "{connection}",
            description: "Open live-update connections (server-sent events) on this node");
        var interval = TimeSpan.FromSeconds(options.Value.SampleSeconds);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // Not at once: on SQLite (one writer, no WAL) a read as the product starts met the start's first writes.
                await Task.Delay(interval, stoppingToken);
                try
                {
                    var (count, oldestDue) = await OutboxDepth.ReadAsync(scopes, stoppingToken);
                    Volatile.Write(ref depth, count);
                    Volatile.Write(ref behindSeconds, oldestDue is { } due ? Math.Max(0, (clock.GetUtcNow().UtcDateTime - due).TotalSeconds) : 0);
                }
                catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
                {
                    log.LogWarning(e, "Outbox sample failed; the gauges keep their last values");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
