using System.Security.Cryptography;
using System.Text;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Register.PersonalData;

/// <summary>
/// Seals ID and phone numbers with AES-GCM under keys kept outside the database, and gives each a keyed hash
/// (HMAC-SHA256) to find it by, so a dump of the database alone reveals none of them. A sealed value names its key
/// (<c>keyId:base64(nonce|ciphertext|tag)</c>), so keys can rotate: old values open until <see cref="Reseal"/> moves them.
/// </summary>
public sealed class PersonalDataVault
{
    public const string DemoKeyId = "demo";
    const int NonceSize = 12;
    const int TagSize = 16;

    readonly IReadOnlyDictionary<string, byte[]> keys;
    readonly byte[] lookupKey;

    public PersonalDataVault(string currentKeyId, IReadOnlyDictionary<string, byte[]> keys, byte[] lookupKey)
    {
        if (!keys.TryGetValue(currentKeyId, out var current) || current.Length != 32)
            throw new InvalidOperationException($"Register:Keys:{currentKeyId} must be a 32-byte key in base64.");
        if (lookupKey.Length < 32)
            throw new InvalidOperationException("Register:LookupKey must be at least 32 bytes in base64.");
        CurrentKeyId = currentKeyId;
        this.keys = keys;
        this.lookupKey = lookupKey;
    }

    public string CurrentKeyId { get; }

    /// <summary>From configuration; in demo mode without keys, fixed demo keys (which <c>Startup</c> refuses outside demo mode).</summary>
    public static PersonalDataVault From(RegisterOptions options, bool demo)
    {
        var configured = options.Keys.ToDictionary(k => k.Key, k => Convert.FromBase64String(k.Value));
        if (configured.Count == 0 && demo)
        {
            var demoKey = SHA256.HashData("policegrid demo data key"u8);
            return new PersonalDataVault(DemoKeyId, new Dictionary<string, byte[]> { [DemoKeyId] = demoKey }, SHA256.HashData("policegrid demo lookup key"u8));
        }
        if (configured.Count == 0)
            throw new InvalidOperationException(new Text("Register.NoKeysForPersonalDataSet").ToString());
        var current = options.CurrentKeyId is { Length: > 0 } id ? id : configured.Keys.Single();
        return new PersonalDataVault(current, configured, Convert.FromBase64String(options.LookupKey ?? ""));
    }

    public bool UsesDemoKey => CurrentKeyId == DemoKeyId;

    /// <summary>Seals a value; <paramref name="field"/> is bound in as associated data so a value cannot be moved to another column.</summary>
    public string Seal(string field, string plain)
    {
        var plainBytes = Encoding.UTF8.GetBytes(plain);
        var sealedBytes = new byte[NonceSize + plainBytes.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(keys[CurrentKeyId], TagSize);
        aes.Encrypt(nonce, plainBytes, sealedBytes.AsSpan(NonceSize, plainBytes.Length), sealedBytes.AsSpan(NonceSize + plainBytes.Length), Encoding.UTF8.GetBytes(field));
        return $"{CurrentKeyId}:{Convert.ToBase64String(sealedBytes)}";
    }

    public string Open(string field, string sealedValue)
    {
        var colon = sealedValue.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !keys.TryGetValue(sealedValue[..colon], out var key))
            throw new CryptographicException($"No key '{(colon > 0 ? sealedValue[..colon] : "")}' to open this value.");
        var sealedBytes = Convert.FromBase64String(sealedValue[(colon + 1)..]);
        var length = sealedBytes.Length - NonceSize - TagSize;
        var plain = new byte[length];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, length), sealedBytes.AsSpan(NonceSize + length), plain, Encoding.UTF8.GetBytes(field));
        return Encoding.UTF8.GetString(plain);
    }

    public static string KeyIdOf(string sealedValue) => sealedValue[..sealedValue.IndexOf(':', StringComparison.Ordinal)];

    /// <summary>The value sealed under the current key, or null when it already is.</summary>
    public string? Reseal(string field, string sealedValue) =>
        KeyIdOf(sealedValue) == CurrentKeyId ? null : Seal(field, Open(field, sealedValue));

    /// <summary>A value as the register stores it: sealed, its lookup hash, and its masked form for lists.</summary>
    public Protected Protect(string field, string plain, Func<string, string> mask) => new(Seal(field, plain), LookupHash(field, plain), mask(plain));

    public sealed record Protected(string Sealed, string Hash, string Masked);

    /// <summary>Keyed hash to look a value up by; the same value always gives the same hash.</summary>
    public string LookupHash(string field, string plain)
    {
        var data = Encoding.UTF8.GetBytes($"{field}\u001f{plain}");
        return Convert.ToHexStringLower(HMACSHA256.HashData(lookupKey, data));
    }
}

/// <summary>Names of the sealed fields; each is the associated data of its values and the domain of its hashes.</summary>
public static class SealedField
{
    public const string IdNumber = "id_number";
    public const string Phone = "phone";
}
