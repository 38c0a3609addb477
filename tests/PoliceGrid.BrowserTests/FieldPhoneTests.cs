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

    [Fact]
    public Task APhotoFromTheCameraIsMadeSmallerOnThePhoneWithAPreviewBeforeItIsSent() => browser.RunAsync(Screen.Phone, async page =>
    {
        await new LoginPage(page, server.BaseUrl).SignInAsync("gridworker1");
        await new ReportEventPage(page, server.BaseUrl).OpenAsync();
        Assert.Equal("environment", await page.Locator("[data-test=photos]").GetAttributeAsync("capture"));
        // A 4,000 x 3,000 picture full of detail, as a phone camera takes it: more than the server takes.
        var taken = await page.EvaluateAsync<long>(@"async () => {
            const c = document.createElement('canvas'); c.width = 4000; c.height = 3000;
            const g = c.getContext('2d'); const image = g.createImageData(4000, 3000);
            for (let i = 0; i < image.data.length; i++) image.data[i] = i % 4 === 3 ? 255 : (Math.random() * 256) | 0;
            g.putImageData(image, 0, 0);
            const blob = await new Promise(r => c.toBlob(r, 'image/jpeg', 0.95));
            const input = document.querySelector('[data-test=photos]');
            const files = new DataTransfer(); files.items.add(new File([blob], 'camera.jpg', { type: 'image/jpeg' }));
            input.files = files.files; input.dispatchEvent(new Event('change'));
            return blob.size; }");
        Assert.True(taken > PoliceGrid.Web.Events.ReportEvent.MaxPhotoBytes, $"the camera's picture is only {taken} bytes");

        await page.Locator("[data-test=photo-previews] img").WaitForAsync(new() { Timeout = 60_000 });
        var sent = await page.EvaluateAsync<double[]>(@"async () => {
            const file = document.querySelector('[data-test=photos]').files[0];
            const bitmap = await createImageBitmap(file);
            return [file.size, Math.max(bitmap.width, bitmap.height)]; }");
        Assert.True(sent[0] < PoliceGrid.Web.Events.ReportEvent.MaxPhotoBytes, $"{sent[0]} bytes is over the server's limit");
        Assert.InRange(sent[1], 1000, 1600);

        var form = page.Locator("[data-test=report-form]");
        await form.Locator("select[name='Input.CategoryCode']").SelectOptionAsync("05.01");
        await form.Locator("input[name='Input.Title']").FillAsync("带照片上报");
        await form.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/events/[0-9]+$"));
        await Assertions.Expect(page.Locator("img.thumb")).ToHaveCountAsync(1);
    });

    sealed class PageObjectAt(IPage page, string baseUrl) : PageObject(page, baseUrl);
}
