namespace PoliceGrid.BrowserTests.Pages;

/// <summary>The auditor's search of the audit trail at "/audit".</summary>
public sealed class AuditPage(IPage page, string baseUrl) : PageObject(page, baseUrl)
{
    public Task<IResponse?> OpenAsync() => GotoAsync("audit");

    public async Task SearchByUserAsync(string userName)
    {
        var filter = Page.Locator("[data-test=audit-filter]");
        await filter.Locator("input[name=user]").FillAsync(userName);
        await filter.Locator("button[type=submit]").ClickAsync();
        await Page.WaitForURLAsync(url => url.Contains("user=" + userName, StringComparison.Ordinal));
    }

    public ILocator Rows => Page.Locator("[data-test=audit-rows] tbody tr");

    public async Task VerifyChainAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "校验审计链" }).ClickAsync();
        await VerifyResult.WaitForAsync();
    }

    public ILocator VerifyResult => Page.Locator("[data-test=verify-result]");
}
