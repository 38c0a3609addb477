using PoliceGrid.BrowserTests.Infrastructure;
using PoliceGrid.BrowserTests.Pages;

namespace PoliceGrid.BrowserTests;

[Collection(BrowserSuite.Name)]
public sealed class TodaysVisitsTests(ProductServer server, BrowserSession browser)
{
    [Fact]
    public Task AGridWorkerOnAPhoneRecordsAGoodVisitAndOneThatRaisesAnEventTheOfficerSees() => browser.RunAsync(Screen.Phone, async page =>
    {
        var baseUrl = server.BaseUrl.TrimEnd('/');
        await new LoginPage(page, server.BaseUrl).SignInAsync("gridworker1");

        // Tap 1: the home page's count opens 今天要见.
        var tile = page.Locator("[data-test=tile-care]");
        await Assertions.Expect(tile).ToContainTextAsync("今天要见");
        await tile.ClickAsync();
        await page.WaitForURLAsync("**/care/today**");
        var people = page.Locator("[data-test=today] > li");
        var before = await people.CountAsync();
        Assert.True(before >= 2, $"the demo has people due today; the list shows {before}");
        await Assertions.Expect(page.Locator("[data-test=last-note]").First).ToBeVisibleAsync();

        // A good day: the phone gave no location here, so a reason stands in; tap 2 records it.
        var first = people.First;
        var firstCase = await first.GetAttributeAsync("data-case");
        await first.Locator("input[name=Reason]").FillAsync("定位未开启");
        await first.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=care-result]")).ToHaveTextAsync("走访已记录");
        await Assertions.Expect(page.Locator($"[data-case='{firstCase}']")).ToHaveCountAsync(0);

        // Something wrong: a fall raises an event in the same step.
        var second = page.Locator("[data-test=today] > li").First;
        var name = await second.Locator("strong").InnerTextAsync();
        await second.Locator("[data-test=something-wrong]").ClickAsync();
        await page.Locator("[data-test=outcome]").SelectOptionAsync("Fell");
        await page.Locator("[data-test=condition]").FillAsync("在厨房摔倒，手腕肿痛");
        await page.Locator("#visit input[name=Reason]").FillAsync("定位未开启");
        await page.Locator("[data-test=visit-form] button[type=submit]").ClickAsync();
        var result = page.Locator("[data-test=care-result]");
        await Assertions.Expect(result).ToContainTextAsync("已上报事件");
        var eventId = System.Text.RegularExpressions.Regex.Match(await result.InnerTextAsync(), @"\d+").Value;
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the care case is {width}px wide on a 390px phone");
        await BrowserSession.SaveScreenshotAsync(page, "CareVisitOnPhone");

        // The community officer of the grid sees the event.
        await page.Context.ClearCookiesAsync();
        await new LoginPage(page, server.BaseUrl).SignInAsync("officer");
        await page.GotoAsync($"{baseUrl}/events/{eventId}");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(name);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("手腕肿痛");
    });
}
