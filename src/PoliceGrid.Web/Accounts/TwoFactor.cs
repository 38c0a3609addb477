using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Data;

namespace PoliceGrid.Web.Accounts;

/// <summary>
/// The authenticator (TOTP, RFC 6238: HMAC-SHA1, 30 s, 6 digits, the key Identity keeps), accepting a code for two
/// steps either side of now, as Identity's does. On top, each code is single-use and so is every step up to it: once a
/// step's code is accepted, no code of that step or an earlier one is, so a code seen over a shoulder or in a log
/// cannot be used, even one the person never typed. The check and the claim of the step are one conditional update,
/// so two requests racing with one code cannot both pass.
/// </summary>
public sealed class SingleUseAuthenticator(PoliceGridDb db) : AuthenticatorTokenProvider<Account>
{
    const int StepSeconds = 30;
    const int Drift = 2;

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<Account> manager, Account user)
    {
        var code = token.Trim();
        var key = await manager.GetAuthenticatorKeyAsync(user);
        // The real clock, as the authenticator app on the phone uses.
        if (code.Length != 6 || string.IsNullOrEmpty(key) || StepOf(key, code, DateTimeOffset.UtcNow) is not { } step)
            return false;
        // LastTwoFactorAt holds the start of the last accepted code's step.
        var stepStart = DateTime.UnixEpoch.AddSeconds(step * StepSeconds);
        var claimed = await db.Users.Where(a => a.Id == user.Id && (a.LastTwoFactorAt == null || a.LastTwoFactorAt < stepStart))
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.LastTwoFactorCode, code).SetProperty(a => a.LastTwoFactorAt, stepStart));
        if (claimed == 0)
            return false;
        // Identity writes the whole row on its next update: keep the tracked account in step with the database.
        user.LastTwoFactorCode = code;
        user.LastTwoFactorAt = stepStart;
        return true;
    }

    /// <summary>The step within the drift window whose code is <paramref name="code"/>, or null.</summary>
    static long? StepOf(string base32Key, string code, DateTimeOffset now)
    {
        var key = FromBase32(base32Key);
        var current = now.ToUnixTimeSeconds() / StepSeconds;
        for (var step = current - Drift; step <= current + Drift; step++)
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(CodeOf(key, step)), Encoding.ASCII.GetBytes(code)))
                return step;
        return null;
    }

    static string CodeOf(byte[] key, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // RFC 6238 as authenticator apps compute it: HMAC-SHA1 is what they use.
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = (hash[offset] & 0x7f) << 24 | hash[offset + 1] << 16 | hash[offset + 2] << 8 | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>RFC 4648 Base32, as Identity writes the key (upper case, no padding); spaces and lower case forgiven.</summary>
    static byte[] FromBase32(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text.ToUpperInvariant())
        {
            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
                continue;
            buffer = buffer << 5 | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits & 0xff));
            }
        }
        return [.. bytes];
    }

    /// <summary>The key as people type it: groups of four.</summary>
    public static string Grouped(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        return text.ToString().TrimEnd();
    }

    /// <summary>What an authenticator app reads (from a QR code or pasted in).</summary>
    public static string Uri(string userName, string key) =>
        $"otpauth://totp/{System.Uri.EscapeDataString("PoliceGrid")}:{System.Uri.EscapeDataString(userName)}?secret={key}&issuer=PoliceGrid&algorithm=SHA1&digits=6&period=30";
}
