namespace PoliceGrid.BrowserTests.Pages;

/// <summary>The sign-in page at "/login".</summary>
public sealed class LoginPage(IPage page, string baseUrl) : PageObject(page, baseUrl)
{
    public const string DemoPassword = "PoliceGrid#2026";

    public Task<IResponse?> OpenAsync() => GotoAsync("login");

    /// <summary>Signs in with a demo account and waits until the product has left the sign-in page.</summary>
    public async Task SignInAsync(string userName, string password = DemoPassword)
    {
        await OpenAsync();
        await Page.Locator("input[name='Input.UserName']").FillAsync(userName);
        await Page.Locator("input[name='Input.Password']").FillAsync(password);
        await Page.Locator("form button[type=submit]").ClickAsync();
        // The sign-out form appears only once the product has accepted the password and redirected.
        await Page.Locator("form[action='/logout']").WaitForAsync();
    }

    /// <summary>The "我的工作" tile that opens the user's own unit on the map.</summary>
    public ILocator MyMapTile => Page.Locator("a.tile[href^='/map']");
}
