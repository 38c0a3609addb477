namespace PoliceGrid.BrowserTests.Pages;

/// <summary>The dispute pages: open a case from an event, a case's forms, the agreement.</summary>
public sealed class DisputePages(IPage page, string baseUrl) : PageObject(page, baseUrl)
{
    public Task OpenEventAsync(int eventId) => GotoAsync($"events/{eventId}");

    public ILocator OpenCaseLink => Page.Locator("[data-test=open-dispute-case]");

    public async Task OpenCaseAsync(params string[] parties)
    {
        var form = Page.Locator("[data-test=open-dispute]");
        for (var i = 0; i < parties.Length; i++)
            await form.Locator($"input[name=Party{i}]").FillAsync(parties[i]);
        await form.Locator("button[type=submit]").ClickAsync();
    }

    public ILocator Result => Page.Locator("[data-test=dispute-result]");
    public ILocator Status => Page.Locator("[data-test=dispute-status]");
    public ILocator Mediator => Page.Locator("[data-test=dispute-mediator]");

    public async Task RecordChoiceAsync(string party, string mediator, string way)
    {
        var form = Page.Locator("[data-test=choice-form]");
        await form.Locator("select[name=PartyId]").SelectOptionAsync(new SelectOptionValue { Label = party });
        var option = form.Locator("select[name=MediatorId] option", new() { HasTextString = mediator });
        await form.Locator("select[name=MediatorId]").SelectOptionAsync(await option.First.GetAttributeAsync("value") ?? "");
        await form.Locator("select[name=Way]").SelectOptionAsync(way);
        await form.Locator("button[type=submit]").ClickAsync();
    }

    public async Task RecordSessionAsync(string place, string notes)
    {
        var form = Page.Locator("[data-test=session-form]");
        await form.Locator("input[name=Place]").FillAsync(place);
        await form.Locator("textarea[name=Notes]").FillAsync(notes);
        await form.Locator("button[type=submit]").ClickAsync();
    }

    public async Task RecordAgreementAsync(string facts, string points, string terms, string obligation, string due)
    {
        var form = Page.Locator("[data-test=agreement-form]");
        await form.Locator("textarea[name=Facts]").FillAsync(facts);
        await form.Locator("textarea[name=Points]").FillAsync(points);
        await form.Locator("textarea[name=Terms]").FillAsync(terms);
        await form.Locator("input[name=Obligation0]").FillAsync(obligation);
        await form.Locator("input[name=ObligationDue0]").FillAsync(due);
        await form.Locator("button[type=submit]").ClickAsync();
    }
}
