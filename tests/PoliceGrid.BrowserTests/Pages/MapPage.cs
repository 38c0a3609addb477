namespace PoliceGrid.BrowserTests.Pages;

/// <summary>The unit map at "/map?unit=ID".</summary>
public sealed class MapPage(IPage page, string baseUrl) : PageObject(page, baseUrl)
{
    public Task<IResponse?> OpenAsync(int? unitId = null) => GotoAsync(unitId is null ? "map" : $"map?unit={unitId}");

    public ILocator UnitName => Page.Locator("[data-test=unit-name]");

    /// <summary>Outlines Leaflet drew as SVG paths.</summary>
    public ILocator Outlines => Page.Locator("#unit-map svg path.leaflet-interactive");

    public ILocator ChildList => Page.Locator("[data-test=map-children] li");

    public ILocator BottomNavigation => Page.Locator("nav.nav");
}
