using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceGrid.BrowserTests.Infrastructure;
using PoliceGrid.BrowserTests.Pages;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Events;

namespace PoliceGrid.BrowserTests;

[Collection(BrowserSuite.Name)]
public sealed class InboxTests(ProductServer server, BrowserSession browser)
{
    /// <summary>
    /// Office hours all day today in the demo township, so the 110 call is diverted to the grid whatever time the test
    /// runs; undone afterwards.
    /// </summary>
    async Task<Func<Task>> OfficeHoursAllDayAsync()
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceGridDb>();
        var township = await db.Units.Where(u => u.Code == DemoSeed.DemoTownship).Select(u => u.Id).SingleAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var hours = new OfficeHours { TownshipId = township, Weekdays = 127, MorningStart = 0, MorningEnd = 720, AfternoonStart = 720, AfternoonEnd = 1440 };
        var workday = new Holiday { TownshipId = township, Date = today, IsWorkday = true, Name = "test" };
        db.OfficeHours.Add(hours);
        db.Holidays.Add(workday);
        await db.SaveChangesAsync();
        scope.ServiceProvider.GetRequiredService<EventSettingsCache>().Invalidate();
        return async () =>
        {
            using var undo = server.Services.CreateScope();
            var undoDb = undo.ServiceProvider.GetRequiredService<PoliceGridDb>();
            await undoDb.OfficeHours.Where(o => o.Id == hours.Id).ExecuteDeleteAsync();
            await undoDb.Holidays.Where(h => h.Id == workday.Id).ExecuteDeleteAsync();
            undo.ServiceProvider.GetRequiredService<EventSettingsCache>().Invalidate();
        };
    }

    [Fact]
    public async Task AGridWorkerOnAPhoneSeesTheBadgeOfADivertedCallAppearAndAcknowledgesIt()
    {
        var undo = await OfficeHoursAllDayAsync();
        await using var desk = await browser.NewContextAsync(Screen.Desktop);
        await using var phone = await browser.NewContextAsync(Screen.Phone);
        desk.SetDefaultTimeout(15_000);
        phone.SetDefaultTimeout(15_000);
        var dispatcherPage = await desk.NewPageAsync();
        var workerPage = await phone.NewPageAsync();
        try
        {
            await new LoginPage(workerPage, server.BaseUrl).SignInAsync("gridworker1");
            var badge = workerPage.Locator(".nav [data-inbox-count]");
            var before = int.Parse(await badge.GetAttributeAsync("data-inbox-count") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            await workerPage.EvaluateAsync("() => { window.__sameDocument = true; }");

            await new LoginPage(dispatcherPage, server.BaseUrl).SignInAsync("dispatcher");
            var gridCode = await GridCodeOfAsync("gridworker1");
            var status = await dispatcherPage.EvaluateAsync<int>(@"async code => (await fetch('/api/events', { method: 'POST', headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify({ categoryCode: '08.01', title: '110转：小区停水', description: '居民来电', gridCode: code, source: 'Call110' }) })).status", gridCode);
            Assert.Equal(201, status);

            await workerPage.Locator($".nav [data-inbox-count='{before + 1}']").WaitForAsync();
            Assert.True(await badge.IsVisibleAsync());
            Assert.True(await workerPage.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page was reloaded");
            await BrowserSession.SaveScreenshotAsync(workerPage, "InboxBadgeOnPhone");

            await badge.ClickAsync();
            await workerPage.WaitForURLAsync("**/inbox");
            var newest = workerPage.Locator("[data-test=inbox] li").First;
            Assert.Contains("110 分流", await newest.InnerTextAsync(), StringComparison.Ordinal);
            var width = await workerPage.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(width <= 390, $"the inbox is {width}px wide on a 390px phone");
            await newest.Locator("[data-test=acknowledge]").ClickAsync();

            await workerPage.WaitForURLAsync("**/events/*");
            Assert.Equal(before, int.Parse(await badge.GetAttributeAsync("data-inbox-count") ?? "-1", System.Globalization.CultureInfo.InvariantCulture));
        }
        catch
        {
            await BrowserSession.SaveScreenshotAsync(workerPage, "InboxBadge-worker");
            throw;
        }
        finally
        {
            await undo();
        }
    }

    async Task<string> GridCodeOfAsync(string userName)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceGridDb>();
        return await db.Users.Where(a => a.UserName == userName).Join(db.Units, a => a.UnitId, u => u.Id, (a, u) => u.Code).SingleAsync();
    }
}
