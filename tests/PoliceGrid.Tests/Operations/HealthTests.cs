using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceGrid.Tests.Events;
using PoliceGrid.Web.Delivery;
using PoliceGrid.Web.Events;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Tests.Operations;

/// <summary>
/// What nginx, systemd and the county's monitoring ask a node: is it alive, is it ready for requests (its database
/// answers and holds every migration, it hears live updates, its outbox keeps up), and what do its counters say.
/// </summary>
[Collection(EventsData.Name)]
public class HealthTests(SqliteEvents sqlite, PostgresEvents postgres) : EventTests(sqlite, postgres)
{
    static readonly IPAddress Management = IPAddress.Loopback, Outside = IPAddress.Parse("203.0.113.7");

    static async Task<(int Status, JsonElement Body)> GetAsync(EventsApp app, string path, IPAddress from)
    {
        var context = await app.App.Server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Get;
            c.Request.Path = path;
            c.Connection.RemoteIpAddress = from;
        });
        var text = await new StreamReader(context.Response.Body).ReadToEndAsync();
        return (context.Response.StatusCode, text.Length > 0 && text[0] == '{' ? JsonDocument.Parse(text).RootElement.Clone() : default);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AMigratedNodeIsReadyAndTellsWhyOnlyToTheManagementNetwork(string provider)
    {
        var app = On(provider);

        var (status, body) = await GetAsync(app, "/health/ready", Management);
        Assert.Equal(200, status);
        var checks = body.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Matches(@"^\d+ migrations applied$", checks.GetProperty("database").GetProperty("reason").GetString());
        Assert.Equal("Healthy", checks.GetProperty("live").GetProperty("status").GetString());
        Assert.True(checks.TryGetProperty("outbox", out _));

        var verdict = body.GetProperty("status").GetString();
        (status, body) = await GetAsync(app, "/health/ready", Outside);
        Assert.Equal(200, status);
        Assert.Equal(verdict, body.GetProperty("status").GetString());
        Assert.False(body.TryGetProperty("checks", out _), "the reasons are for the management network only");
        Assert.Equal(200, (await GetAsync(app, "/health/live", Outside)).Status);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ANodeWhoseDatabaseLacksAMigrationIsAliveButNotReady(string provider)
    {
        var app = On(provider);
        var newest = await app.App.WithDbAsync(db => db.Database.SqlQueryRaw<string>("SELECT max(version) AS \"Value\" FROM schema_migrations").SingleAsync());
        var appliedAt = await app.App.WithDbAsync(db => db.Database.SqlQuery<string>($"SELECT applied_at AS \"Value\" FROM schema_migrations WHERE version = {newest}").SingleAsync());
        await app.App.WithDbAsync(db => db.Database.ExecuteSqlAsync($"DELETE FROM schema_migrations WHERE version = {newest}"));
        try
        {
            var (status, body) = await GetAsync(app, "/health/ready", Management);
            Assert.Equal(503, status);
            Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
            Assert.Equal($"migrations not applied: {newest}", body.GetProperty("checks").GetProperty("database").GetProperty("reason").GetString());
            Assert.Equal(200, (await GetAsync(app, "/health/live", Management)).Status);
        }
        finally
        {
            await app.App.WithDbAsync(db => db.Database.ExecuteSqlAsync($"INSERT INTO schema_migrations (version, applied_at) VALUES ({newest}, {appliedAt})"));
        }
        Assert.Equal(200, (await GetAsync(app, "/health/ready", Management)).Status);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AnOutboxThatFallsBehindIsReportedWhileTheNodeStaysReady(string provider)
    {
        // A product of its own: in the shared one other tests move the clock back and forth, which leaves messages
        // waiting behind ones due in their future.
        EventsApp app = provider == PoliceGrid.Web.Data.DatabaseSetup.Sqlite ? new SqliteEvents() : new PostgresEvents();
        await app.InitializeAsync();
        await using var _ = app.App;
        app.Clock.SetChinaTime(2026, 3, 11, 10, 0);
        await SendAllAsync(app);
        Assert.Equal("Healthy", (await OutboxAsync(app)).GetProperty("status").GetString());

        await app.ReportAsync("gridworker1", "05.01"); // tells the grid's handlers: a message waits in the outbox
        app.Clock.Advance(TimeSpan.FromMinutes(11));
        var (status, body) = await GetAsync(app, "/health/ready", Management);
        Assert.Equal(200, status);
        Assert.Equal("Degraded", body.GetProperty("status").GetString());
        var outbox = body.GetProperty("checks").GetProperty("outbox");
        Assert.Equal("Degraded", outbox.GetProperty("status").GetString());
        Assert.True(outbox.GetProperty("data").GetProperty("pending").GetInt32() >= 1);
        Assert.True(outbox.GetProperty("data").GetProperty("behindSeconds").GetInt64() >= 11 * 60);

        await SendAllAsync(app);
        Assert.Equal("Healthy", (await OutboxAsync(app)).GetProperty("status").GetString());

        static async Task<JsonElement> OutboxAsync(EventsApp app) =>
            (await GetAsync(app, "/health/ready", Management)).Body.GetProperty("checks").GetProperty("outbox");

        static async Task SendAllAsync(EventsApp app)
        {
            using var scope = app.App.Services.CreateScope();
            while (await scope.ServiceProvider.GetRequiredService<SendDeliveries>().RunAsync() > 0)
            {
            }
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task EveryEscalationIsCountedOnTheProductsMeter(string provider)
    {
        var app = On(provider);
        var meter = app.App.Services.GetRequiredService<ProductMetrics>().Meter;
        long counted = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter == meter && instrument.Name == "policegrid.escalations")
                    l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag is { Key: "subject", Value: "event" })
                    Interlocked.Add(ref counted, value);
        });
        listener.Start();
        app.Clock.SetChinaTime(2026, 3, 11, 10, 0);
        await SweepAsync(app);
        Interlocked.Exchange(ref counted, 0);

        await app.ReportAsync("gridworker1", "05.01"); // 60 minutes to accept
        app.Clock.Advance(TimeSpan.FromMinutes(61));
        var escalated = await SweepAsync(app);

        Assert.True(escalated >= 1);
        Assert.Equal(escalated, Interlocked.Read(ref counted));

        static async Task<int> SweepAsync(EventsApp app)
        {
            using var scope = app.App.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<EscalateOverdueEvents>().RunAsync();
        }
    }
}
