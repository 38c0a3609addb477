using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Register.PersonalData;

/// <summary>
/// A mainland mobile (1[3-9] + 9 digits) or fixed-line number, kept as digits only. People write them with 0086, +86 or
/// 86 in front, full-width digits, spaces, dots, dashes or brackets; all of that is normalised away. A landline's area
/// code is 010 or 02x (three digits, 8-digit numbers) or another 0xxx (four digits, 7–8-digit numbers).
/// </summary>
public static partial class PhoneNumber
{
    public static bool TryParse(string? input, [NotNullWhen(true)] out string? phone, [NotNullWhen(false)] out Text? problem)
    {
        phone = null;
        var value = Separators().Replace(PastedText.Narrow((input ?? "").Trim()), "");
        if (value.StartsWith('+'))
            value = value.StartsWith("+86", StringComparison.Ordinal) ? WithoutCountryCode(value[3..]) : value;
        else if (value.StartsWith("0086", StringComparison.Ordinal))
            value = WithoutCountryCode(value[4..]);
        else if (value.StartsWith("86", StringComparison.Ordinal) && value.Length >= 12)
            value = WithoutCountryCode(value[2..]);
        if (value.Length == 0)
        {
            problem = new Text("Register.EnterThePhoneNumber");
            return false;
        }
        if (!value.All(char.IsAsciiDigit))
        {
            problem = new Text("Register.APhoneNumberMayHoldOnly");
            return false;
        }
        if (value[0] == '1' ? !Mobile().IsMatch(value) : !IsFixedLine(value))
        {
            problem = value[0] == '1'
                ? new Text("Register.AMobileNumberHas11Digits", value.Length)
                : new Text("Register.AFixedLineNumberIsAn");
            return false;
        }
        phone = value;
        problem = null;
        return true;
    }

    /// <summary>The area code of a fixed-line number (010, 02x: three digits; any other: four), or null for a mobile.</summary>
    public static string? AreaCode(string phone) =>
        phone.Length < 4 || phone[0] != '0' ? null : phone[1] is '1' or '2' ? phone[..3] : phone[..4];

    /// <summary>A mobile keeps its first three and last four digits; a landline its whole area code and last four.</summary>
    public static string Mask(string value)
    {
        var kept = AreaCode(value)?.Length ?? 3;
        return value.Length >= kept + 4 + 3 ? $"{value[..kept]}{new string('*', value.Length - kept - 4)}{value[^4..]}" : new string('*', value.Length);
    }

    static bool IsFixedLine(string value) => AreaCode(value) is { } area && value[area.Length..] is var local
        && local.Length is >= 7 and <= 8 && (area.Length == 4 || local.Length == 8) && local[0] is >= '2' and <= '9';

    /// <summary>After the country code a landline drops its leading 0 (+86 10 …); put it back.</summary>
    static string WithoutCountryCode(string national) =>
        national.Length > 0 && national[0] != '0' && !Mobile().IsMatch(national) && national.All(char.IsAsciiDigit) ? "0" + national : national;


    [GeneratedRegex(@"[\s\-.()\u2013\u2014]")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex Mobile();
}
