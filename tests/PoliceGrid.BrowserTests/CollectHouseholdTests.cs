using PoliceGrid.BrowserTests.Infrastructure;
using PoliceGrid.BrowserTests.Pages;
using PoliceGrid.Web.Register;
using PoliceGrid.Web.Register.PersonalData;

namespace PoliceGrid.BrowserTests;

[Collection(BrowserSuite.Name)]
public sealed class CollectHouseholdTests(ProductServer server, BrowserSession browser)
{
    static string IdNumberBornOn(string birthDate, int sequence)
    {
        var first17 = $"410402{birthDate}{sequence:D3}";
        return first17 + IdNumber.CheckCharacter(first17);
    }

    [Fact]
    public Task GridWorkerCollectsAHouseholdOnHerPhoneAndTheOfficerVerifiesIt() => browser.RunAsync(Screen.Phone, async page =>
    {
        var door = $"{Random.Shared.Next(1000, 9999)}号";
        await new LoginPage(page, server.BaseUrl).SignInAsync("gridworker1");
        await page.Locator("[data-test=tile-collect]").ClickAsync();
        await new CollectHouseholdPage(page, server.BaseUrl).SaveAsync("幸福路", door, "陈房东");
        var house = new HousePage(page, server.BaseUrl);
        Assert.EndsWith($"幸福路{door}", await house.Address.InnerTextAsync(), StringComparison.Ordinal);

        await house.AddResidentAsync("陈一", IdNumberBornOn("19800101", 11), "138 1234 5678");
        Assert.Contains("等待民警核实", await house.Message.InnerTextAsync(), StringComparison.Ordinal);
        await house.AddResidentAsync("陈二", IdNumberBornOn("19820202", 22), "13912345678");
        Assert.Contains("待核", await house.Resident("陈一").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("410402********", await house.Resident("陈一").InnerTextAsync(), StringComparison.Ordinal);
        var houseUrl = page.Url;

        await using var officerContext = await browser.NewContextAsync(Screen.Phone);
        var officer = await officerContext.NewPageAsync();
        try
        {
            await new LoginPage(officer, server.BaseUrl).SignInAsync("officer");
            var queue = new VerificationQueuePage(officer, server.BaseUrl);
            await queue.OpenAsync();
            await queue.VerifyAsync("陈一");
            await queue.ReturnAsync("陈二", "身份证号与户口簿不一致");
        }
        catch
        {
            await BrowserSession.SaveScreenshotAsync(officer, "officer-verifies");
            throw;
        }

        await page.GotoAsync(houseUrl);
        Assert.Contains("已核", await house.Resident("陈一").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("已退回", await house.Resident("陈二").InnerTextAsync(), StringComparison.Ordinal);
        await new PageObjectAt(page, server.BaseUrl).GotoAsync("register");
        Assert.Contains("身份证号与户口簿不一致", await page.Locator("#returned").InnerTextAsync(), StringComparison.Ordinal);
    });

    sealed class PageObjectAt(IPage page, string baseUrl) : PageObject(page, baseUrl);
}
