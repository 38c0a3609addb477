using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PoliceGrid.Web.Delivery;

namespace PoliceGrid.Tests.Delivery;

/// <summary>The Web Push encryption against RFC 8291's own worked example, and the VAPID token as a push service reads it.</summary>
public sealed class WebPushProtocolTests
{
    // RFC 8291, Appendix A: the published example (test data, not credentials).
    const string ServerPrivate = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
    const string BrowserPublic = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    const string AuthSecret = "BTBZMqHH6r4Tts7J_aSIgg";
    const string Salt = "DGv6ra1nlYgDCS1FRnbzlw";
    const string Body = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

    static byte[] B(string base64url) => System.Buffers.Text.Base64Url.DecodeFromChars(base64url);

    [Fact]
    public void TheMessageIsEncryptedByteForByteAsTheRfcExample()
    {
        using var server = ECDiffieHellman.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = B(ServerPrivate) });

        var body = WebPushProtocol.Encrypt("When I grow up, I want to be a watermelon"u8.ToArray(), B(BrowserPublic), B(AuthSecret), server, B(Salt));

        Assert.Equal(Body, WebPushProtocol.Base64Url(body));
    }

    [Fact]
    public void TheVapidTokenIsSignedForThePushServicesOriginAndVerifiesWithTheKeyItCarries()
    {
        var (publicKey, privateKey) = WebPushProtocol.NewVapidKeys();
        using var key = WebPushProtocol.VapidKey(publicKey, privateKey)!;
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

        var header = WebPushProtocol.VapidAuthorization(new Uri("https://push.example.net:8443/send/abc?x=1"), "mailto:ops@county.example", key, now);

        var parts = header.Split(", ");
        Assert.StartsWith("vapid t=", parts[0], StringComparison.Ordinal);
        Assert.Equal("k=" + publicKey, parts[1]);
        var token = parts[0]["vapid t=".Length..].Split('.');
        var q = B(publicKey);
        using var verifier = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = q[1..33], Y = q[33..] } });
        Assert.True(verifier.VerifyData(Encoding.ASCII.GetBytes(token[0] + "." + token[1]), B(token[2]), HashAlgorithmName.SHA256));
        var claims = JsonDocument.Parse(B(token[1])).RootElement;
        Assert.Equal("https://push.example.net:8443", claims.GetProperty("aud").GetString());
        Assert.Equal("mailto:ops@county.example", claims.GetProperty("sub").GetString());
        Assert.InRange(claims.GetProperty("exp").GetInt64() - now.ToUnixTimeSeconds(), 1, 24 * 3600);
        Assert.Equal("ES256", JsonDocument.Parse(B(token[0])).RootElement.GetProperty("alg").GetString());
    }

    [Fact]
    public void KeysThatAreNotAPairOrNotOnTheCurveAreRefused()
    {
        var (publicKey, privateKey) = WebPushProtocol.NewVapidKeys();
        var (otherPublic, _) = WebPushProtocol.NewVapidKeys();

        Assert.NotNull(WebPushProtocol.VapidKey(publicKey, privateKey));
        Assert.Null(WebPushProtocol.VapidKey(otherPublic, privateKey));
        Assert.Null(WebPushProtocol.VapidKey(publicKey, "not-a-key"));
        Assert.True(WebPushProtocol.ValidBrowserKeys(BrowserPublic, AuthSecret));
        var offCurve = B(BrowserPublic);
        offCurve[64] ^= 1;
        Assert.False(WebPushProtocol.ValidBrowserKeys(WebPushProtocol.Base64Url(offCurve), AuthSecret));
        Assert.False(WebPushProtocol.ValidBrowserKeys(BrowserPublic, "c2hvcnQ"));
    }
}
