namespace PoliceGrid.BrowserTests.Pages;

/// <summary>The duty rota (值班表) at "/duty": a week of a unit's shifts, with the head's forms.</summary>
public sealed class DutyRotaPage(IPage page, string baseUrl) : PageObject(page, baseUrl)
{
    public Task<IResponse?> OpenAsync() => GotoAsync("duty");

    public async Task NextWeekAsync()
    {
        var before = await Page.Locator("[data-test=rota-week]").InnerTextAsync();
        await Page.Locator("[data-test=next-week]").ClickAsync();
        await Page.Locator("[data-test=rota-week]").Filter(new() { HasNotText = before }).WaitForAsync();
    }

    /// <summary>The cell of a day's shift, e.g. ("2026-11-30", "Night").</summary>
    public ILocator Cell(string date, string period) => Page.Locator($"[data-test=rota] tr[data-date='{date}'] td[data-period='{period}']");

    public async Task<string> FirstDateAsync() => (await Page.Locator("[data-test=rota] tbody tr").First.GetAttributeAsync("data-date"))!;

    /// <summary>Puts the person whose name starts the option's text in a seat, with the form under the table.</summary>
    public async Task AddAsync(string date, string period, string seat, string name)
    {
        var form = Page.Locator("[data-test=assign-form]");
        await form.Locator("select[name=Date]").SelectOptionAsync(date);
        await form.Locator("select[name=Period]").SelectOptionAsync(period);
        await form.Locator("select[name=Seat]").SelectOptionAsync(seat);
        var person = form.Locator("select[name=AccountId] option").Filter(new() { HasText = name }).First;
        await form.Locator("select[name=AccountId]").SelectOptionAsync((await person.GetAttributeAsync("value"))!);
        await form.Locator("button[type=submit]").ClickAsync();
        await Result.WaitForAsync();
    }

    public async Task CopyLastWeekAsync()
    {
        await Page.Locator("[data-test=copy-form] button[type=submit]").ClickAsync();
        await Result.WaitForAsync();
    }

    public ILocator Result => Page.Locator("[data-test=duty-result]");
}
