using PoliceGrid.BrowserTests.Infrastructure;
using PoliceGrid.BrowserTests.Pages;

namespace PoliceGrid.BrowserTests;

[Collection(BrowserSuite.Name)]
public sealed class ImportUnitsTests(ProductServer server, BrowserSession browser)
{
    [Fact]
    public Task AdminImportsAFileWithErrorsAndSeesRowNumbers() => browser.RunAsync(Screen.Desktop, async page =>
    {
        var csv = Path.Combine(Path.GetTempPath(), $"policegrid-bad-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(csv, "code,name,level,parent_code\n4199,测试市,city,\n41x9,坏代码县,county,4199\n419901,某县,province,4199\n");
        try
        {
            await new LoginPage(page, server.BaseUrl).SignInAsync("admin");
            var admin = new UnitAdminPage(page, server.BaseUrl);
            await admin.OpenAsync();

            await admin.ImportAsync(csv);

            Assert.Contains("未导入任何数据", await admin.Result.InnerTextAsync(), StringComparison.Ordinal);
            var problems = await admin.ImportProblems.AllInnerTextsAsync();
            Assert.Contains(problems, p => p.Contains("第3行", StringComparison.Ordinal) && p.Contains("区划代码应为2至12位数字", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.Contains("第4行", StringComparison.Ordinal) && p.Contains("级别应为", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(csv);
        }
    });
}
