using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Tests.Shell;

/// <summary>The product's words: resources in both languages, one English name per Chinese term, no Chinese in code.</summary>
public partial class WordsTests
{
    static readonly string Repo = FindRepo();
    static readonly string Web = Path.Combine(Repo, "src", "PoliceGrid.Web");
    static readonly string Resources = Path.Combine(Web, "Resources");

    static string FindRepo()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PoliceGrid.slnx")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("PoliceGrid.slnx not found above the test folder");
    }

    static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(Resources, file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    static Dictionary<string, string> Glossary() =>
        File.ReadAllLines(Path.Combine(Resources, "glossary.tsv")).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t')).ToLookup(p => p[0], p => p[1])
            .ToDictionary(g => g.Key, g => g.Count() == 1 ? g.Single() : throw new InvalidOperationException($"{g.Key} is listed {g.Count()} times"));

    [Fact]
    public void TheSatelliteAssemblyGivesEnglishAndTheNeutralResourcesGiveChinese()
    {
        Assert.Equal("English", Words.Get("Shell.Language", Words.English));
        Assert.Equal("中文", Words.Get("Shell.Language", Words.Chinese));
        // The request culture is zh-CN; it falls back to the neutral (zh-Hans) resources.
        Assert.Equal("中文", Words.Get("Shell.Language", CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Equal("English", Words.Get("Shell.Language", CultureInfo.GetCultureInfo("en-GB")));
    }

    [Fact]
    public void LangReadsThroughThePlatformLocalizerInTheRequestLanguage()
    {
        var services = new ServiceCollection().AddLogging().AddLocalization(o => o.ResourcesPath = "Resources").AddScoped<Lang>().BuildServiceProvider();
        var lang = services.GetRequiredService<Lang>();
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            Assert.Equal("English", lang["Shell.Language"]);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
            Assert.Equal("中文", lang["Shell.Language"]);
            Assert.False(services.GetRequiredService<IStringLocalizerFactory>().Create("Words", "PoliceGrid.Web")["Shell.Language"].ResourceNotFound);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void AStoredMessageKeepsItsKeyAndArgumentsAndAPlainStringShowsAsItIs()
    {
        var stored = Words.Store(new Text("Shell.Language", 3, new Text("Shell.Language")));
        var text = Words.Stored(stored);
        Assert.Equal("Shell.Language", text.Key);
        Assert.Equal(["3", "Shell.Language"], text.Args.Select(a => a is Text t ? t.Key : a?.ToString()));
        Assert.Equal("警务类→社区民警", Words.Stored("警务类→社区民警 / police work → community officer", pairs: true).Zh);
        Assert.Equal("police work → community officer", Words.Stored("警务类→社区民警 / police work → community officer", pairs: true).En);
        Assert.Equal("a note", Words.Stored("a note").En);
        Assert.Equal("a / b", Words.Stored("a / b").En);
    }

    [Fact]
    public void EveryKeyHasTextInBothLanguages()
    {
        var zh = Read("Words.resx");
        var en = Read("Words.en.resx");
        Assert.Empty(zh.Keys.Except(en.Keys));
        Assert.Empty(en.Keys.Except(zh.Keys));
        Assert.Empty(zh.Where(p => string.IsNullOrWhiteSpace(p.Value)).Select(p => p.Key));
        Assert.Empty(en.Where(p => string.IsNullOrWhiteSpace(p.Value)).Select(p => p.Key));
        // Placeholders agree: a {0} in one language and not the other would drop or break a value.
        Assert.Empty(zh.Where(p => !Placeholders(p.Value).SetEquals(Placeholders(en[p.Key]))).Select(p => p.Key));
    }

    static HashSet<string> Placeholders(string text) => [.. PlaceholderPattern().Matches(text).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"(?<!\{)\{(\d+)")]
    private static partial Regex PlaceholderPattern();

    /// <summary>An enum with a label for one of its values (key "Type.Value") has one for each, so no value shows as its code name.</summary>
    [Fact]
    public void EveryValueOfALabelledEnumHasItsWords()
    {
        var chinese = Read("Words.resx");
        var labelled = typeof(Words).Assembly.GetTypes().Where(t => t.IsEnum)
            .Where(t => Enum.GetNames(t).Any(name => chinese.ContainsKey($"{t.Name}.{name}"))).ToList();

        Assert.Contains(typeof(PoliceGrid.Web.Events.EventStatus), labelled);
        Assert.Contains(typeof(PoliceGrid.Web.Accounts.Role), labelled);
        var missing = labelled.SelectMany(t => Enum.GetValues(t).Cast<Enum>())
            .Where(v => Words.Label(v).In(Words.Chinese) == Words.Label(v).Key || Words.Label(v).In(Words.English) == Words.Label(v).Key)
            .Select(v => $"{v.GetType().Name}.{v}").ToList();
        Assert.True(missing.Count == 0, "no words for: " + string.Join(", ", missing));
    }

    [Fact]
    public void EnglishTextUsesAsciiPunctuation()
    {
        Assert.Empty(Read("Words.en.resx").Where(p => FullWidth().IsMatch(p.Value)).Select(p => $"{p.Key}: {p.Value}"));
    }

    [GeneratedRegex("[（），：；。！？]")]
    private static partial Regex FullWidth();

    [Fact]
    public void EachChineseTermHasOneEnglishName()
    {
        var glossary = Glossary();
        var zh = Read("Words.resx");
        var en = Read("Words.en.resx");
        var wrong = zh.Where(p => glossary.TryGetValue(p.Value, out var name) && !string.Equals(en[p.Key], name, StringComparison.OrdinalIgnoreCase))
            .Select(p => $"{p.Key}: {p.Value} is \"{glossary[p.Value]}\", not \"{en[p.Key]}\"");
        Assert.Empty(wrong);
        // And outside the glossary too: the same Chinese text is never shown in English two ways.
        var twice = zh.GroupBy(p => p.Value).Where(g => g.Select(p => en[p.Key].ToLowerInvariant()).Distinct().Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(" | ", g.Select(p => en[p.Key]).Distinct())}");
        Assert.Empty(twice);
    }

    /// <summary>Files whose Chinese is data, not words of the product; each with why. Keep this list short.</summary>
    static readonly Dictionary<string, string> ChineseAllowed = new()
    {
        ["Data/DemoSeed.cs"] = "demo accounts: names of people",
        ["Events/DemoEvents.cs"] = "demo events, as people wrote them",
        ["Disputes/DisputesDemo.cs"] = "demo mediators and disputes: names of people and what they wrote",
        ["Register/RegisterDemo.cs"] = "demo residents, roads and organisations: names of people and places",
        ["Events/EventDefaults.cs"] = "seed data: department names and the 2026 holiday names, stored as data",
        ["Register/Bulk/LedgerColumns.cs"] = "the headers and values an imported ledger may use (input, not shown text)",
        ["Staff/StaffLedger.cs"] = "the headers, roles and employment words a staff ledger may use (input, not shown text)",
        ["Register/Records/StandardAddress.cs"] = "the grammar of a Chinese address (号, 栋, 单元, 室)",
        ["Events/Open311/PublicAddress.cs"] = "road-name endings read from a public address",
        ["Units/UnitLayout.cs"] = "names of generated units (派出所, 警务区…) from GB/T 2260 place names",
        ["Register/Bulk/ExportRegister.cs"] = "the exported ledger is the ministry's Chinese form",
        ["Register/Bulk/RegisterBulkApi.cs"] = "the rejected-rows file keeps the ledger's Chinese headers, so it imports again",
        ["Accounts/PasswordRules.cs"] = "a word refused in passwords",
        ["Accounts/AccountOptions.cs"] = "setting checks read by the operator at start, before the reader's language is known: both languages in one line",
        ["Data/DatabaseOptions.cs"] = "setting checks read by the operator at start, before the reader's language is known: both languages in one line",
        ["Delivery/DeliveryOptions.cs"] = "setting checks read by the operator at start, before the reader's language is known: both languages in one line",
        ["Events/EventsOptions.cs"] = "setting checks read by the operator at start, before the reader's language is known: both languages in one line",
        ["Events/Open311/Open311Options.cs"] = "setting checks read by the operator at start, before the reader's language is known: both languages in one line",
        ["Register/RegisterOptions.cs"] = "setting checks read by the operator at start, before the reader's language is known: both languages in one line",
        ["Duty/DutyOptions.cs"] = "setting checks read by the operator at start, before the reader's language is known: both languages in one line",
        ["Care/CareOptions.cs"] = "setting checks read by the operator at start, before the reader's language is known: both languages in one line",
        ["Units/UnitsOptions.cs"] = "setting checks read by the operator at start, before the reader's language is known: both languages in one line",
    };

    [GeneratedRegex(@"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")]
    private static partial Regex Chinese();

    [GeneratedRegex(@"/\*.*?\*/|@\*.*?\*@", RegexOptions.Singleline)]
    private static partial Regex BlockComment();

    [GeneratedRegex(@"'(?:[^'\\\n]|\\.)'")]
    private static partial Regex CharLiteral();

    static IEnumerable<string> CodeFiles() =>
        Directory.EnumerateFiles(Web, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => !Relative(f).StartsWith("bin/", StringComparison.Ordinal) && !Relative(f).StartsWith("obj/", StringComparison.Ordinal)
                && !Relative(f).StartsWith("Data/Migrations/", StringComparison.Ordinal));

    static string Relative(string file) => Path.GetRelativePath(Web, file).Replace(Path.DirectorySeparatorChar, '/');

    static string WithoutComments(string line)
    {
        var quotes = 0;
        for (var i = 0; i + 1 < line.Length; i++)
        {
            if (line[i] == '"')
                quotes++;
            else if (line[i] == '/' && line[i + 1] == '/' && quotes % 2 == 0 && (i == 0 || line[i - 1] != ':'))
                return line[..i];
        }
        return line;
    }

    [Fact]
    public void NoChineseTextInCodeOutsideTheResources()
    {
        Assert.All(ChineseAllowed.Keys, file => Assert.True(File.Exists(Path.Combine(Web, file)), $"{file} is allowed Chinese but no longer exists"));
        var found = new List<string>();
        foreach (var file in CodeFiles().Where(f => !ChineseAllowed.ContainsKey(Relative(f))))
        {
            var text = BlockComment().Replace(File.ReadAllText(file), m => new string('\n', m.Value.Count(c => c == '\n')));
            var lines = text.Split('\n');
            for (var n = 0; n < lines.Length; n++)
            {
                var line = CharLiteral().Replace(WithoutComments(lines[n]), "''");
                if (Chinese().IsMatch(line))
                    found.Add($"{Relative(file)}:{n + 1}: {line.Trim()}");
            }
        }
        Assert.Empty(found);
    }

    [GeneratedRegex(@"(?:\bL\[|\bnew (?:Shared\.)?Text\(|\bnew\(|\bWords\.(?:Zh|En|Pair|Get)\()\s*""([A-Z][A-Za-z0-9]*(?:\.[A-Za-z0-9\-]+)+)""")]
    private static partial Regex KeyInCode();

    [Fact]
    public void EveryKeyUsedInCodeIsInTheResources()
    {
        var zh = Read("Words.resx");
        var missing = CodeFiles().SelectMany(f => KeyInCode().Matches(File.ReadAllText(f)).Select(m => (File: Relative(f), Key: m.Groups[1].Value)))
            .Where(k => !zh.ContainsKey(k.Key)).Select(k => $"{k.File}: {k.Key}").Distinct();
        Assert.Empty(missing);
    }
}
