using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace PoliceGrid.Web.Events.Open311;

/// <summary>The <c>Open311</c> section: API keys and how often each key and each address may post.</summary>
public sealed class Open311Options
{
    /// <summary>API key → the source its reports come as (<see cref="EventSource"/>, e.g. Citizen, Hotline12345).</summary>
    public Dictionary<string, string> ApiKeys { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    [Range(1, 1_000_000, ErrorMessage = "Open311:PostsPerMinutePerKey 须为 1 至 1000000 / Open311:PostsPerMinutePerKey must be 1 to 1000000")]
    public int PostsPerMinutePerKey { get; set; } = 60;

    [Range(1, 1_000_000, ErrorMessage = "Open311:PostsPerMinutePerAddress 须为 1 至 1000000 / Open311:PostsPerMinutePerAddress must be 1 to 1000000")]
    public int PostsPerMinutePerAddress { get; set; } = 10;

    public EventSource? SourceOf(string apiKey) =>
        ApiKeys.TryGetValue(apiKey, out var source) && Parse(source) is { } parsed ? parsed : null;

    static EventSource? Parse(string? source) =>
        Enum.TryParse<EventSource>(source, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(source, out _) ? parsed : null;

    public sealed class Validation : IValidateOptions<Open311Options>
    {
        public ValidateOptionsResult Validate(string? name, Open311Options options)
        {
            var failures = options.ApiKeys.Where(k => Parse(k.Value) is null)
                .Select(k => $"Open311:ApiKeys:{k.Key} 须为事件来源之一（如 Citizen、Hotline12345），不是 '{k.Value}' / Open311:ApiKeys:{k.Key} must name an event source (e.g. Citizen, Hotline12345), not '{k.Value}'")
                .ToList();
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
