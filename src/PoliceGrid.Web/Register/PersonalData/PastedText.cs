using System.Text;

namespace PoliceGrid.Web.Register.PersonalData;

/// <summary>
/// What people paste from a chat, a scanned card or a Chinese keyboard: full-width digits and signs, ideographic and
/// no-break spaces. Numbers are read forgivingly, so these become their plain ASCII forms before any check.
/// </summary>
public static class PastedText
{
    /// <summary>Full-width digits and signs (０–９, ＡＢ, ＋, －, （）, ．) as their ASCII forms, the ideographic space as a space.</summary>
    public static string Narrow(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
            builder.Append(c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c == '\u3000' ? ' ' : c);
        return builder.ToString();
    }
}
