using PoliceGrid.BrowserTests.Infrastructure;
using PoliceGrid.BrowserTests.Pages;

namespace PoliceGrid.BrowserTests;

[Collection(BrowserSuite.Name)]
public sealed class CommandRoomTests(ProductServer server, BrowserSession browser)
{
    /// <summary>A dispatcher's desk and a grid worker's phone, each its own session, waiting longer than usual for the live feed.</summary>
    async Task<IBrowserContext> ContextAsync(Screen screen)
    {
        var context = await browser.NewContextAsync(screen);
        context.SetDefaultTimeout(15_000);
        return context;
    }

    [Fact]
    public async Task AHazardReportedOnAPhoneAppearsOnTheDispatchersBoardWithoutAReload()
    {
        await using var desk = await ContextAsync(Screen.Desktop);
        await using var phone = await ContextAsync(Screen.Phone);
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
    public async Task TheDispatcherAcceptsAReportFromTheEventPageAndSeesItsNewStatus()
    {
        await using var desk = await ContextAsync(Screen.Desktop);
        await using var phone = await ContextAsync(Screen.Phone);
        var dispatcherPage = await desk.NewPageAsync();
        var workerPage = await phone.NewPageAsync();
        try
        {
            await new LoginPage(workerPage, server.BaseUrl).SignInAsync("gridworker1");
            var report = new ReportEventPage(workerPage, server.BaseUrl);
            await report.OpenAsync();
            await report.ReportAsync("05.01", "占道堆物 " + Guid.NewGuid().ToString("N")[..6], "门口堆放建材。");
            var eventPath = new Uri(workerPage.Url).AbsolutePath;
            Assert.Matches("^/events/[0-9]+$", eventPath);

            await new LoginPage(dispatcherPage, server.BaseUrl).SignInAsync("dispatcher");
            await dispatcherPage.GotoAsync(new Uri(new Uri(server.BaseUrl), eventPath).ToString());
            var accept = dispatcherPage.Locator("form[data-action=accept]");
            if (!await accept.IsVisibleAsync())
                await dispatcherPage.Locator("details:has(form[data-action=accept]) > summary").ClickAsync();
            await accept.Locator("textarea[name=Note]").FillAsync("受理，派员核实");
            await accept.Locator("button[type=submit]").ClickAsync();

            var result = dispatcherPage.Locator("[data-test=action-result]");
            await result.WaitForAsync();
            Assert.Equal("status", await result.GetAttributeAsync("role"));
            Assert.Equal("已受理", (await dispatcherPage.Locator("[data-test=event-status]").InnerTextAsync()).Trim());
            Assert.Equal(eventPath, new Uri(dispatcherPage.Url).AbsolutePath);
            await dispatcherPage.ReloadAsync();
            Assert.Equal(0, await result.CountAsync());
        }
        catch
        {
            await BrowserSession.SaveScreenshotAsync(dispatcherPage, "AcceptOnEventPage");
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
