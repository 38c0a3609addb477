using System.Text.Json;
using System.Text.Json.Serialization;

namespace PoliceGrid.Web.Shared.Live;

/// <summary>A change that open boards and inboxes should show: what changed and where, never its content.</summary>
public sealed record LiveMessage(LiveMessageKind Kind, int Id, string AreaPath, int? HandlerUnitId = null, int? AccountId = null,
    int? ReporterAccountId = null, bool Confidential = false, string? Department = null)
{
    /// <summary>Sent after a lost connection: open pages fetch everything again, since changes sent meanwhile are lost.</summary>
    public static readonly LiveMessage Resync = new(LiveMessageKind.Resync, 0, "");
}

/// <summary>
/// What a live message is about. On the wire (NOTIFY payloads and the <c>/api/live</c> stream) each kind is its name in
/// kebab case: <c>event-reported</c>, <c>event-accept</c>, <c>directive</c>, <c>resync</c>.
/// </summary>
[JsonConverter(typeof(LiveMessageKindConverter))]
public enum LiveMessageKind
{
    Resync,
    EventReported,
    EventAccept,
    EventDispatch,
    EventStart,
    EventHandle,
    EventVerify,
    EventReturn,
    EventMerge,
    EventMergedIn,
    EventSplit,
    EventCancel,
    EventEscalate,
    EventEscalated,
    EventConfidential,
    Directive,
    /// <summary>A new message in one person's inbox: only she hears of it.</summary>
    Message,
    /// <summary>A dispute case changed (opened, moved, high risk): boards and lists of its area refresh.</summary>
    Dispute,
}

sealed class LiveMessageKindConverter() : JsonStringEnumConverter<LiveMessageKind>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false);

/// <summary>A kind of change that other instances hear of only to drop what they keep in memory (no message for pages).</summary>
public enum LiveTopic { Units, EventSettings }

/// <summary>
/// What a feature does when another instance announces a change of <see cref="Topic"/>, and after the listener
/// reconnects (a notice may have been lost meanwhile). Features register these; the live feed knows none of them.
/// </summary>
public sealed record LiveTopicHandler(LiveTopic Topic, Func<IServiceProvider, CancellationToken, Task> OnChangedAsync);
