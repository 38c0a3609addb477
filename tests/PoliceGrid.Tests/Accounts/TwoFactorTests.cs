using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Data;
using static PoliceGrid.Tests.Accounts.AccountTesting;

namespace PoliceGrid.Tests.Accounts;

/// <summary>With <c>Security:RequireTwoFactor</c> on, police, command-room and administrator roles need a TOTP code: a password alone reads nothing.</summary>
public class TwoFactorTests
{
    public static TheoryData<string> Both => [.. Providers];

    static readonly Dictionary<string, string> Required = new() { ["Security:RequireTwoFactor"] = "true" };

    static Task<HttpResponseMessage> Login(HttpClient client, string userName, string? code = null, string password = DemoSeed.Password) =>
        client.PostAsJsonAsync("/api/auth/login", new { userName, password, code });

    static HttpClient Browser(ProductApp app) => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Signs in with the password, enrols an authenticator as the enrolment asks, and returns its key and the step whose code it used.</summary>
    static async Task<(string Key, long Step)> EnrolAsync(ProductApp app, string userName)
    {
        var client = Browser(app);
        Assert.Equal(HttpStatusCode.OK, (await Login(client, userName)).StatusCode);
        var key = JsonDocument.Parse(await client.GetStringAsync("/api/auth/two-factor")).RootElement;
        Assert.StartsWith("otpauth://totp/", key.GetProperty("uri").GetString(), StringComparison.Ordinal);
        var secret = key.GetProperty("key").GetString()!;
        var step = CurrentStep;
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/auth/two-factor", new { code = Totp(secret, step) })).StatusCode);
        return (secret, step);
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task APoliceAccountWithoutAnAuthenticatorMustEnrolBeforeItReadsAnything(string provider)
    {
        await using var app = await ProductApp.StartAsync(provider, settings: Required);
        var client = Browser(app);

        var signedIn = await Login(client, "officer");
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal("two-factor", JsonDocument.Parse(await signedIn.Content.ReadAsStringAsync()).RootElement.GetProperty("pending").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/events")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/register/residents")).StatusCode);
        var page = await client.GetAsync("/");
        Assert.Equal("/account/two-factor", page.Headers.Location!.OriginalString);
        var enrolResponse = await client.GetAsync("/account/two-factor");
        Assert.True(enrolResponse.StatusCode == HttpStatusCode.OK, $"{enrolResponse.StatusCode} to {enrolResponse.Headers.Location}");
        var enrolPage = await enrolResponse.Content.ReadAsStringAsync();
        Assert.Contains("otpauth://totp/", enrolPage, StringComparison.Ordinal);
        var key = JsonDocument.Parse(await client.GetStringAsync("/api/auth/two-factor")).RootElement.GetProperty("key").GetString()!;

        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/auth/two-factor", new { code = "000000" == Totp(key, CurrentStep) ? "111111" : "000000" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/auth/two-factor", new { code = Totp(key, CurrentStep) })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/events")).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "enrol-two-factor" && e.Outcome == "success")));
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task EverySignInThenAsksForTheCodeAndAReplayedCodeFails(string provider)
    {
        await using var app = await ProductApp.StartAsync(provider, settings: Required);
        var (key, enrolled) = await EnrolAsync(app, "dispatcher");
        var client = Browser(app);

        var withoutCode = await Login(client, "dispatcher");
        Assert.Equal(HttpStatusCode.Unauthorized, withoutCode.StatusCode);
        var problem = JsonDocument.Parse(await withoutCode.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("codeNeeded").GetBoolean());
        Assert.Contains("验证码", problem.GetProperty("zh").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me")).StatusCode);

        // The enrolment used its step's code; a later step's code (up to two ahead, for clock drift) is accepted, once.
        var step = Math.Max(CurrentStep, enrolled + 1);
        var code = Totp(key, step);
        Assert.Equal(HttpStatusCode.OK, (await Login(client, "dispatcher", code)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/events")).StatusCode);

        var replayed = await Login(Browser(app), "dispatcher", code);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Login(Browser(app), "dispatcher", Totp(key, step + 1))).StatusCode);
    }

    /// <summary>
    /// The authenticator accepts codes from two steps before to two after now, for clock drift. Once a later step's code
    /// is used, an earlier step's code, though never used, was shown on the phone before it and is refused: someone who
    /// saw it over a shoulder cannot sign in with it.
    /// </summary>
    [Theory]
    [MemberData(nameof(Both))]
    public async Task ACodeOfAStepBeforeTheLastAcceptedOneIsRefused(string provider)
    {
        await using var app = await ProductApp.StartAsync(provider, settings: Required);
        var (key, enrolled) = await EnrolAsync(app, "stationhead");
        var later = Math.Max(CurrentStep, enrolled) + 2;

        var signedIn = await Login(Browser(app), "stationhead", Totp(key, later));
        var earlier = await Login(Browser(app), "stationhead", Totp(key, later - 1));

        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, earlier.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task WrongCodesCountTowardTheLockoutAndAreAudited(string provider)
    {
        await using var app = await ProductApp.StartAsync(provider, settings: Required);
        var (key, _) = await EnrolAsync(app, "admin");
        var good = Totp(key, CurrentStep + 1);
        var wrong = Enumerable.Range(0, 1000).Select(i => i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture))
            .First(c => Enumerable.Range(-3, 7).All(d => Totp(key, CurrentStep + d) != c));

        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await Login(Browser(app), "admin", wrong)).StatusCode);
        var locked = await Login(Browser(app), "admin", good);

        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.False(JsonDocument.Parse(await locked.Content.ReadAsStringAsync()).RootElement.TryGetProperty("codeNeeded", out _));
        Assert.Equal(5, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "login-two-factor" && e.Outcome == "failure")));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "account-locked" && e.UserName == "admin")));
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task GridStaffAndDemoModeNeedNoSecondFactor(string provider)
    {
        await using var required = await ProductApp.StartAsync(provider, settings: Required);
        await using var demo = new ProductApp(required.Database, ownsDatabase: false);

        Assert.Equal(HttpStatusCode.OK, (await (await required.SignInAsync("gridworker1")).GetAsync("/api/events")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await demo.SignInAsync("officer")).GetAsync("/api/events")).StatusCode);
    }

    [Fact]
    public void TheSecondFactorIsRequiredOutsideDemoModeUnlessSet()
    {
        static Web.Accounts.AccountSettings With(bool demo = false, bool? required = null) => new(
            Microsoft.Extensions.Options.Options.Create(new Web.Accounts.AccountOptions { RequireTwoFactor = required }),
            Microsoft.Extensions.Options.Options.Create(new DemoOptions { Enabled = demo }));
        Assert.True(With().RequireTwoFactor);
        Assert.False(With(demo: true).RequireTwoFactor);
        Assert.False(With(required: false).RequireTwoFactor);
    }
}
