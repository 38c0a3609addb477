using System.Security.Cryptography;
using System.Text;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Audit;

/// <summary>
/// The HMAC-SHA256 keys that seal the audit chain. They come from configuration, never the database, so whoever holds
/// the database alone cannot recompute the chain after an edit. Each row names its key, so the key can rotate:
/// <c>Audit:Key</c>/<c>Audit:KeyId</c> seal new rows, <c>Audit:OldKeys:{id}</c> still verify what older keys sealed.
/// Rows without a key id are the unkeyed SHA-256 rows of databases from before keys, accepted only before the first keyed row.
/// </summary>
public sealed class AuditKeys
{
    public const string DemoKeyId = "demo";
    public const int MinimumKeyBytes = 32;

    readonly IReadOnlyDictionary<string, byte[]> keys;

    public AuditKeys(string currentKeyId, IReadOnlyDictionary<string, byte[]> keys)
    {
        if (string.IsNullOrWhiteSpace(currentKeyId) || currentKeyId.Length > 40)
            throw new InvalidOperationException(new Text("Audit.AuditKeyIdMustBe1To").ToString());
        if (keys.Values.Any(k => k.Length < MinimumKeyBytes) || !keys.ContainsKey(currentKeyId))
            throw new InvalidOperationException(
                new Text("Audit.AuditKeysMustBeBase64Of", MinimumKeyBytes).ToString());
        CurrentKeyId = currentKeyId;
        this.keys = keys;
    }

    public string CurrentKeyId { get; }

    public bool UsesDemoKey => CurrentKeyId == DemoKeyId;

    /// <summary>From configuration; in demo mode without a key, a fixed demo key (which <c>Startup</c> refuses outside demo mode).</summary>
    public static AuditKeys From(AuditOptions options, bool demo)
    {
        if (string.IsNullOrWhiteSpace(options.Key))
        {
            if (demo)
                return new AuditKeys(DemoKeyId, new Dictionary<string, byte[]> { [DemoKeyId] = SHA256.HashData("policegrid demo audit key"u8) });
            throw new InvalidOperationException(
                new Text("Audit.NoAuditChainKeySetAudit").ToString());
        }
        var keys = options.OldKeys.ToDictionary(k => k.Key, k => Decode(k.Value, $"Audit:OldKeys:{k.Key}"));
        keys[options.KeyId] = Decode(options.Key, "Audit:Key");
        return new AuditKeys(options.KeyId, keys);
    }

    static byte[] Decode(string? value, string name)
    {
        try
        {
            return Convert.FromBase64String(value ?? "");
        }
        catch (FormatException)
        {
            throw new InvalidOperationException(new Text("Audit.N0IsNotBase64", name).ToString());
        }
    }

    /// <summary>Seals a new row under the current key.</summary>
    public void Seal(AuditEntry entry)
    {
        entry.KeyId = CurrentKeyId;
        entry.Hash = HashOf(entry)!;
    }

    /// <summary>The hash the row should carry, or null when its key is not configured here.</summary>
    public string? HashOf(AuditEntry entry)
    {
        var canonical = Encoding.UTF8.GetBytes(entry.Canonical());
        if (entry.KeyId is null)
            return Convert.ToHexStringLower(SHA256.HashData(canonical));
        return keys.TryGetValue(entry.KeyId, out var key) ? Convert.ToHexStringLower(HMACSHA256.HashData(key, canonical)) : null;
    }
}
