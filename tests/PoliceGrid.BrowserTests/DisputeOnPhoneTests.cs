using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceGrid.BrowserTests.Infrastructure;
using PoliceGrid.BrowserTests.Pages;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Disputes;

namespace PoliceGrid.BrowserTests;

[Collection(BrowserSuite.Name)]
public sealed class DisputeOnPhoneTests(ProductServer server, BrowserSession browser)
{
    async Task<string> GridCodeOfAsync(string userName)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceGridDb>();
        return await db.Users.Where(a => a.UserName == userName).Join(db.Units, a => a.UnitId, u => u.Id, (a, u) => u.Code).SingleAsync();
    }

    [Fact]
    public async Task AnOfficerOpensADisputeFromAnEventThePartiesChooseTheMediatorRecordsASessionAndAgreementAndTheGridWorkerGetsTheDaySevenFollowUp()
    {
        await using var officerPhone = await browser.NewContextAsync(Screen.Phone);
        await using var mediatorPhone = await browser.NewContextAsync(Screen.Phone);
        await using var workerPhone = await browser.NewContextAsync(Screen.Phone);
        foreach (var c in new[] { officerPhone, mediatorPhone, workerPhone })
            c.SetDefaultTimeout(20_000);
        var page = await officerPhone.NewPageAsync();
        var suffix = Guid.NewGuid().ToString("N")[..4];
        var (first, second) = ("柳甲" + suffix, "桑乙" + suffix);
        try
        {
            await new LoginPage(page, server.BaseUrl).SignInAsync("officer");
            var grid = await GridCodeOfAsync("gridworker1");
            var eventId = await page.EvaluateAsync<int>(@"async grid => (await (await fetch('/api/events', { method: 'POST', headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify({ categoryCode: '04.01', title: '两户因排水沟争吵', description: '排水沟堵塞，双方争执', gridCode: grid }) })).json()).id", grid);

            var disputes = new DisputePages(page, server.BaseUrl);
            await disputes.OpenEventAsync(eventId);
            await disputes.OpenCaseLink.ClickAsync();
            await Assertions.Expect(page.Locator("[data-test=from-event]")).ToContainTextAsync("两户因排水沟争吵");
            await disputes.OpenCaseAsync(first, second);
            await Assertions.Expect(page.Locator("[data-test=disputes-result], [data-test=dispute-result]").First).ToHaveTextAsync("纠纷案件已登记。");
            await Assertions.Expect(disputes.Status).ToHaveTextAsync("已登记");
            var caseUrl = page.Url;

            await disputes.RecordChoiceAsync(first, "林调解", "InPerson");
            await Assertions.Expect(disputes.Result).ToHaveTextAsync("当事人选择已记录。");
            await disputes.RecordChoiceAsync(second, "林调解", "Phone");
            await Assertions.Expect(disputes.Status).ToHaveTextAsync("已选定调解员");
            await Assertions.Expect(disputes.Mediator).ToHaveTextAsync("林调解");
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(width <= 390, $"the case is {width}px wide on a 390px phone");
            await BrowserSession.SaveScreenshotAsync(page, "DisputeChosenOnPhone");

            var mediatorPage = await mediatorPhone.NewPageAsync();
            await new LoginPage(mediatorPage, server.BaseUrl).SignInAsync("mediator");
            await mediatorPage.GotoAsync(caseUrl);
            var mine = new DisputePages(mediatorPage, server.BaseUrl);
            await mine.RecordSessionAsync("村调解室", "双方陈述，同意共同清理");
            await Assertions.Expect(mine.Result).ToHaveTextAsync("调解会议已记录。");
            await Assertions.Expect(mine.Status).ToHaveTextAsync("调解中");
            var due = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            await mine.RecordAgreementAsync("排水沟堵塞引发争执", "清理费用由谁承担", "双方共同清理，费用各半", $"{first}支付清理费一百元", due);
            await Assertions.Expect(mine.Result).ToHaveTextAsync("调解协议已记录，回访已排定。");
            await Assertions.Expect(mine.Status).ToHaveTextAsync("已达成协议");
            await mediatorPage.Locator("[data-test=print-agreement]").ClickAsync();
            await Assertions.Expect(mediatorPage.Locator("[data-test=agreement-document] h1")).ToHaveTextAsync("人民调解协议书");
            await Assertions.Expect(mediatorPage.Locator("[data-test=agreement-terms]")).ToHaveTextAsync("双方共同清理，费用各半");

            // Day 7: the follow-up visit is due and goes to the team answering for the parties' grid.
            server.Clock.Offset = TimeSpan.FromDays(7).Add(TimeSpan.FromMinutes(5));
            using (var scope = server.Services.CreateScope())
                await scope.ServiceProvider.GetRequiredService<SweepDisputes>().RunAsync();
            var workerPage = await workerPhone.NewPageAsync();
            await new LoginPage(workerPage, server.BaseUrl).SignInAsync("gridworker1");
            await workerPage.GotoAsync(server.BaseUrl + "inbox");
            await Assertions.Expect(workerPage.Locator("[data-test=inbox]")).ToContainTextAsync("第 7 天回访到期");
            await BrowserSession.SaveScreenshotAsync(workerPage, "DisputeFollowUpInInbox");
        }
        finally
        {
            server.Clock.Offset = TimeSpan.Zero;
        }
    }
}
