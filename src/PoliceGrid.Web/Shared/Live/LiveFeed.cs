using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Npgsql;
using PoliceGrid.Web.Data;

namespace PoliceGrid.Web.Shared.Live;

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

    /// <summary>Tells the other instances that something they keep in memory changed (units, event settings).</summary>
    public Task PublishChangedAsync(LiveTopic topic, CancellationToken ct = default) => NotifyOthersAsync(ChannelOf(topic), ct);

    public static string ChannelOf(LiveTopic topic) => topic switch
    {
        LiveTopic.Units => UnitsChannel,
        LiveTopic.EventSettings => SettingsChannel,
        _ => throw new ArgumentOutOfRangeException(nameof(topic)),
    };

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
