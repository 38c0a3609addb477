using System.Net;
using Microsoft.Extensions.Options;

namespace PoliceGrid.Web.Shared;

/// <summary>The shell's part of the <c>Security</c> section (sign-in and sessions are <c>Accounts.AccountOptions</c>).</summary>
public sealed class SecurityOptions
{
    /// <summary>Reverse proxies whose X-Forwarded-For/-Proto are believed; set as an array or one comma-separated list.</summary>
    public List<string> KnownProxies { get; set; } = [];

    public IEnumerable<IPAddress> Proxies() => KnownProxies.Select(IPAddress.Parse);

    /// <summary>Accepts <c>Security:KnownProxies</c> as a comma list as well as an array.</summary>
    public static void ReadCommaList(SecurityOptions options, IConfiguration configuration)
    {
        if (configuration.GetSection("Security:KnownProxies").Value is { Length: > 0 } list)
            options.KnownProxies = [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    public sealed class Validation : IValidateOptions<SecurityOptions>
    {
        public ValidateOptionsResult Validate(string? name, SecurityOptions options)
        {
            var failures = options.KnownProxies.Where(p => !IPAddress.TryParse(p, out _))
                .Select(p => new Text("Shell.SecurityKnownProxies0IsNotAn", p).ToString()).ToList();
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
