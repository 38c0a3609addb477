using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Tests.Events;

namespace PoliceGrid.Tests.Disputes;

/// <summary>The dispute figures of a village for a day, against cases the test makes there, and their drill-down to the list.</summary>
[Collection(EventsData.Name)]
public class DisputeFiguresTests(SqliteEvents sqlite, PostgresEvents postgres) : EventTests(sqlite, postgres)
{
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AVillagesFiguresCountFoundResolvedAndReferredCasesAndOpenTheirList(string provider)
    {
        var app = On(provider);
        app.Clock.SetChinaTime(2026, 6, 2, 9, 0);
        var grid = await app.UnitOf("gridworker2");
        var village = await app.App.WithDbAsync(db => db.Units.Where(u => u.Id == grid).Select(u => u.ParentId!.Value).SingleAsync());
        var director = await app.As("director");
        async Task<int> OpenAsync(string title)
        {
            var r = await director.PostAsJsonAsync("/api/disputes", new
            {
                type = "LabourWages", source = "WalkIn", title, gridId = grid,
                parties = new[] { new { name = "甲" + Guid.NewGuid().ToString("N")[..4] }, new { name = "乙" + Guid.NewGuid().ToString("N")[..4] } },
            });
            Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());
            return await r.Content.ReadFromJsonAsync<int>();
        }
        var resolved = await OpenAsync("欠薪一");
        var referred = await OpenAsync("欠薪二");
        await OpenAsync("欠薪三");
        var mediator = await app.App.WithDbAsync(db => db.Mediators.Where(m => m.Name == "马律师").Select(m => m.Id).SingleAsync());
        var parties = (await director.GetFromJsonAsync<JsonElement>($"/api/disputes/{resolved}")).GetProperty("parties").EnumerateArray().Select(p => p.GetProperty("id").GetInt32());
        foreach (var party in parties)
            Assert.True((await director.PostAsJsonAsync($"/api/disputes/{resolved}/choices", new { partyId = party, mediatorId = mediator, way = "InPerson" })).IsSuccessStatusCode);
        var agreed = await director.PostAsJsonAsync($"/api/disputes/{resolved}/agreement", new { facts = "欠薪", points = "金额", terms = "分两期支付" });
        Assert.True(agreed.IsSuccessStatusCode, await agreed.Content.ReadAsStringAsync());
        Assert.True((await director.PostAsJsonAsync($"/api/disputes/{referred}/refer", new { kind = "Arbitration", toName = "劳动人事争议仲裁委员会" })).IsSuccessStatusCode);

        var report = await director.GetFromJsonAsync<JsonElement>($"/api/disputes/figures?unitId={village}&by=village&from=2026-06-02&to=2026-06-02");
        var row = report.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetInt32() == village).GetProperty("now");
        Assert.Equal(3, row.GetProperty("found").GetInt32());
        Assert.Equal(1, row.GetProperty("resolved").GetInt32());
        Assert.Equal(1, row.GetProperty("withinLimit").GetInt32());
        Assert.Equal(1, row.GetProperty("referred").GetInt32());
        Assert.Equal(33.3, row.GetProperty("rate").GetDouble());

        var from = report.GetProperty("fromUtc").GetDateTime().ToString("O");
        var to = report.GetProperty("toUtc").GetDateTime().ToString("O");
        var list = await director.GetFromJsonAsync<JsonElement>($"/api/disputes?unitId={village}&figure=resolved&from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}");
        Assert.Equal(new[] { resolved }, list.EnumerateArray().Select(r => r.GetProperty("id").GetInt32()).ToArray());
    }
}
