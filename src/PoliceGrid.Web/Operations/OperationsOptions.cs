using System.Net;
using Microsoft.Extensions.Options;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Operations;

/// <summary>The <c>Operations</c> section: who may read the metrics and the health details, and when the outbox counts as behind.</summary>
public sealed class OperationsOptions
{
    /// <summary>
    /// Networks (CIDR) that may read <c>/metrics</c> and the details of <c>/health/ready</c>: the management network.
    /// The client's address is the one the trusted proxy forwarded (<c>Security:KnownProxies</c>), so a request from
    /// outside that came in through nginx is outside, even though nginx itself sits on loopback.
    /// </summary>
    public List<string> ManagementNetworks { get; set; } = ["127.0.0.0/8", "::1/128"];

    /// <summary>Minutes a due delivery may wait before readiness reports the outbox as behind (degraded, still ready).</summary>
    public int OutboxBehindMinutes { get; set; } = 10;

    /// <summary>How often the outbox depth is sampled for the metrics.</summary>
    public int SampleSeconds { get; set; } = 15;

    public IReadOnlyList<IPNetwork> Networks() => [.. ManagementNetworks.Select(n => IPNetwork.Parse(n))];

    public static void ReadCommaList(OperationsOptions options, IConfiguration configuration)
    {
        if (configuration.GetSection("Operations:ManagementNetworks").Value is { Length: > 0 } list)
            options.ManagementNetworks = [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    public sealed class Validation : IValidateOptions<OperationsOptions>
    {
        public ValidateOptionsResult Validate(string? name, OperationsOptions options)
        {
            var failures = options.ManagementNetworks.Where(n => !IPNetwork.TryParse(n, out _))
                .Select(n => new Text("Operations.ManagementNetworkIsNotACidr", n).ToString()).ToList();
            if (options.OutboxBehindMinutes is < 1 or > 1440)
                failures.Add(new Text("Operations.OutboxBehindMinutesRange").ToString());
            if (options.SampleSeconds is < 1 or > 3600)
                failures.Add(new Text("Operations.SampleSecondsRange").ToString());
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
