using System.Text.RegularExpressions;
using PoliceGrid.Tests.Register;
using PoliceGrid.Web.Shared;
using static PoliceGrid.Tests.Register.RegisterApps;

namespace PoliceGrid.Tests.Audit;

/// <summary>Audit actions are stored as codes (the rows are hash-chained) and shown by their label.</summary>
[Collection(RegisterData.Name)]
public partial class AuditWordsTests(RegisterApps apps)
{
    [Theory]
    [MemberData(nameof(Providers), MemberType = typeof(RegisterApps))]
    public async Task AnAuditActionShowsItsChineseLabelOnTheChineseAuditPage(string provider)
    {
        var app = apps.For(provider);
        await app.SignInAsync("gridworker1");
        var auditor = await app.SignInAsync("auditor");

        var page = await auditor.GetStringAsync("/audit?action=login");

        Assert.Contains("title=\"login\">登录</td>", page, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"audit\.(?:WriteAsync|Add)\(\s*(?:[^""\n,]*\?\s*)?""([a-z][\w.\-]*)""(?:\s*:\s*""([a-z][\w.\-]*)"")?")]
    private static partial Regex ActionCode();

    [Fact]
    public void EveryAuditActionCodeInTheCodeHasALabel()
    {
        var web = Path.Combine(FindRepo(), "src", "PoliceGrid.Web");
        var codes = Directory.EnumerateFiles(web, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => ActionCode().Matches(File.ReadAllText(f)))
            .SelectMany(m => new[] { m.Groups[1].Value, m.Groups[2].Value }).Where(c => c.Length > 0 && !c.EndsWith('-')).Distinct();
        Assert.DoesNotContain(codes, c => Words.AuditAction(c).IsLiteral);
        foreach (var code in new[] { "login", "event-dispatch", "register.export.approve", "residence-check.confirm", "directive-answer" })
            Assert.False(Words.AuditAction(code).IsLiteral, code);
    }

    static string FindRepo()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PoliceGrid.slnx")))
            dir = dir.Parent;
        return dir!.FullName;
    }
}
