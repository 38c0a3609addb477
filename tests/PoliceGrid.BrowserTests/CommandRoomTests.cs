using PoliceGrid.BrowserTests.Infrastructure;
using PoliceGrid.BrowserTests.Pages;

namespace PoliceGrid.BrowserTests;

[Collection(BrowserSuite.Name)]
public sealed class CommandRoomTests(ProductServer server, BrowserSession browser)
{
    [Fact]
    public async Task AHazardReportedOnAPhoneAppearsOnTheDispatchersBoardWithoutAReload()
    {
        await using var desk = await browser.NewContextAsync(Screen.Desktop);
        await using var phone = await browser.NewContextAsync(Screen.Phone);
        desk.SetDefaultTimeout(15_000);
        phone.SetDefaultTimeout(15_000);
        var dispatcherPage = await desk.NewPageAsync();
        var workerPage = await phone.NewPageAsync();
        var title = "消防通道堵塞 " + Guid.NewGuid().ToString("N")[..6];
        try
        {
            await new LoginPage(dispatcherPage, server.BaseUrl).SignInAsync("dispatcher");
            var board = new BoardPage(dispatcherPage, server.BaseUrl);
            await board.OpenAsync();
            await dispatcherPage.EvaluateAsync("() => { window.__sameDocument = true; }");
            Assert.Equal(0, await board.NewEvent(title).CountAsync());

            await new LoginPage(workerPage, server.BaseUrl).SignInAsync("gridworker1");
            await workerPage.Locator("[data-test=report-tile]").ClickAsync();
            var report = new ReportEventPage(workerPage, server.BaseUrl);
            await report.ReportAsync("05.01", title, "楼道堆放纸箱和电动车。");
            var width = await workerPage.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(width <= 390, $"the event page is {width}px wide on a 390px phone");

            await board.NewEvent(title).WaitForAsync(new() { Timeout = 5_000 });
            Assert.True(await dispatcherPage.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the board was reloaded");
            await BrowserSession.SaveScreenshotAsync(dispatcherPage, "BoardAfterLiveUpdate");
            await BrowserSession.SaveScreenshotAsync(workerPage, "ReportedOnPhone");
        }
        catch
        {
            await BrowserSession.SaveScreenshotAsync(dispatcherPage, "BoardLiveUpdate-dispatcher");
            await BrowserSession.SaveScreenshotAsync(workerPage, "BoardLiveUpdate-worker");
            throw;
        }
    }

    [Fact]
    public Task TheReportFormFitsAPhoneScreen() => browser.RunAsync(Screen.Phone, async page =>
    {
        await new LoginPage(page, server.BaseUrl).SignInAsync("gridworker1");
        await new ReportEventPage(page, server.BaseUrl).OpenAsync();

        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the report form is {width}px wide on a 390px phone");
        Assert.True(await page.Locator("[data-test=report-form] button[type=submit]").IsVisibleAsync());
    });
}
