using System.Globalization;
using System.Resources;
using System.Text.Json;

namespace PoliceGrid.Web.Shared;

/// <summary>
/// The product's words: Resources/Words.resx (Chinese, the neutral language) and Words.en.resx, read by key.
/// Pages read them through <see cref="Lang"/> (the platform's string localizer); messages rendered in a named
/// language (problem details carry both) read the same resources here.
/// </summary>
public static class Words
{
    public const string BaseName = "PoliceGrid.Web.Resources.Words";

    public static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-Hans");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public static readonly ResourceManager Resources = new(BaseName, typeof(Words).Assembly);

    public static bool IsEnglish(CultureInfo culture) => culture.TwoLetterISOLanguageName == "en";

    /// <summary>The text of a key in a language; a missing key shows as itself (a test keeps that from shipping).</summary>
    public static string Get(string key, CultureInfo culture) => Resources.GetString(key, culture) ?? key;

    public static string Format(string key, CultureInfo culture, IReadOnlyList<object?> args)
    {
        var pattern = Get(key, culture);
        return args.Count == 0 ? pattern : string.Format(culture, pattern, Render(args, culture));
    }

    public static object?[] Render(IReadOnlyList<object?> args, CultureInfo culture) => [.. args.Select(a => a switch
    {
        Text text => text.In(culture),
        Enum value => Label(value).In(culture),
        ValueTuple<string, string> pair => IsEnglish(culture) ? pair.Item2 : pair.Item1,
        _ => a,
    })];

    /// <summary>The label of any enum value: key "Type.Value", e.g. EventStatus.Accepted.</summary>
    public static Text Label(Enum value) => new($"{value.GetType().Name}.{value}");

    /// <summary>An enum value's label in both languages (key "Type.Value"), for code that passes the pair around.</summary>
    public static (string Zh, string En) PairOf(Enum value)
    {
        var text = Label(value);
        return (text.Zh, text.En);
    }

    /// <summary>A label in both languages, for code that still passes the pair around.</summary>
    public static (string Zh, string En) Pair(string key, params object?[] args)
    {
        var text = new Text(key, args);
        return (text.Zh, text.En);
    }

    /// <summary>A key's Chinese, for code that takes the two languages as two arguments.</summary>
    public static string Zh(string key, params object?[] args) => Format(key, Chinese, args);

    /// <summary>A key's English, for code that takes the two languages as two arguments.</summary>
    public static string En(string key, params object?[] args) => Format(key, English, args);

    /// <summary>The label of an audit action code (codes are stored as written; rows are hash-chained).</summary>
    public static Text AuditAction(string code) =>
        Resources.GetString("AuditAction." + code, CultureInfo.InvariantCulture) is null ? Text.Literal(code) : new Text("AuditAction." + code);

    /// <summary>A message kept in a column: its key and arguments as JSON, so each reader sees it in her language.</summary>
    public static string Store(Text text) =>
        text.IsLiteral ? text.Zh : JsonSerializer.Serialize(new StoredText(text.Key, [.. text.Args.Select(a => a switch
        {
            null => "",
            Text { IsLiteral: false, Args.Count: 0 } t => "@" + t.Key,
            Text t => t.IsLiteral ? t.Zh : throw new ArgumentException("Store a key without arguments, or data, as an argument"),
            Enum e => "@" + Label(e).Key,
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => a.ToString() ?? "",
        })]));

    /// <summary>
    /// Reads what <see cref="Store"/> wrote. A plain string is shown as it is; with <paramref name="pairs"/>, one
    /// written before keys as "中文 / English" shows the reader's half.
    /// </summary>
    public static Text Stored(string? stored, bool pairs = false)
    {
        if (string.IsNullOrEmpty(stored))
            return Text.Literal("");
        if (stored.StartsWith("{\"Key\":", StringComparison.Ordinal))
        {
            try
            {
                var s = JsonSerializer.Deserialize<StoredText>(stored);
                if (s is not null)
                    return new Text(s.Key, [.. s.Args.Select(a => (object?)ArgumentOf(a))]);
            }
            catch (JsonException)
            {
            }
        }
        return pairs ? Text.StoredPair(stored) : Text.Literal(stored);
    }

    // An argument that is itself a key (an enum label, another message) is stored as "@Key".
    static object ArgumentOf(string a) => a.StartsWith('@') ? new Text(a[1..]) : a;

    sealed record StoredText(string Key, string[] Args);
}
