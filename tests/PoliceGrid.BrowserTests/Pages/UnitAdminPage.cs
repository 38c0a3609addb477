namespace PoliceGrid.BrowserTests.Pages;

/// <summary>The system administrator's unit management at "/admin/units".</summary>
public sealed class UnitAdminPage(IPage page, string baseUrl) : PageObject(page, baseUrl)
{
    public Task<IResponse?> OpenAsync() => GotoAsync("admin/units");

    public async Task ImportAsync(string divisionsFile)
    {
        var form = Page.Locator("[data-test=import-form]");
        await form.Locator("input[name=divisions]").SetInputFilesAsync(divisionsFile);
        await form.Locator("button[type=submit]").ClickAsync();
        await Result.WaitForAsync();
    }

    public ILocator Result => Page.Locator("[data-test=admin-result]");

    public ILocator ImportProblems => Page.Locator("[data-test=import-problems] li");
}
