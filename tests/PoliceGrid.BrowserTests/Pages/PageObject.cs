namespace PoliceGrid.BrowserTests.Pages;

/// <summary>
/// Base of the page objects: one class per product page (HomePage, later LoginPage, MapPage, ...), exposing what a
/// user can see and do there, so tests read as user stories and selectors live in one place.
/// </summary>
public abstract class PageObject
{
    protected PageObject(IPage page, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentException.ThrowIfNullOrEmpty(baseUrl);
        Page = page;
        BaseUrl = baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/";
    }

    public IPage Page { get; }

    public string BaseUrl { get; }

    /// <summary>Navigates to <paramref name="path"/> relative to <see cref="BaseUrl"/> (e.g. "login" or "/map?x=1").</summary>
    public Task<IResponse?> GotoAsync(string path) =>
        Page.GotoAsync(new Uri(new Uri(BaseUrl), path.TrimStart('/')).ToString());
}
