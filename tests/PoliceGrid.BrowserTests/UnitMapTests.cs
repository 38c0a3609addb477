using PoliceGrid.BrowserTests.Infrastructure;
using PoliceGrid.BrowserTests.Pages;

namespace PoliceGrid.BrowserTests;

[Collection(BrowserSuite.Name)]
public sealed class UnitMapTests(ProductServer server, BrowserSession browser)
{
    [Fact]
    public Task GridWorkerSignsInOnAPhoneAndOpensHerGridOnTheMap() => browser.RunAsync(Screen.Phone, async page =>
    {
        var grid = await server.UnitOfAsync("gridworker1");
        var login = new LoginPage(page, server.BaseUrl);
        var map = new MapPage(page, server.BaseUrl);

        await login.SignInAsync("gridworker1");
        await login.MyMapTile.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains($"/map?unit={grid.Id}", StringComparison.Ordinal));
        await map.Outlines.First.WaitForAsync();

        Assert.Contains(grid.Name, await map.UnitName.InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await map.Outlines.CountAsync() >= 1);
        Assert.True(await map.BottomNavigation.IsVisibleAsync());
        var nav = await map.BottomNavigation.BoundingBoxAsync();
        Assert.NotNull(nav);
        Assert.True(nav.Y + nav.Height >= 844 - 1, $"the navigation should sit at the bottom of a phone screen, not at y={nav.Y}");
        await BrowserSession.SaveScreenshotAsync(page, "GridWorkerMapOnPhone");
    });
}
