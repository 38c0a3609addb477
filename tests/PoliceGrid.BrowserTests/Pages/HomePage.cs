namespace PoliceGrid.BrowserTests.Pages;

/// <summary>The landing page at "/".</summary>
public sealed class HomePage(IPage page, string baseUrl) : PageObject(page, baseUrl)
{
    public Task<IResponse?> OpenAsync() => GotoAsync("");

    public ILocator Body => Page.Locator("body");
}
