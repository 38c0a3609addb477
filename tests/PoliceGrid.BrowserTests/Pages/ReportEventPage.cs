namespace PoliceGrid.BrowserTests.Pages;

/// <summary>The report form at "/events/new" and the event page it leads to.</summary>
public sealed class ReportEventPage(IPage page, string baseUrl) : PageObject(page, baseUrl)
{
    public Task<IResponse?> OpenAsync() => GotoAsync("events/new");

    public async Task ReportAsync(string categoryCode, string title, string description)
    {
        var form = Page.Locator("[data-test=report-form]");
        await form.Locator("select[name='Input.CategoryCode']").SelectOptionAsync(categoryCode);
        await form.Locator("input[name='Input.Title']").FillAsync(title);
        await form.Locator("textarea[name='Input.Description']").FillAsync(description);
        await form.Locator("button[type=submit]").ClickAsync();
        // The report goes through the phone's outbox, which opens the event once the server has it.
        await Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/events/[0-9]+$"));
        await Status.WaitForAsync();
    }

    public ILocator Status => Page.Locator("[data-test=event-status]");
}
