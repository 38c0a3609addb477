using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PoliceGrid.Web.Delivery;

/// <summary>
/// The two pieces of Web Push an application server does, on the platform's own cryptography: the message encryption of
/// RFC 8291 (ECDH on P-256 with the browser's key, HKDF with its auth secret, one aes128gcm record of RFC 8188) and the
/// VAPID header of RFC 8292 (an ES256 JWT for the push service's origin, and the server's public key).
/// </summary>
public static class WebPushProtocol
{
    const int RecordSize = 4096, TagSize = 16;

    /// <summary>The body to POST to the subscription's endpoint; <paramref name="server"/> and <paramref name="salt"/> are fresh per message except in tests of the RFC's example.</summary>
    public static byte[] Encrypt(byte[] plaintext, byte[] browserPublicKey, byte[] authSecret, ECDiffieHellman? server = null, byte[]? salt = null)
    {
        // One record holds the whole message (a push message is at most 4 KB); its last byte 0x02 marks the last record.
        if (plaintext.Length + 1 + TagSize > RecordSize - 86)
            throw new ArgumentException("A push message holds at most about 3.9 KB.", nameof(plaintext));
        using var ephemeral = server is null ? ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256) : null;
        var own = server ?? ephemeral!;
        salt ??= RandomNumberGenerator.GetBytes(16);
        var serverPublicKey = Point(own.ExportParameters(false));
        using var browser = ECDiffieHellman.Create(ImportPublic(browserPublicKey));
        var shared = own.DeriveRawSecretAgreement(browser.PublicKey);

        byte[] keyInfo = [.. "WebPush: info\0"u8, .. browserPublicKey, .. serverPublicKey];
        var ikm = HKDF.Expand(HashAlgorithmName.SHA256, HKDF.Extract(HashAlgorithmName.SHA256, shared, authSecret), 32, keyInfo);
        var prk = HKDF.Extract(HashAlgorithmName.SHA256, ikm, salt);
        var key = HKDF.Expand(HashAlgorithmName.SHA256, prk, 16, "Content-Encoding: aes128gcm\0"u8.ToArray());
        var nonce = HKDF.Expand(HashAlgorithmName.SHA256, prk, 12, "Content-Encoding: nonce\0"u8.ToArray());

        byte[] record = [.. plaintext, 2];
        var cipher = new byte[record.Length];
        var tag = new byte[TagSize];
        using (var aes = new AesGcm(key, TagSize))
            aes.Encrypt(nonce, record, cipher, tag);

        var header = new byte[16 + 4 + 1];
        salt.CopyTo(header, 0);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(16), RecordSize);
        header[20] = (byte)serverPublicKey.Length;
        return [.. header, .. serverPublicKey, .. cipher, .. tag];
    }

    /// <summary>The <c>Authorization</c> header's value for a push service at <paramref name="endpoint"/>, valid 12 hours.</summary>
    public static string VapidAuthorization(Uri endpoint, string subject, ECDsa key, DateTimeOffset now)
    {
        var audience = endpoint.GetLeftPart(UriPartial.Authority);
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { typ = "JWT", alg = "ES256" }));
        var claims = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { aud = audience, exp = now.AddHours(12).ToUnixTimeSeconds(), sub = subject }));
        var signed = $"{header}.{claims}";
        // ES256 is the signature as r||s (IEEE P1363), which is ECDsa's own format.
        var signature = key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256);
        var parameters = key.ExportParameters(false);
        return $"vapid t={signed}.{Base64Url(signature)}, k={Base64Url(Point(parameters))}";
    }

    /// <summary>A new VAPID key pair, as base64url: the public key as the browser's <c>applicationServerKey</c> takes it, the private scalar.</summary>
    public static (string PublicKey, string PrivateKey) NewVapidKeys()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = key.ExportParameters(true);
        return (Base64Url(Point(p)), Base64Url(p.D!));
    }

    /// <summary>The VAPID signing key from its base64url private scalar and public point; null if they are not a P-256 pair.</summary>
    public static ECDsa? VapidKey(string? publicKey, string? privateKey)
    {
        if (!TryBase64Url(publicKey, out var q) || !TryBase64Url(privateKey, out var d) || q.Length != 65 || q[0] != 4 || d.Length != 32)
            return null;
        try
        {
            var key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = q[1..33], Y = q[33..] }, D = d });
            // Importing checks the point is on the curve; signing and verifying once checks the two halves belong together.
            if (!key.VerifyData("vapid"u8, key.SignData("vapid"u8, HashAlgorithmName.SHA256), HashAlgorithmName.SHA256)
                || !key.ExportParameters(false).Q.X!.AsSpan().SequenceEqual(q.AsSpan(1, 32)))
                throw new CryptographicException();
            return key;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Whether a subscription's keys are what a browser sends: an uncompressed P-256 point on the curve and a 16-byte secret.</summary>
    public static bool ValidBrowserKeys(string? p256dh, string? auth)
    {
        if (!TryBase64Url(p256dh, out var q) || !TryBase64Url(auth, out var secret) || q.Length != 65 || q[0] != 4 || secret.Length != 16)
            return false;
        try
        {
            using var key = ECDiffieHellman.Create(ImportPublic(q));
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    static ECParameters ImportPublic(byte[] point) =>
        new() { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = point[1..33], Y = point[33..] } };

    /// <summary>A public key as the uncompressed point (0x04, x, y) browsers and VAPID exchange.</summary>
    static byte[] Point(ECParameters p) => [4, .. p.Q.X!, .. p.Q.Y!];

    public static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    public static bool TryBase64Url(string? text, out byte[] bytes)
    {
        bytes = [];
        if (string.IsNullOrWhiteSpace(text) || text.Length > 200)
            return false;
        try
        {
            bytes = System.Buffers.Text.Base64Url.DecodeFromChars(text.Trim().TrimEnd('='));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
