using PoliceGrid.BrowserTests.Infrastructure;
using PoliceGrid.BrowserTests.Pages;

namespace PoliceGrid.BrowserTests;

[Collection(BrowserSuite.Name)]
public sealed class UnitDetailsTests(ProductServer server, BrowserSession browser)
{
    [Fact]
    public Task GridWorkerCannotOpenAnotherGrid() => browser.RunAsync(Screen.Phone, async page =>
    {
        var own = await server.UnitOfAsync("gridworker1");
        var other = await server.UnitOfAsync("gridworker2");
        Assert.NotEqual(own.Id, other.Id);
        await new LoginPage(page, server.BaseUrl).SignInAsync("gridworker1");
        var unit = new UnitPage(page, server.BaseUrl);

        var response = await unit.OpenAsync(other.Id);

        Assert.Equal(404, response?.Status);
        Assert.True(await unit.NotFound.IsVisibleAsync());
        Assert.DoesNotContain(other.Name, await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        await unit.OpenAsync(own.Id);
        Assert.Equal(own.Name, await unit.UnitName.InnerTextAsync());
    });
}
