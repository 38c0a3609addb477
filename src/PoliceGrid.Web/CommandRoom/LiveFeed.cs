using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Npgsql;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.CommandRoom;

/// <summary>A change that open boards and inboxes should show: what changed and where, never its content.</summary>
public sealed record LiveMessage(string Kind, int Id, string AreaPath, int? HandlerUnitId = null, int? AccountId = null,
    int? ReporterAccountId = null, bool Confidential = false, string? Department = null);

/// <summary>
/// Carries live updates to every open board and inbox. On PostgreSQL a change is sent with NOTIFY and comes back to
/// every instance (this one included) through <see cref="LiveListener"/>'s LISTEN, so two instances behind a load
/// balancer see the same changes; on SQLite (demo, one process) it is delivered in memory. See ADR 0004.
/// </summary>
public sealed class LiveFeed(Microsoft.Extensions.Options.IOptions<DatabaseOptions> database, ILogger<LiveFeed> log) : IDisposable
{
    public const string EventsChannel = "policegrid_live";
    public const string UnitsChannel = "policegrid_units";
    public const string SettingsChannel = "policegrid_settings";

    readonly ConcurrentDictionary<Guid, Channel<LiveMessage>> subscribers = new();
    readonly Lazy<NpgsqlDataSource?> dataSource = new(() =>
        database.Value.UsesPostgres
            ? NpgsqlDataSource.Create(database.Value.ConnectionString)
            : null);

    /// <summary>Identifies this process, so it can ignore its own unit-change notices.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    public bool UsesPostgres => database.Value.UsesPostgres;

    public string ConnectionString => database.Value.ConnectionString;

    public sealed class Subscription(LiveFeed feed, Guid id, Channel<LiveMessage> channel) : IDisposable
    {
        public ChannelReader<LiveMessage> Reader => channel.Reader;

        public void Dispose()
        {
            feed.subscribers.TryRemove(id, out _);
            channel.Writer.TryComplete();
        }
    }

    public Subscription Subscribe()
    {
        var channel = Channel.CreateBounded<LiveMessage>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        var id = Guid.NewGuid();
        subscribers[id] = channel;
        return new Subscription(this, id, channel);
    }

    public int SubscriberCount => subscribers.Count;

    public async Task PublishAsync(LiveMessage message, CancellationToken ct = default)
    {
        if (dataSource.Value is not { } source)
        {
            Deliver(message);
            return;
        }
        try
        {
            await using var command = source.CreateCommand("SELECT pg_notify($1, $2)");
            command.Parameters.AddWithValue(EventsChannel);
            command.Parameters.AddWithValue(JsonSerializer.Serialize(message));
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (NpgsqlException e)
        {
            // The change is saved; a board that misses it catches up on its next refresh.
            log.LogWarning(e, "Could not send a live update");
        }
    }

    public Task PublishUnitsChangedAsync(CancellationToken ct = default) => NotifyOthersAsync(UnitsChannel, ct);

    /// <summary>Event categories, routing rules, office hours or holidays changed.</summary>
    public Task PublishSettingsChangedAsync(CancellationToken ct = default) => NotifyOthersAsync(SettingsChannel, ct);

    async Task NotifyOthersAsync(string channel, CancellationToken ct)
    {
        if (dataSource.Value is not { } source)
            return;
        await using var command = source.CreateCommand("SELECT pg_notify($1, $2)");
        command.Parameters.AddWithValue(channel);
        command.Parameters.AddWithValue(InstanceId);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Hands a change to this process's subscribers; a slow one loses its oldest messages, not the others' time.</summary>
    public void Deliver(LiveMessage message)
    {
        foreach (var channel in subscribers.Values)
            channel.Writer.TryWrite(message);
    }

    public void Dispose()
    {
        if (dataSource.IsValueCreated)
            dataSource.Value?.Dispose();
    }
}

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
