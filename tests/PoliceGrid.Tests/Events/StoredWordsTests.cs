using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Tests.Events;

/// <summary>Facts stored once as keys (the routing reason) read in each reader's language.</summary>
[Collection(EventsData.Name)]
public class StoredWordsTests(SqliteEvents sqlite, PostgresEvents postgres) : EventTests(sqlite, postgres)
{
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ARoutingReasonStoredOnceReadsInChineseAndInEnglish(string provider)
    {
        var app = On(provider);
        app.Clock.SetChinaTime(2026, 3, 11, 10, 0);
        var id = IdOf(await app.ReportAsync("gridworker1"));
        var stored = await app.App.WithDbAsync(db => db.Events.AsNoTracking().Where(e => e.Id == id).Select(e => e.RoutedBy).SingleAsync());
        var chinese = await app.App.SignInAsync("dispatcher");
        var english = await app.App.SignInAsync("dispatcher");
        await english.GetAsync("/language/en?back=/");

        var zhPage = await chinese.GetStringAsync($"/events/{id}");
        var enPage = await english.GetStringAsync($"/events/{id}");

        Assert.DoesNotContain("→", stored!, StringComparison.Ordinal);
        Assert.Contains("data-test=\"event-routed-by\">工作时间非警务→网格员<", zhPage, StringComparison.Ordinal);
        Assert.Contains("data-test=\"event-routed-by\">non-police work in office hours → grid workers<", enPage, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheApiGivesTheRoutingReasonAndStepNotesInBothLanguagesNotTheirStoredKeys(string provider)
    {
        var app = On(provider);
        app.Clock.SetChinaTime(2026, 3, 11, 10, 0);
        var id = IdOf(await app.ReportAsync("gridworker1"));

        var view = await (await app.As("dispatcher")).GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/events/{id}");

        Assert.Equal("工作时间非警务→网格员", view.GetProperty("routedByZh").GetString());
        Assert.Equal("non-police work in office hours → grid workers", view.GetProperty("routedByEn").GetString());
        Assert.False(view.TryGetProperty("routedBy", out _));
        var reported = view.GetProperty("steps")[0];
        Assert.Equal("工作时间非警务→网格员", reported.GetProperty("noteZh").GetString());
        Assert.Equal("non-police work in office hours → grid workers", reported.GetProperty("noteEn").GetString());
        Assert.DoesNotContain("\\u0022Key\\u0022", view.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("\\\"Key\\\"", view.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void AReasonStoredBeforeKeysStillShowsEachReaderHerHalf()
    {
        var old = Words.Stored("警务类→社区民警 / police work → community officer", pairs: true);
        Assert.Equal("警务类→社区民警", old.Zh);
        Assert.Equal("police work → community officer", old.En);
    }
}
