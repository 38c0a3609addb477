using PoliceGrid.BrowserTests.Infrastructure;
using PoliceGrid.BrowserTests.Pages;

namespace PoliceGrid.BrowserTests;

[Collection(BrowserSuite.Name)]
public sealed class DutyRotaTests(ProductServer server, BrowserSession browser)
{
    [Fact]
    public Task AStationHeadBuildsNextWeeksRota() => browser.RunAsync(Screen.Desktop, async page =>
    {
        await new LoginPage(page, server.BaseUrl).SignInAsync("stationhead");
        var rota = new DutyRotaPage(page, server.BaseUrl);
        await rota.OpenAsync();
        await Assertions.Expect(page.Locator("[data-test=rota-unit]")).ToContainTextAsync("派出所");

        // Next week: the demo planned it already.
        await rota.NextWeekAsync();
        await Assertions.Expect(rota.Cell(await rota.FirstDateAsync(), "Night")).ToContainTextAsync("值班民警");
        await Assertions.Expect(page.Locator("[data-test=rota] .person").First).ToBeVisibleAsync();

        // The week after is empty: the head puts 李警官 on Monday's night seat, then copies the rest from the week before.
        await rota.NextWeekAsync();
        var monday = await rota.FirstDateAsync();
        await Assertions.Expect(page.Locator("[data-test=rota] .person")).ToHaveCountAsync(0);
        await rota.AddAsync(monday, "Night", "OfficerOnDuty", "李警官");
        await Assertions.Expect(rota.Result).ToHaveTextAsync("已排入值班表");
        await Assertions.Expect(rota.Cell(monday, "Night").Locator("[data-seat=OfficerOnDuty]")).ToContainTextAsync("李警官");

        await rota.CopyLastWeekAsync();
        await Assertions.Expect(rota.Result).ToContainTextAsync("已从上周复制");
        await Assertions.Expect(rota.Cell(monday, "Night").Locator("[data-seat=OfficerOnDuty] .person")).ToHaveCountAsync(1);
        await Assertions.Expect(rota.Cell(monday, "Day").Locator("[data-seat=LeaderOnDuty]")).ToContainTextAsync("钱所长");
        await BrowserSession.SaveScreenshotAsync(page, "DutyRotaBuilt");
    });
}
