using System.Text.Json;
using Npgsql;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Shared.Live;

/// <summary>
/// On PostgreSQL: holds one connection that LISTENs for live updates, unit and event-setting changes, fans them out to this process,
/// and reconnects (and re-subscribes) when the connection drops. Boards are told to resync after a reconnect, since
/// notifications sent meanwhile are lost.
/// </summary>
public sealed class LiveListener(LiveFeed feed, UnitLocator locator, Events.EventSettingsCache settings, ILogger<LiveListener> log) : BackgroundService
{
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
                await using (var listen = new NpgsqlCommand($"LISTEN {LiveFeed.EventsChannel}; LISTEN {LiveFeed.UnitsChannel}; LISTEN {LiveFeed.SettingsChannel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                Listening = true;
                if (!first)
                {
                    feed.Deliver(new LiveMessage("resync", 0, ""));
                    settings.Invalidate();
                    _ = locator.RefreshAsync(stoppingToken);
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
        if (channel == LiveFeed.SettingsChannel)
        {
            if (payload != feed.InstanceId)
                settings.Invalidate();
            return;
        }
        if (channel == LiveFeed.UnitsChannel)
        {
            if (payload != feed.InstanceId)
                _ = RefreshLocatorAsync();
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

    async Task RefreshLocatorAsync()
    {
        try
        {
            await locator.RefreshAsync();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            log.LogWarning(e, "Could not refresh the locator after a unit change on another instance");
        }
    }
}
