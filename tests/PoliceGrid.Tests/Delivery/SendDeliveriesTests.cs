using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Delivery;

namespace PoliceGrid.Tests.Delivery;

/// <summary>The outbox sends each message once per channel, in order per person, through two instances, retries and a crash.</summary>
[Collection(DeliveryData.Name)]
public class SendDeliveriesTests(SqliteDelivery sqlite, PostgresDelivery postgres) : DeliveryTests(sqlite, postgres)
{
    /// <summary>Queues <paramref name="perPerson"/> SMS messages to each person, as a change would; returns their delivery keys in order.</summary>
    static async Task<List<string>> QueueSmsAsync(DeliveryApp app, string[] people, int perPerson)
    {
        var ids = new List<int>();
        foreach (var person in people)
            ids.Add(await app.AccountOf(person));
        using var scope = app.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceGridDb>();
        var notify = scope.ServiceProvider.GetRequiredService<Notify>();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        for (var round = 0; round < perPerson; round++)
            foreach (var id in ids)
            {
                var message = new Message
                {
                    RecipientId = id, RecipientUnitId = 1, AreaPath = "/", Kind = MessageKind.Task, SubjectType = "test", SubjectId = round, Link = $"/test/{round}",
                    Title = "测试", CreatedAt = now, AckDueAt = now.AddHours(1),
                };
                db.Messages.Add(message);
                await db.SaveChangesAsync();
                await notify.AddChannelAsync(message, SmsGateway.Name);
                await db.SaveChangesAsync();
            }
        return (await db.MessageDeliveries.Where(d => d.Channel == SmsGateway.Name && d.Status == DeliveryStatus.Pending).OrderBy(d => d.Id)
            .Select(d => d.Id).ToListAsync()).Select(Key).ToList();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TwoInstancesSendEachMessageOnceAndEachPersonsInOrder(string provider)
    {
        var app = On(provider);
        app.NextWorkdayMorning();
        var people = new[] { "gridworker1", "gridworker2", "officer" };
        var keys = await QueueSmsAsync(app, people, 20);

        await Task.WhenAll(Task.Run(() => app.SendAsync()), Task.Run(() => app.SendAsync()));
        await app.SendAsync();

        Assert.All(keys, key => Assert.Equal(1, app.Services.SmsRequestsByOutId.GetValueOrDefault(key)));
        foreach (var person in people)
        {
            var mobile = await app.MobileOf(person);
            var received = app.Services.Sms.Where(s => s.To == mobile && keys.Contains(s.OutId)).Select(s => IdOf(s.OutId)).ToList();
            Assert.Equal(20, received.Count);
            Assert.Equal(received.Order(), received);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AnInstanceThatDiesBetweenSendingAndMarkingLeavesTheMessageToAnotherWhichTheGatewayDropsAsARepeat(string provider)
    {
        var app = On(provider);
        app.NextWorkdayMorning();
        var key = Assert.Single(await QueueSmsAsync(app, ["auxiliary"], 1));
        using var death = new CancellationTokenSource();
        app.Services.AfterSms = outId => { if (outId == key) death.Cancel(); };
        try
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => app.SendAsync(death.Token));
        }
        finally
        {
            app.Services.AfterSms = null;
        }
        Assert.Equal(DeliveryStatus.Pending, await StatusOf(app, key));

        await app.SendAsync();
        Assert.Equal(1, app.Services.SmsRequestsByOutId[key]);

        app.Clock.Advance(TimeSpan.FromSeconds(61));
        await app.SendAsync();

        Assert.Equal(2, app.Services.SmsRequestsByOutId[key]);
        Assert.Single(app.Services.Sms, s => s.OutId == key);
        Assert.Equal(DeliveryStatus.Sent, await StatusOf(app, key));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AGatewayThatSaysTooManyOrFailsIsTriedAgainLaterAndTheMessageArrivesOnce(string provider)
    {
        var app = On(provider);
        app.NextWorkdayMorning();
        var keys = await QueueSmsAsync(app, ["stationhead"], 2);
        app.Services.SmsFailWith = 429;
        app.Services.SmsTooMany = 1;
        await app.SendAsync();
        Assert.Equal(0, app.Services.Sms.Count(s => keys.Contains(s.OutId)));
        Assert.Equal(DeliveryStatus.Pending, await StatusOf(app, keys[0]));

        app.Clock.Advance(TimeSpan.FromSeconds(2));
        app.Services.SmsFailWith = 503;
        app.Services.SmsTooMany = 1;
        await app.SendAsync();
        var retried = await app.App.WithDbAsync(db => db.MessageDeliveries.SingleAsync(d => d.Id == IdOf(keys[0])));
        Assert.Equal(2, retried.Attempts);
        Assert.StartsWith("503", retried.LastError, StringComparison.Ordinal);

        app.Clock.Advance(SendDeliveries.Backoff(2) + TimeSpan.FromSeconds(1));
        await app.SendAsync();
        app.Services.SmsFailWith = 429;

        Assert.Equal(keys, app.Services.Sms.Where(s => keys.Contains(s.OutId)).Select(s => s.OutId).ToList());
        Assert.All(keys, key => Assert.Equal(DeliveryStatus.Sent, StatusOf(app, key).Result));
    }

    static string Key(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    static long IdOf(string key) => long.Parse(key, System.Globalization.CultureInfo.InvariantCulture);

    static Task<DeliveryStatus> StatusOf(DeliveryApp app, string key) =>
        app.App.WithDbAsync(db => db.MessageDeliveries.Where(d => d.Id == IdOf(key)).Select(d => d.Status).SingleAsync());
}
