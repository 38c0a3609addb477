using Microsoft.Extensions.Options;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Audit;

/// <summary>The <c>Audit</c> section: the keys of the chain and where its anchor file lives.</summary>
public sealed class AuditOptions
{
    /// <summary>Base64 HMAC-SHA256 key; none outside demo mode stops the start (<see cref="AuditKeys.From"/>).</summary>
    public string? Key { get; set; }

    public string KeyId { get; set; } = "1";

    /// <summary>Retired keys by id, still used to verify the rows they sealed.</summary>
    public Dictionary<string, string> OldKeys { get; set; } = [];

    /// <summary>Empty: <c>App_Data/audit-anchor</c> under the content root.</summary>
    public string? AnchorPath { get; set; }

    /// <summary>The form of what is set; whether a key must be set at all is decided at start by demo mode.</summary>
    public sealed class Validation : IValidateOptions<AuditOptions>
    {
        public ValidateOptionsResult Validate(string? name, AuditOptions options)
        {
            var failures = new List<string>();
            if (string.IsNullOrWhiteSpace(options.KeyId) || options.KeyId.Length > 40)
                failures.Add(new Text("Audit.AuditKeyIdMustBe1To2").ToString());
            if (!string.IsNullOrWhiteSpace(options.Key) && SettingChecks.Base64Key("Audit:Key", options.Key, AuditKeys.MinimumKeyBytes) is { } key)
                failures.Add(key);
            foreach (var (id, value) in options.OldKeys)
                if (SettingChecks.Base64Key($"Audit:OldKeys:{id}", value, AuditKeys.MinimumKeyBytes) is { } old)
                    failures.Add(old);
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
