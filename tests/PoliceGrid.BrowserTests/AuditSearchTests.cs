using PoliceGrid.BrowserTests.Infrastructure;
using PoliceGrid.BrowserTests.Pages;

namespace PoliceGrid.BrowserTests;

[Collection(BrowserSuite.Name)]
public sealed class AuditSearchTests(ProductServer server, BrowserSession browser)
{
    [Fact]
    public async Task AuditorSearchesTheTrailAndVerifiesTheChain()
    {
        // Arrange: gridworker1 has signed in at least once, in her own browser.
        await browser.RunAsync(Screen.Phone, page => new LoginPage(page, server.BaseUrl).SignInAsync("gridworker1"));

        await browser.RunAsync(Screen.Desktop, async page =>
        {
            await new LoginPage(page, server.BaseUrl).SignInAsync("auditor");
            var audit = new AuditPage(page, server.BaseUrl);
            await audit.OpenAsync();

            await audit.SearchByUserAsync("gridworker1");
            // The action shows by its label in the reader's language: 登录 on the Chinese page.
            var login = audit.Rows.Filter(new() { HasText = "登录" });
            Assert.True(await login.CountAsync() >= 1);
            Assert.Contains("gridworker1", await login.First.InnerTextAsync(), StringComparison.Ordinal);

            await audit.VerifyChainAsync();
            Assert.Contains("审计链完整", await audit.VerifyResult.InnerTextAsync(), StringComparison.Ordinal);
        });
    }
}
