using System.Text.Json;
using Npgsql;

namespace PoliceGrid.Web.Shared.Live;

/// <summary>
/// On PostgreSQL: holds one connection that LISTENs for live updates and for the changes other instances announce
/// (units, event settings), fans them out to this process, and reconnects (and re-subscribes) when the connection drops.
/// Pages are told to resync after a reconnect, and every feature's <see cref="LiveTopicHandler"/> runs, since
/// notifications sent meanwhile are lost.
/// </summary>
public sealed class LiveListener(LiveFeed feed, IEnumerable<LiveTopicHandler> handlers, IServiceProvider services, ILogger<LiveListener> log) : BackgroundService
{
    readonly IReadOnlyList<LiveTopicHandler> topics = [.. handlers];

    public bool Listening { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!feed.UsesPostgres)
            return;
        var first = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(feed.ConnectionString)
                {
                    KeepAlive = 30, Pooling = false, ApplicationName = "policegrid-live",
                }.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => OnNotification(e.Channel, e.Payload);
                var channels = string.Join(" ", new[] { LiveFeed.EventsChannel }.Concat(Enum.GetValues<LiveTopic>().Select(LiveFeed.ChannelOf))
                    .Select(c => $"LISTEN {c};"));
                await using (var listen = new NpgsqlCommand(channels, connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                Listening = true;
                if (!first)
                {
                    feed.Deliver(LiveMessage.Resync);
                    foreach (var handler in topics)
                        _ = RunAsync(handler, stoppingToken);
                }
                first = false;
                while (!stoppingToken.IsCancellationRequested)
                    await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is NpgsqlException or System.IO.IOException or InvalidOperationException)
            {
                Listening = false;
                log.LogWarning(e, "Live update connection lost; reconnecting");
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        Listening = false;
    }

    void OnNotification(string channel, string payload)
    {
        if (channel != LiveFeed.EventsChannel)
        {
            if (payload == feed.InstanceId)
                return;
            foreach (var handler in topics.Where(h => LiveFeed.ChannelOf(h.Topic) == channel))
                _ = RunAsync(handler, CancellationToken.None);
            return;
        }
        try
        {
            if (JsonSerializer.Deserialize<LiveMessage>(payload) is { } message)
                feed.Deliver(message);
        }
        catch (JsonException e)
        {
            log.LogWarning(e, "Ignored a malformed live update");
        }
    }

    async Task RunAsync(LiveTopicHandler handler, CancellationToken ct)
    {
        try
        {
            await handler.OnChangedAsync(services, ct);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            log.LogWarning(e, "Could not follow a {Topic} change on another instance", handler.Topic);
        }
    }
}
