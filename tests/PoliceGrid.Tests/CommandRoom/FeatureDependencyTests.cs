using System.Text.RegularExpressions;

namespace PoliceGrid.Tests.CommandRoom;

/// <summary>
/// Dependencies between features point one way (docs/architecture.md, "Direction of dependencies"): the command room
/// reads events and the rota, the rota reads events (it answers their on-duty question), events and units never use the
/// command room or the rota, and Shared uses no feature. A live feed inside one
/// feature made Events → CommandRoom → Events and Units → CommandRoom cycles once; these checks keep them from coming back.
/// </summary>
public sealed partial class FeatureDependencyTests
{
    /// <summary>What Shared may use besides itself: the access model (who may hear a live message), accounts and
    /// the shell's components (the layout), the database settings (which provider the live feed talks to), and the
    /// resources that hold every word.</summary>
    static readonly string[] SharedMayUse = ["Access", "Accounts", "Components", "Data", "Resources"];

    [Theory]
    [InlineData("Events", "CommandRoom")]
    [InlineData("Units", "CommandRoom")]
    [InlineData("Units", "Events")]
    [InlineData("Delivery", "Events")]
    [InlineData("Delivery", "CommandRoom")]
    [InlineData("Delivery", "Register")]
    [InlineData("Events", "Duty")]
    [InlineData("Units", "Duty")]
    [InlineData("Duty", "CommandRoom")]
    [InlineData("Events", "Care")]
    [InlineData("Register", "Care")]
    [InlineData("Delivery", "Care")]
    public void AFeatureDoesNotUseOneThatDependsOnIt(string feature, string forbidden)
    {
        var uses = FilesUsing(feature, forbidden);
        Assert.True(uses.Count == 0, $"{feature} must not use {forbidden}:\n" + string.Join("\n", uses));
    }

    [Fact]
    public void SharedUsesNoFeature()
    {
        var features = Directory.GetDirectories(WebRoot).Select(Path.GetFileName).OfType<string>()
            .Where(name => char.IsUpper(name[0]) && name is not "Shared" and not "Properties" && !SharedMayUse.Contains(name)).ToList();
        Assert.Contains("Events", features);
        var uses = features.SelectMany(feature => FilesUsing("Shared", feature)).ToList();
        Assert.True(uses.Count == 0, "Shared must not use a feature:\n" + string.Join("\n", uses));
    }

    [Fact]
    public void TheRootImportsNameNoFeatureThatWouldReachEveryPage()
    {
        var imports = File.ReadAllLines(Path.Combine(WebRoot, "_Imports.razor"));
        Assert.DoesNotContain(imports, line => line.Trim().StartsWith("@using PoliceGrid.Web.CommandRoom", StringComparison.Ordinal));
    }

    /// <summary>Lines of the folder's .cs and .razor files that name the other namespace, by using or by qualified name.</summary>
    static List<string> FilesUsing(string folder, string other)
    {
        var named = new Regex($@"PoliceGrid\.Web\.{other}\b|(?<![\w.]){other}\.[A-Z]", RegexOptions.CultureInvariant);
        return Directory.EnumerateFiles(Path.Combine(WebRoot, folder), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, line, i)))
            .Where(x => !Comment().IsMatch(x.line) && named.IsMatch(StringLiteral().Replace(x.line, "\"\"")))
            .Select(x => $"{Path.GetRelativePath(WebRoot, x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
    }

    [GeneratedRegex(@"^\s*(//|@\*)")]
    private static partial Regex Comment();

    // A resource key such as "Shell.Map" names a word, not a namespace.
    [GeneratedRegex(@"""(?:[^""\\]|\\.)*""")]
    private static partial Regex StringLiteral();

    static string WebRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "PoliceGrid.slnx")))
                    return Path.Combine(dir.FullName, "src", "PoliceGrid.Web");
            throw new DirectoryNotFoundException("PoliceGrid.slnx not found above " + AppContext.BaseDirectory);
        }
    }
}
