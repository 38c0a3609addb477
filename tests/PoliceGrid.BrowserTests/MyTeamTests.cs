using PoliceGrid.BrowserTests.Infrastructure;
using PoliceGrid.BrowserTests.Pages;

namespace PoliceGrid.BrowserTests;

[Collection(BrowserSuite.Name)]
public sealed class MyTeamTests(ProductServer server, BrowserSession browser)
{
    [Fact]
    public Task AGridWorkerOnAPhoneSeesHerTeamAndCanTapToCallHerOfficer() => browser.RunAsync(Screen.Phone, async page =>
    {
        await new LoginPage(page, server.BaseUrl).SignInAsync("gridworker1");
        var home = new MyTeamSection(page, server.BaseUrl);
        await home.OpenAsync();

        await Assertions.Expect(home.Team).ToContainTextAsync("一警三员");
        await Assertions.Expect(home.Member("李警官")).ToContainTextAsync("队长");
        var call = home.CallButton("李警官");
        await call.ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(call).ToBeVisibleAsync();
        await Assertions.Expect(call).ToHaveAttributeAsync("href", "tel:13800000007");
        await Assertions.Expect(home.CallButton("周辅警")).ToHaveAttributeAsync("href", "tel:13800000008");
        // The button fits a 390 px screen: nothing of it lies beyond the right edge, and a thumb can hit it.
        var box = await call.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"call button at x={box.X}, width={box.Width}");
        Assert.True(box.Height >= 40, $"call button {box.Height} px high");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");
        await BrowserSession.SaveScreenshotAsync(page, "MyTeamOnAPhone");
    });
}
