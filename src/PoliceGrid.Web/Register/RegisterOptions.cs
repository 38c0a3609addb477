using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Register;

/// <summary>The <c>Register</c> section: the keys that seal personal data, and the duplicate-lookup limit.</summary>
public sealed class RegisterOptions
{
    /// <summary>AES-256 keys by id (base64, 32 bytes); none outside demo mode stops the start (<see cref="PersonalDataVault.From"/>).</summary>
    public Dictionary<string, string> Keys { get; set; } = [];

    /// <summary>Empty: the only key.</summary>
    public string? CurrentKeyId { get; set; }

    public string? LookupKey { get; set; }

    [Range(1, 1_000_000, ErrorMessage = "Register:LookupsPerHour 须为 1 至 1000000 / Register:LookupsPerHour must be 1 to 1000000")]
    public int LookupsPerHour { get; set; } = 60;

    /// <summary>The form of the keys that are set; whether they must be set at all is decided at start by demo mode.</summary>
    public sealed class Validation : IValidateOptions<RegisterOptions>
    {
        public ValidateOptionsResult Validate(string? name, RegisterOptions options)
        {
            if (options.Keys.Count == 0)
                return options.CurrentKeyId is { Length: > 0 } || options.LookupKey is { Length: > 0 }
                    ? ValidateOptionsResult.Fail("Register:CurrentKeyId 或 Register:LookupKey 已设置，但没有 Register:Keys / Register:CurrentKeyId or Register:LookupKey is set without any Register:Keys")
                    : ValidateOptionsResult.Success;
            var failures = options.Keys.Select(k => SettingChecks.Base64Key($"Register:Keys:{k.Key}", k.Value, 32, exact: true)).OfType<string>().ToList();
            if (options.CurrentKeyId is { Length: > 0 } current ? !options.Keys.ContainsKey(current) : options.Keys.Count > 1)
                failures.Add("Register:CurrentKeyId 须为 Register:Keys 中的一个（有多个密钥时必填） / Register:CurrentKeyId must name one of Register:Keys (required when there are several)");
            if (SettingChecks.Base64Key("Register:LookupKey", options.LookupKey, 32) is { } lookup)
                failures.Add(lookup);
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
