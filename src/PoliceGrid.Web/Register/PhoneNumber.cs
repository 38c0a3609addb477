using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Register;

/// <summary>A mainland mobile (1[3-9] + 9 digits) or fixed-line number (area code 0xx/0xxx + 7–8 digits), kept as digits only.</summary>
public static partial class PhoneNumber
{
    public static bool TryParse(string? input, [NotNullWhen(true)] out string? phone, [NotNullWhen(false)] out Text? problem)
    {
        phone = null;
        var value = Separators().Replace((input ?? "").Trim(), "");
        if (value.StartsWith("+86", StringComparison.Ordinal))
            value = value[3..];
        if (value.Length == 0)
        {
            problem = new Text("请填写电话号码", "Enter the phone number");
            return false;
        }
        if (!value.All(char.IsAsciiDigit))
        {
            problem = new Text("电话号码只能包含数字（可用空格或短横线分隔）", "A phone number may hold only digits (spaces or hyphens between them are fine)");
            return false;
        }
        if (value[0] == '1' ? !Mobile().IsMatch(value) : !FixedLine().IsMatch(value))
        {
            problem = value[0] == '1'
                ? new Text($"手机号应为以13–19开头的11位数字，现为{value.Length}位", $"A mobile number has 11 digits starting 13–19; this one has {value.Length}")
                : new Text("座机号应为区号（0开头3–4位）加7–8位号码", "A fixed-line number is an area code (3–4 digits starting with 0) and 7–8 digits");
            return false;
        }
        phone = value;
        problem = null;
        return true;
    }

    public static string Mask(string value) => value.Length > 7 ? $"{value[..3]}{new string('*', value.Length - 7)}{value[^4..]}" : new string('*', value.Length);

    [GeneratedRegex(@"[\s\-()（）]")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"^0\d{2,3}[1-9]\d{6,7}$")]
    private static partial Regex FixedLine();
}
