using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Delivery;
using Xunit.Abstractions;

namespace PoliceGrid.Tests.Delivery;

/// <summary>
/// Exactly once through real crashes: the product runs as processes of its own on one database, two at a time, sending
/// SMS to the fake gateway, and the test kills them with SIGKILL — one after the messages were queued and before any was
/// sent (then restarts it), one after the gateway took a message and before the product marked it sent. The other
/// instance takes each dead one's rows once their lease runs out, and the gateway drops the repeat by its outId.
/// </summary>
public class SendDeliveriesAcrossProcessesTests(ITestOutputHelper log)
{
    static readonly string[] People = ["gridworker1", "gridworker2", "officer", "auxiliary", "stationhead"];
    const int PerPerson = 3;
    const int KilledBySigkill = 128 + 9;
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    sealed record Person(string UserName, int Id, int UnitId, string Mobile);

    // PostgreSQL only: outside demo mode the product refuses SQLite (Data/Startup.cs), so two instances on one database
    // exist only there; two processes writing one SQLite file fail each other's transactions with "database is locked".
    [Fact]
    public Task EveryMessageReachesEachPhoneOnceAndInOrderThoughInstancesAreKilledBeforeSendingAndAfterTheGatewayTookOne() => RunAsync(DatabaseSetup.Postgres);

    async Task RunAsync(string provider)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Step(string what) => log.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  {what}");
        await using var gateway = await FakeChannelServers.StartAsync(() => DateTimeOffset.UtcNow);
        // The demo units and accounts are seeded here; the product processes then serve that database.
        await using var seeded = await ProductApp.StartAsync(provider, settings: new Dictionary<string, string>
        {
            ["Demo:Register"] = "false", ["Units:GridsPerVillage"] = "1", ["Events:SweepSeconds"] = "0",
        });
        Step("demo data seeded");
        // The demo's own messages count as acknowledged, so the only ones that go out are this test's.
        await seeded.WithDbAsync(db => db.Messages.ExecuteUpdateAsync(s => s.SetProperty(m => m.AcknowledgedAt, DateTime.UtcNow)));
        var people = await seeded.WithDbAsync(db => db.Users.Where(a => People.Contains(a.UserName!))
            .Select(a => new Person(a.UserName!, a.Id, a.UnitId, a.PhoneNumber!)).ToListAsync());
        Assert.Equal(People.Length, people.Count);

        var anchors = Directory.CreateTempSubdirectory("policegrid-kill9-");
        var processes = new ConcurrentDictionary<string, ProductProcess>();
        async Task<ProductProcess> StartAsync(string name) => processes[name] = await ProductProcess.StartAsync(name, new Dictionary<string, string>
        {
            ["Database:Provider"] = provider, ["ConnectionStrings:PoliceGrid"] = seeded.Database.ConnectionString,
            ["Demo:Enabled"] = "true", ["Demo:Seed"] = "false", ["Demo:Duty"] = "false", ["Events:SweepSeconds"] = "0",
            ["Audit:AnchorPath"] = Path.Combine(anchors.FullName, name),
            ["Delivery:SweepSeconds"] = "0.5", ["Delivery:LeaseSeconds"] = "8", ["Delivery:Channels:0"] = SmsGateway.Name,
            ["Delivery:PublicBaseUrl"] = "https://policegrid.test", ["Delivery:Sms:PerSecond"] = "1000",
            // Each instance calls the gateway at an address naming it, so the test knows whose request the gateway holds.
            ["Delivery:Sms:Url"] = $"{gateway.BaseUrl}/sms/send?instance={name}",
            ["Delivery:Sms:AppId"] = FakeChannelServers.SmsAppId, ["Delivery:Sms:Secret"] = FakeChannelServers.SmsSecret,
        });

        // Until the gate opens the gateway takes nothing: every request waits on arrival. Later it holds one message it took.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiting = new ConcurrentDictionary<object, (string OutId, string Instance)>();
        string? holdAfterTaking = null;
        var heldAfterTaking = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        gateway.HoldSms = async (stage, outId, instance, aborted) =>
        {
            if (stage == SmsStage.Arrived)
            {
                var call = new object();
                waiting[call] = (outId, instance);
                try
                {
                    await gate.Task.WaitAsync(aborted);
                }
                finally
                {
                    waiting.TryRemove(call, out _);
                }
            }
            else if (outId == Volatile.Read(ref holdAfterTaking) && gateway.SmsRequestsByOutId[outId] == 1)
            {
                heldAfterTaking.TrySetResult(instance);
                await Task.Delay(Timeout.Infinite, aborted);
            }
        };

        try
        {
            // Two instances at once; the dispatcher issues each person's directives through both, one after another.
            await Task.WhenAll(StartAsync("a"), StartAsync("b"));
            Step("a and b listen");
            var dispatchers = await Task.WhenAll(processes["a"].SignInAsync("dispatcher"), processes["b"].SignInAsync("dispatcher"));
            var directives = await Task.WhenAll(people.Select(async (person, i) =>
            {
                var ids = new List<int>();
                for (var n = 0; n < PerPerson; n++)
                    ids.Add(await IssueAsync(dispatchers[(i + n) % 2], person, n));
                return ids;
            }));
            var acknowledged = directives.SelectMany(ids => ids).ToList();
            Step("directives issued");
            var keys = await SmsKeysAsync(seeded, acknowledged, people);
            var mine = keys.Values.SelectMany(k => k).ToHashSet();
            Assert.Equal(people.Count * PerPerson, mine.Count);

            // kill -9 between enqueue and any send: the instance whose first SMS the gateway has not taken yet.
            var first = await UntilAsync(() => Task.FromResult(waiting.Values.Where(w => mine.Contains(w.OutId)).Select(w => w.Instance).FirstOrDefault()),
                "an instance to send a queued SMS");
            processes[first].Kill();
            Step($"{first} killed before sending");
            Assert.Equal(KilledBySigkill, processes[first].ExitCode);
            await UntilAsync(() => Task.FromResult(waiting.Values.Any(w => w.Instance == first) ? null : "gone"), "the gateway to see the killed sender go");
            Assert.DoesNotContain(gateway.Sms, s => mine.Contains(s.OutId));
            Assert.All((await StatusesAsync(seeded, acknowledged)).Where(s => s.Channel == SmsGateway.Name), s => Assert.Equal(DeliveryStatus.Pending, s.Status));

            // The killed instance is restarted beside the survivor; the gateway takes messages now, and one of them it does not answer.
            await StartAsync("c");
            Step("c listens");
            var target = keys[people[0].UserName][1];
            Volatile.Write(ref holdAfterTaking, target);
            gate.SetResult();
            var second = await heldAfterTaking.Task.WaitAsync(Patience);
            // While the holder lives and its lease runs, the other instance (sweeping every half second) leaves that message alone.
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Equal(1, gateway.SmsRequestsByOutId[target]);
            // kill -9 between "the gateway took it" and "the row is marked sent".
            processes[second].Kill();
            Step($"{second} killed after the gateway took {target}");
            Assert.Equal(KilledBySigkill, processes[second].ExitCode);
            Assert.Equal(DeliveryStatus.Pending, (await StatusesAsync(seeded, acknowledged)).Single(s => s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == target).Status);

            await UntilAsync(async () => (await StatusesAsync(seeded, acknowledged)).All(s => s.Status == DeliveryStatus.Sent) ? "sent" : null,
                "every outbox row of the directives to be sent", async () => string.Join(", ", await StatusesAsync(seeded, acknowledged)));

            Step("every row sent");
            foreach (var person in people)
                Assert.Equal(keys[person.UserName], gateway.Sms.Where(s => s.To == person.Mobile).Select(s => s.OutId).ToList());
            Assert.Equal(2, gateway.SmsRequestsByOutId[target]); // sent again after the lease, and dropped as a repeat
            // Every other message was sent once: no two instances took the same row, even with the gateway's drop to fall back on.
            Assert.All(mine.Where(key => key != target), key => Assert.Equal(1, gateway.SmsRequestsByOutId[key]));
            Assert.Equal(mine.Count, gateway.Sms.Count);
        }
        catch
        {
            foreach (var process in processes.Values)
                log.WriteLine($"--- {process.Name} (pid {process.Pid}{(process.HasExited ? ", exited" : "")}):\n{process.Output}");
            throw;
        }
        finally
        {
            gateway.HoldSms = null;
            foreach (var process in processes.Values)
                await process.DisposeAsync();
            anchors.Delete(recursive: true);
        }
    }

    static async Task<int> IssueAsync(HttpClient dispatcher, Person to, int n)
    {
        var response = await dispatcher.PostAsJsonAsync("/api/directives",
            new { title = $"核查辖区情况 {n + 1}", body = "", targetUnitId = to.UnitId, targetAccountId = to.Id, dueMinutes = 60 });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    /// <summary>Each person's SMS keys (the outbox rows' ids, the gateway's outId) for these directives, in the order they were queued.</summary>
    static Task<Dictionary<string, List<string>>> SmsKeysAsync(ProductApp app, List<int> directives, List<Person> people) => app.WithDbAsync(async db =>
    {
        var rows = await (from d in db.MessageDeliveries
                          join m in db.Messages on d.MessageId equals m.Id
                          where d.Channel == SmsGateway.Name && m.SubjectType == "directive" && directives.Contains(m.SubjectId)
                          orderby d.Id
                          select new { d.Id, d.RecipientId }).ToListAsync();
        return people.ToDictionary(p => p.UserName,
            p => rows.Where(r => r.RecipientId == p.Id).Select(r => r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList());
    });

    sealed record Row(long Id, string Channel, DeliveryStatus Status);

    /// <summary>Every outbox row (each channel) of the messages these directives made.</summary>
    static Task<List<Row>> StatusesAsync(ProductApp app, List<int> directives) => app.WithDbAsync(db =>
        (from d in db.MessageDeliveries.AsNoTracking()
         join m in db.Messages on d.MessageId equals m.Id
         where m.SubjectType == "directive" && directives.Contains(m.SubjectId)
         orderby d.Id
         select new Row(d.Id, d.Channel, d.Status)).ToListAsync());

    static async Task<string> UntilAsync(Func<Task<string?>> probe, string what, Func<Task<string>>? state = null)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } found)
                return found;
            await Task.Delay(100);
        }
        Assert.Fail($"Waited {Patience.TotalSeconds} s for {what}. {(state is null ? "" : await state())}");
        return "";
    }
}
