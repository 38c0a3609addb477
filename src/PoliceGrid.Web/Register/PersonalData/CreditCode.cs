using System.Diagnostics.CodeAnalysis;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Register.PersonalData;

/// <summary>A unified social credit code (统一社会信用代码) checked against GB 32100-2015.</summary>
public static class CreditCode
{
    // The 31 characters of the code; I, O, Z, S and V are never used. A character's value is its index.
    const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public static bool TryParse(string? input, [NotNullWhen(true)] out string? code, [NotNullWhen(false)] out Text? problem)
    {
        code = (input ?? "").Trim().ToUpperInvariant();
        problem = Check(code);
        if (problem is null)
            return true;
        code = null;
        return false;
    }

    static Text? Check(string value)
    {
        if (value.Length == 0)
            return new Text("Register.EnterTheUnifiedSocialCreditCode");
        if (value.Length != 18)
            return new Text("Register.AUnifiedSocialCreditCodeHas", value.Length);
        for (var i = 0; i < 18; i++)
        {
            if (Alphabet.IndexOf(value[i], StringComparison.Ordinal) < 0)
                return new Text("Register.Character01IsNotAllowed", i + 1, value[i]);
        }
        for (var i = 2; i < 8; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
                return new Text("Register.Characters3To8OfA");
        }
        var expected = CheckCharacter(value);
        if (value[17] != expected)
            return new Text("Register.TheCodesCheckCharacterShouldBe", expected, value[17]);
        return null;
    }

    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
            sum += Alphabet.IndexOf(first17[i]) * Weights[i];
        return Alphabet[(31 - sum % 31) % 31];
    }
}
