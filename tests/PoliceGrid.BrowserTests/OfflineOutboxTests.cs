using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceGrid.BrowserTests.Infrastructure;
using PoliceGrid.BrowserTests.Pages;
using PoliceGrid.Web.Data;

namespace PoliceGrid.BrowserTests;

/// <summary>The grid worker's phone with no signal (issue 13): pages open, reports wait in the outbox, each arrives once.</summary>
[Collection(BrowserSuite.Name)]
public sealed class OfflineOutboxTests(ProductServer server, BrowserSession browser)
{
    const int Items = 50;

    static async Task SignInAndOpenReportAsync(IPage page, string baseUrl)
    {
        await new LoginPage(page, baseUrl).SignInAsync("gridworker1");
        await new ReportEventPage(page, baseUrl).OpenAsync();
        await page.EvaluateAsync("navigator.serviceWorker.ready");
    }

    static Task<int> CountAsync(IPage page, string status) => page.Locator($"[data-test=outbox] li[data-status={status}]").CountAsync();

    [Fact]
    public async Task ReportsCapturedWithNoSignalArriveExactlyOnceWithTheirCaptureTimesAfterThePhoneIsReopened()
    {
        var run = $"离线{Random.Shared.Next(10000, 99999)}-";
        var profile = Directory.CreateTempSubdirectory("policegrid-phone-").FullName;
        var context = await browser.LaunchPhoneAsync(profile);
        var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
        DateTime offlineFrom, offlineTo;
        try
        {
            context.SetDefaultTimeout(15_000);
            await SignInAndOpenReportAsync(page, server.BaseUrl);
            // A page loaded once the service worker is in charge is kept, with home and her tasks.
            await page.ReloadAsync();
            await page.WaitForFunctionAsync("navigator.serviceWorker.controller !== null");
            await page.WaitForFunctionAsync("caches.open('field-pages').then(c => c.keys()).then(k => k.length >= 3)");

            await context.SetOfflineAsync(true);
            offlineFrom = DateTime.UtcNow.AddSeconds(-1);
            await new PageObjectAt(page, server.BaseUrl).GotoAsync("/");
            Assert.Contains("网格员", await page.Locator("body").InnerTextAsync(), StringComparison.Ordinal);
            await new ReportEventPage(page, server.BaseUrl).OpenAsync();
            var form = page.Locator("[data-test=report-form]");
            for (var i = 0; i < Items; i++)
            {
                await form.Locator("select[name='Input.CategoryCode']").SelectOptionAsync("01.01");
                await form.Locator("input[name='Input.Title']").FillAsync($"{run}{i:D2}");
                await form.Locator("button[type=submit]").ClickAsync();
                await Assertions.Expect(page.Locator("[data-test=outbox] li[data-status=waiting]")).ToHaveCountAsync(i + 1);
            }
            offlineTo = DateTime.UtcNow.AddSeconds(1);
        }
        catch
        {
            await BrowserSession.SaveScreenshotAsync(page, "offline-capture");
            throw;
        }
        finally
        {
            await context.CloseAsync();
        }

        // The phone is reopened and the signal is back: the outbox sends everything it holds.
        context = await browser.LaunchPhoneAsync(profile);
        page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
        try
        {
            context.SetDefaultTimeout(15_000);
            await SignInAndOpenReportAsync(page, server.BaseUrl);
            // The outbox shows what is not yet sent and the last 20 sent; every item leaves it sent.
            await Assertions.Expect(page.Locator("[data-test=outbox] li:not([data-status=sent])")).ToHaveCountAsync(0, new() { Timeout = 45_000 });
            await Assertions.Expect(page.Locator("[data-test=outbox] li[data-status=sent]")).ToHaveCountAsync(20);
            Assert.Equal(0, await CountAsync(page, "refused"));
        }
        catch
        {
            await BrowserSession.SaveScreenshotAsync(page, "offline-send");
            throw;
        }
        finally
        {
            await context.CloseAsync();
            Directory.Delete(profile, recursive: true);
        }

        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceGridDb>();
        var arrived = await db.Events.AsNoTracking().Where(e => e.Title.StartsWith(run))
            .Select(e => new { e.Title, e.CapturedAt, e.ReportedAt }).ToListAsync();
        Assert.Equal(Items, arrived.Count);
        Assert.Equal(Items, arrived.Select(e => e.Title).Distinct().Count());
        Assert.All(arrived, e =>
        {
            Assert.NotNull(e.CapturedAt);
            Assert.InRange(e.CapturedAt!.Value, offlineFrom, offlineTo);
            Assert.True(e.ReportedAt > e.CapturedAt, "the server's receipt time is kept beside the capture time");
        });
        // Captured in order, sent in order.
        var byReceipt = arrived.OrderBy(e => e.ReportedAt).Select(e => e.Title).ToList();
        Assert.Equal(byReceipt.Order(StringComparer.Ordinal).ToList(), byReceipt);
    }

    [Fact]
    public Task ADraftOpenedTwiceMakesOneRecord() => browser.RunAsync(Screen.Phone, async page =>
    {
        var title = $"两次打开{Random.Shared.Next(10000, 99999)}";
        await SignInAndOpenReportAsync(page, server.BaseUrl);
        var form = page.Locator("[data-test=report-form]");
        await form.Locator("select[name='Input.CategoryCode']").SelectOptionAsync("01.01");
        await form.Locator("input[name='Input.Title']").FillAsync(title);

        var second = await page.Context.NewPageAsync();
        await new ReportEventPage(second, server.BaseUrl).OpenAsync();
        // The same draft opens in the second tab, as she left it.
        await Assertions.Expect(second.Locator("input[name='Input.Title']")).ToHaveValueAsync(title);
        await second.Locator("[data-test=report-form] button[type=submit]").ClickAsync();
        // The tab that filed it opens the event; the other, tapped after, shows the same item sent, not a second one.
        await second.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/events/[0-9]+$"));
        await form.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=outbox] li[data-status=sent]", new() { HasText = title })).ToHaveCountAsync(1);

        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceGridDb>();
        Assert.Equal(1, await db.Events.CountAsync(e => e.Title == title));
    });

    sealed class PageObjectAt(IPage page, string baseUrl) : PageObject(page, baseUrl);
}
