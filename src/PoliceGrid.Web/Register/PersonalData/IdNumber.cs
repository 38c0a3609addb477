using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Register.PersonalData;

/// <summary>
/// A citizen identity number checked against GB 11643-1999: region (GB/T 2260, old codes included), birth date,
/// sequence and MOD 11-2 check. Residence permits of Hong Kong, Macao and Taiwan residents (810000, 820000, 830000) follow
/// the same rule.
/// </summary>
public sealed partial record IdNumber(string Value, DateOnly BirthDate, Sex Sex)
{
    static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const string CheckCharacters = "10X98765432";

    // Every county-level code GB/T 2260 has issued (people keep the number they were born with), and the three codes of
    // residence permits; see gb2260-codes.SOURCES.md.
    static readonly Lazy<FrozenSet<string>> Regions = new(LoadRegions);

    static readonly FrozenSet<string> Provinces = FrozenSet.Create(StringComparer.Ordinal,
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
        "71", "81", "82", "83");

    public static bool TryParse(string? input, DateOnly today, [NotNullWhen(true)] out IdNumber? id, [NotNullWhen(false)] out Text? problem)
    {
        id = null;
        var value = Read(input);
        problem = Check(value, today, out var birthDate);
        if (problem is not null)
            return false;
        var sex = (value[16] - '0') % 2 == 1 ? Sex.Male : Sex.Female;
        id = new IdNumber(value, birthDate, sex);
        return true;
    }

    /// <summary>A typed or pasted number as its 18 characters: spaces, dashes and full-width forms dropped, x upper-cased.</summary>
    public static string Read(string? input) => Separators().Replace(PastedText.Narrow(input ?? ""), "").ToUpperInvariant();

    [GeneratedRegex(@"[\s\-\u2013\u2014]")]
    private static partial Regex Separators();

    static Text? Check(string value, DateOnly today, out DateOnly birthDate)
    {
        birthDate = default;
        if (value.Length == 0)
            return new Text("Register.EnterTheIDNumber");
        if (value.Length != 18)
            return new Text("Register.AnIDNumberHas18Characters", value.Length);
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
                return new Text("Register.Character0OfTheIDNumber", i + 1);
        }
        if (!char.IsAsciiDigit(value[17]) && value[17] != 'X')
            return new Text("Register.TheLastCharacterOfTheID");
        if (!Provinces.Contains(value[..2]) || (value[2..6] == "0000" && value[0] != '8'))
            return new Text("Register.TheFirstSixDigits0Are", value[..6]);
        if (!DateOnly.TryParseExact(value[6..14], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out birthDate))
            return new Text("Register.TheBirthDate0InThe", value[6..14]);
        if (birthDate.Year < 1900 || birthDate > today)
            return new Text("Register.TheBirthDate0InThe2", value[6..14]);
        var expected = CheckCharacter(value);
        if (value[17] != expected)
            // Naming the right character would hand her a number to type without finding the wrong digit.
            return new Text("Register.TheIDNumberDoesNotAddUp");
        // The county is checked last: a typo in the date or check character is the likelier, and more useful, message.
        if (!IsRegion(value[..6]))
            return new Text("Register.TheFirstSixDigits0Are", value[..6]);
        return null;
    }

    /// <summary>A region code that GB/T 2260 ever gave a county (or a residence permit's 810000, 820000, 830000).</summary>
    public static bool IsRegion(string code) => Regions.Value.Contains(code);

    static FrozenSet<string> LoadRegions()
    {
        using var stream = typeof(IdNumber).Assembly.GetManifestResourceStream("register/gb2260-codes.txt")
            ?? throw new InvalidOperationException("The GB/T 2260 region codes are missing from the build.");
        using var reader = new StreamReader(stream);
        var codes = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 6)
                codes.Add(line);
        }
        return codes.ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>The MOD 11-2 check character for the first 17 digits.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
            sum += (first17[i] - '0') * Weights[i];
        return CheckCharacters[sum % 11];
    }

    /// <summary>
    /// The region code and nothing else (<c>410402************</c>), as lists, exports, history and the database show it.
    /// Rows show the birth date and sex beside it, and the check character is computable, so any sequence digit or the
    /// check character shown with them would narrow the number to a handful; with the region alone at least 500 numbers
    /// fit even a known birth date and sex (docs/architecture.md, "Masked numbers").
    /// </summary>
    public static string Mask(string value) => value.Length == 18 ? $"{value[..6]}{new string('*', 12)}" : new string('*', value.Length);
}

public enum Sex
{
    Unknown = 0,
    Male = 1,
    Female = 2,
}
