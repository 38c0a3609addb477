using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Delivery;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Bench;

/// <summary>
/// The outbox on PostgreSQL: <c>count</c> messages to 1,000 people, each to the inbox and to SMS through a local
/// gateway, sent by two instances' <see cref="SendDeliveries"/> at once; messages per second and p95 from enqueue to
/// sent, against plain HTTP POSTs of the same number of SMS to the same gateway from one client in the same run.
/// </summary>
internal static class DeliveryBench
{
    public static async Task RunAsync(string server, int count, string? template = null)
    {
        const string name = "policegrid_delivery_bench";
        await EventsBench.CreateDatabaseAsync(server, name, template);
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 50 }.ConnectionString;

        await using var gateway = await Gateway.StartAsync();
        await using var product = ProductHost.Start(connection, new Dictionary<string, string>
        {
            ["Delivery:SweepSeconds"] = "0", ["Delivery:Channels:0"] = SmsGateway.Name, ["Delivery:PublicBaseUrl"] = "https://policegrid.bench",
            ["Delivery:Sms:Url"] = gateway.Url, ["Delivery:Sms:AppId"] = "bench", ["Delivery:Sms:Secret"] = "bench-secret-0123456789",
            ["Delivery:Sms:PerSecond"] = "1000000",
        });

        // Raw baseline: the same number of SMS posted straight to the gateway, one after another.
        using (var http = new HttpClient())
        {
            var raw = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                using var body = new StringContent($$"""{"appId":"bench","to":"13900000000","content":"新任务：事件 SJ{{i:D7}} https://policegrid.bench/events/{{i}}","outId":"raw-{{i}}"}""",
                    System.Text.Encoding.UTF8, "application/json");
                (await http.PostAsync(gateway.Url, body)).EnsureSuccessStatusCode();
            }
            gateway.RawSeconds = raw.Elapsed.TotalSeconds;
        }

        using (var scope = product.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PoliceGridDb>();
            var people = await db.Users.OrderBy(a => a.Id).Select(a => a.Id).Take(1000).ToListAsync();
            await db.Database.ExecuteSqlRawAsync("UPDATE accounts SET phone_number = '139' || lpad(id::text, 8, '0') WHERE phone_number IS NULL");
            await db.MessageDeliveries.ExecuteDeleteAsync();
            await db.Messages.ExecuteDeleteAsync();
            var notify = scope.ServiceProvider.GetRequiredService<Notify>();
            var enqueue = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                await notify.ToPeopleAsync([people[i % people.Count]], MessageKind.Task, new Notify.Subject("event", i, $"/events/{i}"),
                    new Text("Delivery.Title.Task", $"SJ{i:D7}"), police: false);
                if (i % 500 == 499 || i == count - 1)
                {
                    await db.SaveChangesAsync();
                    db.ChangeTracker.Clear();
                }
            }
            Console.WriteLine($"bench delivery-enqueue messages={count} seconds={enqueue.Elapsed.TotalSeconds:F1} per_s={count / enqueue.Elapsed.TotalSeconds:F0}");
        }

        var sending = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            using var scope = product.Services.CreateScope();
            var send = scope.ServiceProvider.GetRequiredService<SendDeliveries>();
            while (await send.RunAsync(batch: 500) > 0)
            {
            }
        })));
        var seconds = sending.Elapsed.TotalSeconds;

        using (var scope = product.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PoliceGridDb>();
            var rows = await db.MessageDeliveries.Where(d => d.Channel == SmsGateway.Name).Join(db.Messages, d => d.MessageId, m => m.Id, (d, m) => new { d.Status, d.SentAt, m.CreatedAt }).ToListAsync();
            var waits = rows.Where(r => r.SentAt is not null).Select(r => (r.SentAt!.Value - r.CreatedAt).TotalSeconds).Order().ToList();
            var p95 = waits.Count == 0 ? double.NaN : waits[Math.Clamp((int)Math.Ceiling(0.95 * waits.Count) - 1, 0, waits.Count - 1)];
            var rawRate = count / gateway.RawSeconds;
            var rate = count / seconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"bench delivery-send messages={count} sent={waits.Count} received={gateway.Received.Count} repeats={gateway.Repeats} instances=2 seconds={seconds:F1} per_s={rate:F0} p95_enqueue_to_sent_s={p95:F1} raw_http_per_s={rawRate:F0} ratio_to_raw={rate / rawRate:F2}"));
            if (waits.Count != count || gateway.Received.Count != count + count || gateway.Repeats != 0)
                throw new InvalidOperationException($"delivery bench: {waits.Count} of {count} sent, {gateway.Repeats} repeats");
        }
    }

    /// <summary>A local SMS gateway that answers at once and counts what it got, by outId (repeats counted apart).</summary>
    sealed class Gateway : IAsyncDisposable
    {
        readonly WebApplication app;
        public ConcurrentDictionary<string, bool> Received { get; } = new();
        public int Repeats;
        public double RawSeconds { get; set; }
        public string Url { get; private set; } = "";

        Gateway(WebApplication app) => this.app = app;

        public static async Task<Gateway> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var gateway = new Gateway(app);
            app.MapPost("/sms", async (HttpContext http) =>
            {
                using var json = await System.Text.Json.JsonDocument.ParseAsync(http.Request.Body);
                if (!gateway.Received.TryAdd(json.RootElement.GetProperty("outId").GetString()!, true))
                    Interlocked.Increment(ref gateway.Repeats);
                return Results.Json(new { code = "OK" });
            });
            await app.StartAsync();
            gateway.Url = app.Urls.First() + "/sms";
            return gateway;
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
