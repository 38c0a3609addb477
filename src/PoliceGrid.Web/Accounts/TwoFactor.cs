using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Data;

namespace PoliceGrid.Web.Accounts;

/// <summary>
/// Identity's authenticator (TOTP, RFC 6238: HMAC-SHA1, 30 s, 6 digits), which accepts a code for two steps either side
/// of now; on top, a code once accepted is refused for the rest of that window, so a code seen over a shoulder or in a
/// log cannot be used again. The check and the claim of the code are one conditional update, so two requests racing
/// with the same code cannot both pass.
/// </summary>
public sealed class SingleUseAuthenticator(PoliceGridDb db) : AuthenticatorTokenProvider<Account>
{
    /// <summary>Longer than the five steps (150 s) in which Identity accepts one code.</summary>
    static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<Account> manager, Account user)
    {
        var code = token.Trim();
        if (code.Length != 6 || !await base.ValidateAsync(purpose, code, manager, user))
            return false;
        // The real clock, as Identity's check uses.
        var now = DateTime.UtcNow;
        var since = now - Window;
        var claimed = await db.Users.Where(a => a.Id == user.Id
                && (a.LastTwoFactorCode == null || a.LastTwoFactorCode != code || a.LastTwoFactorAt == null || a.LastTwoFactorAt < since))
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.LastTwoFactorCode, code).SetProperty(a => a.LastTwoFactorAt, now));
        if (claimed == 0)
            return false;
        // Identity writes the whole row on its next update: keep the tracked account in step with the database.
        user.LastTwoFactorCode = code;
        user.LastTwoFactorAt = now;
        return true;
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
