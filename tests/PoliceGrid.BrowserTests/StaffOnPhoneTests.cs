using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceGrid.BrowserTests.Infrastructure;
using PoliceGrid.BrowserTests.Pages;
using PoliceGrid.Web.Data;

namespace PoliceGrid.BrowserTests;

[Collection(BrowserSuite.Name)]
public sealed class StaffOnPhoneTests(ProductServer server, BrowserSession browser)
{
    async Task<string> GridCodeOfAsync(string userName)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceGridDb>();
        return await db.Users.Where(a => a.UserName == userName).Join(db.Units, a => a.UnitId, u => u.Id, (a, u) => u.Code).SingleAsync();
    }

    /// <summary>Puts an open event in the person's name, as a task routed to her would be.</summary>
    async Task GiveTaskAsync(int eventId, int personId)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceGridDb>();
        await db.Events.Where(e => e.Id == eventId).ExecuteUpdateAsync(s => s.SetProperty(e => e.HandlerAccountId, personId));
    }

    [Fact]
    public Task ACentreDirectorOnAPhoneTransfersAGridWorkerAndSeesHerTaskHandedBack() => browser.RunAsync(Screen.Phone, async page =>
    {
        await new LoginPage(page, server.BaseUrl).SignInAsync("director");
        var grid = await GridCodeOfAsync("gridworker1");
        var otherGrid = await GridCodeOfAsync("gridworker2");
        var name = "调动测试" + Guid.NewGuid().ToString("N")[..4] + "网格员";
        // She is on the staff with one open task: the director's own API, as another page of his would call it.
        var person = await page.EvaluateAsync<int>(@"async ([name, grid]) => {
            const r = await fetch('/api/staff', { method: 'POST', headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify({ name, mobile: '139' + String(Math.floor(10000000 + Math.random() * 89999999)), role: 'GridWorker', unitCode: grid }) });
            return await r.json(); }", new[] { name, grid });
        var task = await page.EvaluateAsync<int>(@"async grid => (await (await fetch('/api/events', { method: 'POST', headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ categoryCode: '08.01', title: '楼道堆物待清理', description: '居民反映', gridCode: grid }) })).json()).id", grid);
        await GiveTaskAsync(task, person);

        var staff = new StaffPages(page, server.BaseUrl);
        await staff.OpenListAsync();
        await staff.SearchAsync(name);
        await Assertions.Expect(staff.Rows).ToHaveCountAsync(1);
        await staff.OpenRecordAsync(name);
        await Assertions.Expect(staff.Heading).ToContainTextAsync(name);
        await Assertions.Expect(staff.OpenTasks).ToHaveTextAsync("名下未办结任务：1 件");

        await staff.TransferAsync(otherGrid);
        await Assertions.Expect(staff.Result).ToHaveTextAsync("已调动，1 件任务已退回原单位。");
        await Assertions.Expect(staff.OpenTasks).ToHaveTextAsync("名下未办结任务：0 件");
        await Assertions.Expect(staff.ServiceRecord.First).ToContainTextAsync("调动");
        await Assertions.Expect(staff.ServiceRecord.First).ToContainTextAsync("1 件任务退回原单位");
        await Assertions.Expect(page.Locator("h1 + p.muted")).ToContainTextAsync(otherGrid);
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the staff record is {width}px wide on a 390px phone");
        await BrowserSession.SaveScreenshotAsync(page, "StaffTransferredOnPhone");

        // The task itself says it went back to the unit.
        await page.GotoAsync($"{server.BaseUrl.TrimEnd('/')}/events/{task}");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("任务退回单位");
    });
}
