namespace PoliceGrid.BrowserTests.Pages;

/// <summary>The home page's team section: one's team, its members, and a call button each.</summary>
public sealed class MyTeamSection(IPage page, string baseUrl) : PageObject(page, baseUrl)
{
    public Task<IResponse?> OpenAsync() => GotoAsync("");

    public ILocator Team => Page.Locator("[data-test=my-team]").First;

    public ILocator Member(string name) => Team.Locator("[data-member]", new LocatorLocatorOptions { HasText = name });

    public ILocator CallButton(string name) => Member(name).Locator("[data-test=call]");
}
