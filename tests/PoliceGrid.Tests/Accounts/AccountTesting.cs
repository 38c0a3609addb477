using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Data;

namespace PoliceGrid.Tests.Accounts;

/// <summary>Cookies copied as an attacker would copy them, page forms posted as a browser posts them, and TOTP codes.</summary>
public static partial class AccountTesting
{
    public static readonly string[] Providers = [DatabaseSetup.Sqlite, DatabaseSetup.Postgres];

    /// <summary>Signs in and returns the session cookie as it would be copied out of the browser.</summary>
    public static async Task<string> CookieAsync(ProductApp app, string userName, string password = DemoSeed.Password, string? code = null)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password, code });
        Assert.True(response.IsSuccessStatusCode, $"sign-in as {userName}: {(int)response.StatusCode}");
        return SessionCookie(response);
    }

    public static string SessionCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Last(c => c.StartsWith("policegrid.auth=", StringComparison.Ordinal));

    /// <summary>A request from another machine that carries only the copied cookie.</summary>
    public static Task<HttpResponseMessage> ReplayAsync(ProductApp app, string cookie, string path = "/api/auth/me")
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return client.SendAsync(request);
    }

    /// <summary>The security administrator approves an account's access to personal data, as every new operational account needs (三员分立).</summary>
    public static async Task ApproveGrantAsync(ProductApp app, string userName)
    {
        var response = await (await app.SignInAsync("secadmin")).PostAsync($"/api/accounts/{await IdOfAsync(app, userName)}/grant", null);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, response.StatusCode);
    }

    public static Task<int> IdOfAsync(ProductApp app, string userName) =>
        app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Users.Where(a => a.UserName == userName).Select(a => a.Id)));

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex Hidden();

    /// <summary>Loads a page and posts its form, antiforgery token and form name included, as a browser does.</summary>
    public static async Task<HttpResponseMessage> PostPageFormAsync(HttpClient client, string page, IDictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(page);
        // The layout's sign-out form carries a token too: the page's own form comes last.
        var form = Hidden().Matches(html).GroupBy(m => m.Groups[1].Value)
            .ToDictionary(g => g.Key, g => System.Net.WebUtility.HtmlDecode(g.Last().Groups[2].Value));
        foreach (var (name, value) in fields)
            form[name] = value;
        using var content = new FormUrlEncodedContent(form);
        return await client.PostAsync(page, content);
    }

    /// <summary>RFC 6238 with HMAC-SHA1, 30-second steps and 6 digits, from the Base32 key the enrolment shows.</summary>
    public static string Totp(string base32Key, long step)
    {
        var key = FromBase32(base32Key);
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian)
            Array.Reverse(counter);
#pragma warning disable CA5350 // RFC 6238 as authenticator apps compute it: HMAC-SHA1 is what they use.
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = (hash[offset] & 0x7f) << 24 | hash[offset + 1] << 16 | hash[offset + 2] << 8 | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    public static long CurrentStep => DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;

    static byte[] FromBase32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var value = 0;
        var bytes = new List<byte>();
        foreach (var c in text.ToUpperInvariant().Where(c => c != ' ' && c != '='))
        {
            value = value << 5 | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(value >> (bits - 8)));
                bits -= 8;
            }
        }
        return [.. bytes];
    }
}
