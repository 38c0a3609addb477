using PoliceGrid.BrowserTests.Infrastructure;
using PoliceGrid.BrowserTests.Pages;
using PoliceGrid.Web.Register.PersonalData;

namespace PoliceGrid.BrowserTests;

/// <summary>The grid worker's phone (issue 13): what she meets on a 390 px screen.</summary>
[Collection(BrowserSuite.Name)]
public sealed class FieldPhoneTests(ProductServer server, BrowserSession browser)
{
    static string IdNumberBornOn(string birthDate, int sequence)
    {
        var first17 = $"410402{birthDate}{sequence:D3}";
        return first17 + IdNumber.CheckCharacter(first17);
    }

    async Task<HousePage> NewHouseAsync(IPage page)
    {
        await new LoginPage(page, server.BaseUrl).SignInAsync("gridworker1");
        await page.Locator("[data-test=tile-collect]").ClickAsync();
        await new CollectHouseholdPage(page, server.BaseUrl).SaveAsync("和平路", $"{Random.Shared.Next(1000, 9999)}号", "王房东");
        return new HousePage(page, server.BaseUrl);
    }

    [Fact]
    public Task ConfidentialCategoryShowsANoteBeforeTheGridWorkerReports() => browser.RunAsync(Screen.Phone, async page =>
    {
        await new LoginPage(page, server.BaseUrl).SignInAsync("gridworker1");
        await new ReportEventPage(page, server.BaseUrl).OpenAsync();
        var note = page.Locator("[data-test=confidential-note]");
        var category = page.Locator("select[name='Input.CategoryCode']");

        await category.SelectOptionAsync("02.02");
        await note.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        Assert.Contains("涉密", await note.InnerTextAsync(), StringComparison.Ordinal);

        await category.SelectOptionAsync("01.01");
        await note.WaitForAsync(new() { State = WaitForSelectorState.Hidden });
    });

    [Fact]
    public Task APastedIdNumberWithSpacesAndFullWidthDigitsIsTakenWhole() => browser.RunAsync(Screen.Phone, async page =>
    {
        var house = await NewHouseAsync(page);
        var id = IdNumberBornOn("19750505", 31);
        var pasted = $"{id[..6]} {id[6..14]} {id[14..]}".Replace('1', '１');

        await house.AddResidentAsync("王贴", pasted, "");

        Assert.Contains("等待民警核实", await house.Message.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("410402********", await house.Resident("王贴").InnerTextAsync(), StringComparison.Ordinal);
    });

    [Fact]
    public Task AnErrorSitsAtItsFieldWhichGetsTheFocusAndASaveKeepsThePlace() => browser.RunAsync(Screen.Phone, async page =>
    {
        var house = await NewHouseAsync(page);
        var id = IdNumberBornOn("19900101", 41);
        var wrongCheck = id[..17] + (id[17] == '0' ? '1' : '0');

        await page.Locator("[data-test=resident-name]").FillAsync("王错");
        await page.Locator("[data-test=resident-id]").FillAsync(wrongCheck);
        await page.Locator("[data-test=save-resident]").ClickAsync();
        var field = page.Locator("[data-test=resident-id]");
        await Assertions.Expect(field).ToHaveAttributeAsync("aria-invalid", "true");
        var describedBy = await field.GetAttributeAsync("aria-describedby");
        Assert.False(string.IsNullOrEmpty(describedBy));
        Assert.Contains("校验位", await page.Locator($"#{describedBy}").InnerTextAsync(), StringComparison.Ordinal);
        await Assertions.Expect(field).ToBeFocusedAsync();
        // The message is beside the field: both on the screen at once.
        await Assertions.Expect(page.Locator($"#{describedBy}")).ToBeInViewportAsync();
        await Assertions.Expect(field).ToBeInViewportAsync();
        // It says what is wrong without handing her the digit to type.
        Assert.DoesNotContain($"应为 {id[17]}", await page.Locator($"#{describedBy}").InnerTextAsync(), StringComparison.Ordinal);

        await field.FillAsync(id);
        await page.Locator("[data-test=save-resident]").ClickAsync();
        await house.Resident("王错").WaitForAsync();
        // After a save the next person's form is where she is, ready to type.
        await Assertions.Expect(page.Locator("[data-test=resident-name]")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("[data-test=resident-name]")).ToBeInViewportAsync();
        Assert.True(await page.EvaluateAsync<double>("window.scrollY") > 0, "the page jumped to the top after the save");
    });

    [Fact]
    public Task EventFiguresOnAPhoneKeepHeadersOnOneLineAndListHerGridOnce() => browser.RunAsync(Screen.Phone, async page =>
    {
        await new LoginPage(page, server.BaseUrl).SignInAsync("gridworker1");
        await new PageObjectAt(page, server.BaseUrl).GotoAsync("figures");
        var table = page.Locator("[data-test=figures]");
        await table.WaitForAsync();

        var tallest = await table.EvaluateAsync<double>(
            "t => Math.max(...[...t.querySelectorAll('thead th')].map(th => th.getBoundingClientRect().height))");
        Assert.True(tallest < 48, $"a header is {tallest}px tall: it wraps");
        var grid = (await page.Locator("h1").InnerTextAsync()).Split(" · ")[^1].Trim();
        var rowsNamingHerGrid = await table.Locator("tbody tr", new() { HasText = grid }).CountAsync();
        Assert.Equal(1, rowsNamingHerGrid);
    });

    [Fact]
    public Task ReturnedButtonOnTheRegisterPageOpensTheReturnedRecords() => browser.RunAsync(Screen.Phone, async page =>
    {
        var house = await NewHouseAsync(page);
        await house.AddResidentAsync("王退", IdNumberBornOn("19880808", 51), "");

        await using var officerContext = await browser.NewContextAsync(Screen.Phone);
        var officer = await officerContext.NewPageAsync();
        await new LoginPage(officer, server.BaseUrl).SignInAsync("officer");
        var queue = new VerificationQueuePage(officer, server.BaseUrl);
        await queue.OpenAsync();
        await queue.ReturnAsync("王退", "姓名写错");

        await new PageObjectAt(page, server.BaseUrl).GotoAsync("register");
        await page.Locator("a.button", new() { HasText = "被退回" }).ClickAsync();

        Assert.EndsWith("/register#returned", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#returned")).ToBeInViewportAsync();
        Assert.Contains("姓名写错", await page.Locator("#returned").InnerTextAsync(), StringComparison.Ordinal);
    });

    sealed class PageObjectAt(IPage page, string baseUrl) : PageObject(page, baseUrl);
}
