using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PoliceGrid.Tests.Delivery;

/// <summary>
/// A local push service (RFC 8030) with the browsers subscribed to it. It checks what a real one checks: the VAPID
/// token (RFC 8292: ES256 over the header and claims, verified with the key in <c>k=</c>, which must be the one the
/// browser subscribed with; <c>aud</c> its own origin; <c>exp</c> in the future and at most 24 hours ahead; a
/// <c>sub</c>), a TTL, the aes128gcm encoding; and then it does the browser's part, decrypting the body with the
/// browser's private key and auth secret (RFC 8291, written here from the RFC, not with the product's code).
/// </summary>
public sealed class FakePushService : IAsyncDisposable
{
    sealed record Browser(ECDiffieHellman Key, byte[] PublicKey, byte[] Auth);

    /// <summary>What a browser received: its id, the decrypted payload, and the Topic and Urgency headers.</summary>
    public sealed record Push(string BrowserId, JsonElement Payload, string? Topic, string? Urgency, int Ttl);

    readonly WebApplication app;
    readonly ConcurrentDictionary<string, Browser> browsers = new();
    public ConcurrentQueue<Push> Received { get; } = new();
    public ConcurrentQueue<string> Refusals { get; } = new();
    /// <summary>Browsers that were uninstalled or unsubscribed: the service answers 410.</summary>
    public ConcurrentDictionary<string, bool> Gone { get; } = new();
    int tooMany;
    /// <summary>The next this many pushes are answered 429 with Retry-After: 7.</summary>
    public int TooMany { get => tooMany; set => tooMany = value; }

    public required string ServerPublicKey { get; init; }
    public required Func<DateTimeOffset> Now { get; init; }
    public string BaseUrl { get; private set; } = "";

    FakePushService(WebApplication app) => this.app = app;

    public static async Task<FakePushService> StartAsync(string serverPublicKey, Func<DateTimeOffset> now)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakePushService(app) { ServerPublicKey = serverPublicKey, Now = now };
        app.MapPost("/push/{id}", (Delegate)fake.ReceiveAsync);
        await app.StartAsync();
        fake.BaseUrl = app.Urls.First();
        return fake;
    }

    /// <summary>A new browser subscribing: what <c>PushSubscription.toJSON()</c> gives the page.</summary>
    public (string Id, object Subscription) NewBrowser()
    {
        var id = Guid.NewGuid().ToString("N");
        var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var p = key.ExportParameters(false);
        var browser = new Browser(key, [4, .. p.Q.X!, .. p.Q.Y!], RandomNumberGenerator.GetBytes(16));
        browsers[id] = browser;
        return (id, new { endpoint = $"{BaseUrl}/push/{id}", expirationTime = (object?)null, keys = new { p256dh = B64(browser.PublicKey), auth = B64(browser.Auth) } });
    }

    public IEnumerable<Push> To(string browserId) => Received.Where(p => p.BrowserId == browserId);

    async Task<IResult> ReceiveAsync(string id, HttpContext http)
    {
        if (!browsers.TryGetValue(id, out var browser) || Gone.ContainsKey(id))
            return Results.StatusCode(StatusCodes.Status410Gone);
        var request = http.Request;
        if (VapidProblem(request.Headers.Authorization.ToString()) is { } problem)
            return Refuse(StatusCodes.Status401Unauthorized, problem);
        if (!int.TryParse(request.Headers["TTL"], out var ttl) || ttl < 0)
            return Refuse(StatusCodes.Status400BadRequest, "no TTL");
        if (request.Headers.ContentEncoding.ToString() != "aes128gcm")
            return Refuse(StatusCodes.Status415UnsupportedMediaType, "not aes128gcm");
        if (Interlocked.Decrement(ref tooMany) >= 0)
        {
            http.Response.Headers.RetryAfter = "7";
            return Results.StatusCode(StatusCodes.Status429TooManyRequests);
        }
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        if (body.Length > 4096)
            return Refuse(StatusCodes.Status413PayloadTooLarge, "over 4096 bytes");
        byte[] plaintext;
        try
        {
            plaintext = Decrypt(body.ToArray(), browser);
        }
        catch (CryptographicException e)
        {
            return Refuse(StatusCodes.Status400BadRequest, "cannot decrypt: " + e.Message);
        }
        Received.Enqueue(new Push(id, JsonDocument.Parse(plaintext).RootElement.Clone(), request.Headers["Topic"].FirstOrDefault(),
            request.Headers["Urgency"].FirstOrDefault(), ttl));
        return Results.StatusCode(StatusCodes.Status201Created);
    }

    IResult Refuse(int status, string why)
    {
        Refusals.Enqueue(why);
        return Results.StatusCode(status);
    }

    string? VapidProblem(string authorization)
    {
        var parts = authorization.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !parts[0].StartsWith("vapid t=", StringComparison.Ordinal) || !parts[1].StartsWith("k=", StringComparison.Ordinal))
            return "no vapid authorization";
        if (parts[1][2..] != ServerPublicKey)
            return "a key the browser did not subscribe with";
        var jwt = parts[0]["vapid t=".Length..].Split('.');
        var k = Unb64(parts[1][2..]);
        using var verifier = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = k[1..33], Y = k[33..] } });
        if (jwt.Length != 3 || !verifier.VerifyData(Encoding.ASCII.GetBytes(jwt[0] + "." + jwt[1]), Unb64(jwt[2]), HashAlgorithmName.SHA256))
            return "bad signature";
        var header = JsonDocument.Parse(Unb64(jwt[0])).RootElement;
        var claims = JsonDocument.Parse(Unb64(jwt[1])).RootElement;
        if (header.GetProperty("alg").GetString() != "ES256")
            return "not ES256";
        if (claims.GetProperty("aud").GetString() != BaseUrl)
            return "aud is not this service";
        var exp = DateTimeOffset.FromUnixTimeSeconds(claims.GetProperty("exp").GetInt64());
        if (exp <= Now() || exp > Now().AddHours(24))
            return "exp out of range";
        return claims.TryGetProperty("sub", out var sub) && sub.GetString() is { } s && (s.StartsWith("mailto:", StringComparison.Ordinal) || s.StartsWith("https:", StringComparison.Ordinal))
            ? null : "no sub";
    }

    /// <summary>RFC 8291 §3.4 and RFC 8188 §2, as the browser does it.</summary>
    static byte[] Decrypt(byte[] body, Browser browser)
    {
        var salt = body[..16];
        var recordSize = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(16, 4));
        var idLength = body[20];
        var serverKey = body[21..(21 + idLength)];
        var record = body[(21 + idLength)..];
        if (record.Length > recordSize || idLength != 65)
            throw new CryptographicException("one record with a 65-byte key id expected");
        using var server = ECDiffieHellman.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = serverKey[1..33], Y = serverKey[33..] } });
        var shared = browser.Key.DeriveRawSecretAgreement(server.PublicKey);
        byte[] prkKey = HMACSHA256.HashData(browser.Auth.AsSpan(), shared.AsSpan());
        byte[] ikm = HMACSHA256.HashData(prkKey, (byte[])[.. "WebPush: info\0"u8, .. browser.PublicKey, .. serverKey, 1]);
        byte[] prk = HMACSHA256.HashData(salt, ikm);
        var cek = HMACSHA256.HashData(prk, (byte[])[.. "Content-Encoding: aes128gcm\0"u8, 1])[..16];
        var nonce = HMACSHA256.HashData(prk, (byte[])[.. "Content-Encoding: nonce\0"u8, 1])[..12];
        var plain = new byte[record.Length - 16];
        using (var aes = new AesGcm(cek, 16))
            aes.Decrypt(nonce, record[..^16], record[^16..], plain);
        var end = Array.FindLastIndex(plain, b => b != 0);
        if (end < 0 || plain[end] != 2)
            throw new CryptographicException("no last-record delimiter");
        return plain[..end];
    }

    static string B64(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    static byte[] Unb64(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        foreach (var browser in browsers.Values)
            browser.Key.Dispose();
    }
}
