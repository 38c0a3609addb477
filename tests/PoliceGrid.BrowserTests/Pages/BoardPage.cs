namespace PoliceGrid.BrowserTests.Pages;

/// <summary>The command room's live board at "/command-room".</summary>
public sealed class BoardPage(IPage page, string baseUrl) : PageObject(page, baseUrl)
{
    public async Task OpenAsync()
    {
        await GotoAsync("command-room");
        // live.js marks the page once its event stream is open.
        await Page.Locator("html[data-live=on]").WaitForAsync();
    }

    public ILocator NewEvents => Page.Locator("[data-test=board-new] li");

    public ILocator NewEvent(string title) => NewEvents.Filter(new() { HasText = title });

    public ILocator MapMarkers => Page.Locator("#board-map path.leaflet-interactive");
}
