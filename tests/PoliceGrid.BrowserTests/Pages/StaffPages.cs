namespace PoliceGrid.BrowserTests.Pages;

/// <summary>The staff list at "/staff" and a person's record at "/staff/{id}": search, transfer, deactivate, service record.</summary>
public sealed class StaffPages(IPage page, string baseUrl) : PageObject(page, baseUrl)
{
    public Task<IResponse?> OpenListAsync() => GotoAsync("staff");

    /// <summary>Searches the list by a name, as typed in the search box.</summary>
    public async Task SearchAsync(string words)
    {
        var form = Page.Locator("[data-test=staff-search]");
        await form.Locator("input[name=q]").FillAsync(words);
        await form.Locator("button[type=submit]").ClickAsync();
        await Page.WaitForURLAsync("**/staff?q=*");
    }

    public ILocator Rows => Page.Locator("[data-test=staff-rows] tbody tr");

    /// <summary>Opens the record of the person whose name is the row's link.</summary>
    public async Task OpenRecordAsync(string name)
    {
        await Rows.Locator("a", new() { HasText = name }).ClickAsync();
        await Page.WaitForURLAsync("**/staff/*");
    }

    public ILocator Heading => Page.Locator("[data-test=staff-heading]");

    public ILocator OpenTasks => Page.Locator("[data-test=open-tasks]");

    public ILocator Result => Page.Locator("[data-test=staff-result]");

    public ILocator ServiceRecord => Page.Locator("[data-test=staff-history] li");

    /// <summary>Transfers the person to the unit with this code, with the form on her record.</summary>
    public async Task TransferAsync(string unitCode)
    {
        var form = Page.Locator("[data-test=transfer-form]");
        await form.Locator("[data-test=transfer-unit]").FillAsync(unitCode);
        await form.Locator("button[type=submit]").ClickAsync();
        await Result.WaitForAsync();
    }
}
