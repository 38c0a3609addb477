using System.Globalization;

namespace PoliceGrid.Web.Shared;

/// <summary>
/// A message of the product: a resource key and its arguments, rendered in the reader's language when it is shown.
/// Arguments that are themselves a <see cref="Text"/> or an enum value are rendered in the same language.
/// </summary>
public sealed class Text
{
    readonly object?[] args;
    readonly string? literal;

    public Text(string key, params object?[] args)
    {
        Key = key;
        this.args = args;
    }

    readonly bool halves;

    Text(string literal, bool halves)
    {
        Key = "";
        args = [];
        this.literal = literal;
        this.halves = halves;
    }

    string? pairEn;


    public string Key { get; }

    public IReadOnlyList<object?> Args => args;

    /// <summary>Words that are data (a name, a note someone wrote): shown as they are in every language.</summary>
    public static Text Literal(string text) => new(text, false);

    /// <summary>A name kept as data in both languages (an event category's Chinese and English names).</summary>
    public static Text Data(string zh, string en) => new(zh, false) { pairEn = en };

    /// <summary>A fact stored before keys as "中文 / English": each reader sees her half.</summary>
    public static Text StoredPair(string text) => new(text, true);

    public bool IsLiteral => literal is not null;

    public string In(CultureInfo culture) =>
        literal is null ? Words.Format(Key, culture, args) : PairIn(culture) ?? (halves ? HalfIn(literal, culture) : literal);

    string? PairIn(CultureInfo culture) => pairEn is null ? null : Words.IsEnglish(culture) ? pairEn : literal;

    public string In(bool english) => In(english ? Words.English : Words.Chinese);

    public string Zh => In(Words.Chinese);

    public string En => In(Words.English);

    public override string ToString() => Zh == En ? Zh : $"{Zh} / {En}";

    // Rows stored before keys hold "中文 / English": show the reader's half.
    static string HalfIn(string text, CultureInfo culture)
    {
        var parts = text.Split(" / ");
        return parts.Length == 2 ? (Words.IsEnglish(culture) ? parts[1] : parts[0]) : text;
    }
}
