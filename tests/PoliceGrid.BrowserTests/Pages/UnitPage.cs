namespace PoliceGrid.BrowserTests.Pages;

/// <summary>One unit's page at "/units/{id}".</summary>
public sealed class UnitPage(IPage page, string baseUrl) : PageObject(page, baseUrl)
{
    public Task<IResponse?> OpenAsync(int unitId) => GotoAsync($"units/{unitId}");

    public ILocator UnitName => Page.Locator("[data-test=unit-name]");

    /// <summary>The product's not-found page; a unit outside the caller's scope must show exactly this.</summary>
    public ILocator NotFound => Page.Locator("main h1", new() { HasText = "找不到这个页面" });
}
