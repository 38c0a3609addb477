namespace PoliceGrid.BrowserTests.Pages;

/// <summary>"/register/collect": the first step of collecting a household, its address and house.</summary>
public sealed class CollectHouseholdPage(IPage page, string baseUrl) : PageObject(page, baseUrl)
{
    public async Task SaveAsync(string road, string door, string owner)
    {
        await Page.Locator("[data-test=road]").FillAsync(road);
        await Page.Locator("[data-test=door]").FillAsync(door);
        await Page.Locator("[data-test=owner]").FillAsync(owner);
        await Page.Locator("[data-test=save-household]").ClickAsync();
        await Page.Locator("[data-test=house-address]").WaitForAsync();
    }
}

/// <summary>"/register/houses/{id}": a house, its residents, and the form that adds one.</summary>
public sealed class HousePage(IPage page, string baseUrl) : PageObject(page, baseUrl)
{
    public ILocator Address => Page.Locator("[data-test=house-address]");

    public ILocator Message => Page.Locator("[data-test=message]");

    public ILocator Resident(string name) => Page.Locator("[data-test=residents] li", new() { HasText = name });

    public async Task AddResidentAsync(string name, string idNumber, string phone)
    {
        await Page.Locator("[data-test=resident-name]").FillAsync(name);
        await Page.Locator("[data-test=resident-id]").FillAsync(idNumber);
        await Page.Locator("[data-test=resident-phone]").FillAsync(phone);
        await Page.Locator("[data-test=save-resident]").ClickAsync();
        await Resident(name).WaitForAsync();
    }
}

/// <summary>"/register/queue": what an officer has to verify or return.</summary>
public sealed class VerificationQueuePage(IPage page, string baseUrl) : PageObject(page, baseUrl)
{
    public Task<IResponse?> OpenAsync() => GotoAsync("register/queue");

    public ILocator Item(string name) => Page.Locator("[data-test=queue-item]", new() { HasText = name });

    public async Task VerifyAsync(string name)
    {
        await Item(name).Locator("[data-test=verify]").ClickAsync();
        await Item(name).WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    public async Task ReturnAsync(string name, string reason)
    {
        await Item(name).Locator("[data-test=return-reason]").FillAsync(reason);
        await Item(name).Locator("[data-test=return]").ClickAsync();
        await Item(name).WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }
}
