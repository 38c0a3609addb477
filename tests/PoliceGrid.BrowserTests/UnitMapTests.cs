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

    [Fact]
    public Task AUnitNameWithMarkupShowsAsTextOnTheMapAndRunsNothing() => browser.RunAsync(Screen.Desktop, async page =>
    {
        const string markup = "<img src=x onerror=\"window.policeGridInjected=1\">第1网格";
        var grid = await server.UnitOfAsync("gridworker1");
        var dialogs = 0;
        page.Dialog += (_, dialog) =>
        {
            dialogs++;
            _ = dialog.DismissAsync();
        };
        await server.RenameUnitAsync(grid.Id, markup);
        try
        {
            var login = new LoginPage(page, server.BaseUrl);
            var map = new MapPage(page, server.BaseUrl);
            await login.SignInAsync("gridworker1");
            await map.OpenAsync(grid.Id);
            await map.Outlines.First.WaitForAsync();

            // Leaflet opens a sticky tooltip on mouseover; every outline of the page gets one.
            var tooltips = new List<string>();
            for (var i = 0; i < await map.Outlines.CountAsync(); i++)
            {
                await map.Outlines.Nth(i).DispatchEventAsync("mouseover");
                tooltips.AddRange(await page.Locator(".leaflet-tooltip").AllInnerTextsAsync());
                await map.Outlines.Nth(i).DispatchEventAsync("mouseout");
            }

            Assert.Contains(tooltips, t => t.Contains(markup, StringComparison.Ordinal));
            Assert.Equal(0, await page.Locator("#unit-map img[src='x'], .leaflet-tooltip img").CountAsync());
            Assert.False(await page.EvaluateAsync<bool>("() => window.policeGridInjected === 1"), "the unit name ran as script");
            Assert.Equal(0, dialogs);
            Assert.Contains(markup, await map.UnitName.InnerTextAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await server.RenameUnitAsync(grid.Id, grid.Name);
        }
    });
}
