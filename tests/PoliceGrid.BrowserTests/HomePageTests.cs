using PoliceGrid.BrowserTests.Infrastructure;
using PoliceGrid.BrowserTests.Pages;

namespace PoliceGrid.BrowserTests;

[Collection(BrowserSuite.Name)]
public sealed class HomePageTests(ProductServer server, BrowserSession browser)
{
    [Fact]
    public Task HomePageRespondsOnAPhoneScreen() => browser.RunAsync(Screen.Phone, async page =>
    {
        var home = new HomePage(page, server.BaseUrl);

        var response = await home.OpenAsync();

        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        Assert.Equal(1, await home.Body.CountAsync());
        Assert.False(string.IsNullOrWhiteSpace(await home.Body.InnerTextAsync()));
    });
}
