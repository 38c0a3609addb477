using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Data;
using static PoliceGrid.Tests.Accounts.AccountTesting;

namespace PoliceGrid.Tests.Accounts;

/// <summary>Sessions end on the server: a cookie copied before logout, disabling, a password or role change or "end sessions" gets 401.</summary>
public class SessionTests
{
    public static TheoryData<string> Both => [.. Providers];

    [Theory]
    [MemberData(nameof(Both))]
    public async Task ACookieCopiedBeforeLogoutGets401AfterIt(string provider)
    {
        await using var app = await ProductApp.StartAsync(provider);
        var copied = await CookieAsync(app, "officer");
        var client = await app.SignInAsync("officer");
        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(app, copied)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/auth/logout", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await ReplayAsync(app, copied)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ReplayAsync(app, copied, "/api/events")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task ADisabledAccountLosesItsSessionsAndCannotSignInUntilEnabled(string provider)
    {
        await using var app = await ProductApp.StartAsync(provider);
        var copied = await CookieAsync(app, "gridworker1");
        var id = await IdOfAsync(app, "gridworker1");
        var admin = await app.SignInAsync("admin");

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/accounts/{id}/disable", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await ReplayAsync(app, copied)).StatusCode);
        var refused = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { userName = "gridworker1", password = DemoSeed.Password });
        var unknown = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { userName = "nobody", password = DemoSeed.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(Title(await unknown.Content.ReadAsStringAsync()), Title(await refused.Content.ReadAsStringAsync()));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/accounts/{id}/enable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { userName = "gridworker1", password = DemoSeed.Password })).StatusCode);
        var recordId = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "disable-account" && e.RecordId == recordId)));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "enable-account" && e.RecordId == recordId)));
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task ChangingThePasswordEndsOtherSessionsButKeepsThisOne(string provider)
    {
        await using var app = await ProductApp.StartAsync(provider);
        var copied = await CookieAsync(app, "officer");
        var client = await app.SignInAsync("officer");

        var changed = await client.PostAsJsonAsync("/api/auth/password", new { currentPassword = DemoSeed.Password, newPassword = "Quiet-River-2031" });

        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ReplayAsync(app, copied)).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "change-password" && e.Outcome == "success")));
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task ARoleOrUnitChangeEndsTheSessionsOfTheAccount(string provider)
    {
        await using var app = await ProductApp.StartAsync(provider);
        var worker = await CookieAsync(app, "gridworker1");
        var chief = await CookieAsync(app, "gridchief");
        var otherUnit = await app.WithDbAsync(db => db.Users.Where(a => a.UserName == "gridworker2").Select(a => a.UnitId).SingleAsync());

        // Whatever path changes it (a grant, a move): what the cookie says no longer matches the account.
        await app.WithDbAsync(db => db.Users.Where(a => a.UserName == "gridworker1").ExecuteUpdateAsync(s => s.SetProperty(a => a.Role, Role.GridChief)));
        await app.WithDbAsync(db => db.Users.Where(a => a.UserName == "gridchief").ExecuteUpdateAsync(s => s.SetProperty(a => a.UnitId, otherUnit)));

        Assert.Equal(HttpStatusCode.Unauthorized, (await ReplayAsync(app, worker)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ReplayAsync(app, chief)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task EndingSessionsFollowsSeparatedDutiesAndIsAudited(string provider)
    {
        await using var app = await ProductApp.StartAsync(provider);
        var officer = await CookieAsync(app, "officer");
        var auditor = await CookieAsync(app, "auditor");
        var admin = await app.SignInAsync("admin");
        var secadmin = await app.SignInAsync("secadmin");

        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsync($"/api/accounts/{await IdOfAsync(app, "auditor")}/end-sessions", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await secadmin.PostAsync($"/api/accounts/{await IdOfAsync(app, "officer")}/end-sessions", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await secadmin.PostAsync($"/api/accounts/{await IdOfAsync(app, "officer")}/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(app, officer)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(app, auditor)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/accounts/{await IdOfAsync(app, "officer")}/end-sessions", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await secadmin.PostAsync($"/api/accounts/{await IdOfAsync(app, "auditor")}/end-sessions", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await ReplayAsync(app, officer)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ReplayAsync(app, auditor)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("gridworker1")).PostAsync($"/api/accounts/{await IdOfAsync(app, "officer")}/end-sessions", null)).StatusCode);
        var rows = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == "end-sessions").Select(e => e.Outcome).ToListAsync());
        Assert.Equal(["failure", "failure", "success", "success"], rows.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task EndingSessionsOnOneInstanceEndsThemOnTheOther(string provider)
    {
        await using var first = await ProductApp.StartAsync(provider);
        await using var second = new ProductApp(first.Database, ownsDatabase: false);
        var copied = await CookieAsync(first, "officer");
        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(second, copied)).StatusCode);

        var admin = await second.SignInAsync("admin");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/accounts/{await IdOfAsync(second, "officer")}/end-sessions", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await ReplayAsync(first, copied)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task ASessionEndsAfterTwelveHoursEvenWhileInUse(string provider)
    {
        var clock = new TestClock();
        await using var app = new ProductApp(await TestDatabase.CreateAsync(provider),
            services: s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));
        var cookie = await CookieAsync(app, "officer");

        for (var minutes = 0; minutes < 11 * 60 + 45; minutes += 20)
        {
            clock.Advance(TimeSpan.FromMinutes(20));
            var active = await ReplayAsync(app, cookie);
            Assert.Equal(HttpStatusCode.OK, active.StatusCode);
            if (active.Headers.TryGetValues("Set-Cookie", out _))
                cookie = SessionCookie(active);
        }
        clock.Advance(TimeSpan.FromMinutes(20));

        Assert.Equal(HttpStatusCode.Unauthorized, (await ReplayAsync(app, cookie)).StatusCode);
    }

    [Fact]
    public void TheAbsoluteLifetimeIsTwelveHoursUnlessSet()
    {
        var settings = new AccountSettings(Microsoft.Extensions.Options.Options.Create(new AccountOptions()), Microsoft.Extensions.Options.Options.Create(new DemoOptions()));
        Assert.Equal(TimeSpan.FromHours(12), settings.AbsoluteSession);
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task SigningInIssuesANewSessionWhateverCookieTheBrowserBrought(string provider)
    {
        await using var app = await ProductApp.StartAsync(provider);
        var planted = await CookieAsync(app, "gridworker1");
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        var login = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { userName = "gridworker1", password = DemoSeed.Password }) };
        login.Headers.Add("Cookie", planted);

        var issued = SessionCookie(await client.SendAsync(login));

        Assert.NotEqual(planted, issued);
        var before = JsonDocument.Parse(await (await ReplayAsync(app, planted)).Content.ReadAsStringAsync()).RootElement.GetProperty("session").GetString();
        var after = JsonDocument.Parse(await (await ReplayAsync(app, issued)).Content.ReadAsStringAsync()).RootElement.GetProperty("session").GetString();
        Assert.False(string.IsNullOrEmpty(after));
        Assert.NotEqual(before, after);
    }

    static string? Title(string json) => JsonDocument.Parse(json).RootElement.GetProperty("title").GetString();
}
