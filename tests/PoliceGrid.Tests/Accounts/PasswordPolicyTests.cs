using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Data;
using static PoliceGrid.Tests.Accounts.AccountTesting;

namespace PoliceGrid.Tests.Accounts;

/// <summary>Passwords an attacker tries first are refused on the server; first passwords are one-time; old ones expire.</summary>
public class PasswordPolicyTests
{
    public static TheoryData<string> Both => [.. Providers];

    static Task<HttpResponseMessage> ChangeAsync(HttpClient client, string current, string next) =>
        client.PostAsJsonAsync("/api/auth/password", new { currentPassword = current, newPassword = next });

    static object NewAccount(string userName, Role role = Role.GridWorker, string password = "Strong#Pass1") =>
        new { userName, displayName = "新同事", role = role.ToString(), unitCode = DemoSeed.DemoTownship, password };

    [Theory]
    [InlineData("Password1", "常见")]
    [InlineData("Qwerty123", "常见")]
    [InlineData("MyPoliceGrid#1", "产品名称")]
    [InlineData("我的警网Abc123", "产品名称")]
    [InlineData("Officer#2031", "用户名")]
    [InlineData("Short1!", "至少8位")]
    public async Task TheChangePasswordApiRefusesGuessablePasswordsWithTheReason(string password, string reason)
    {
        await using var app = await ProductApp.StartAsync(DatabaseSetup.Sqlite);
        var client = await app.SignInAsync("officer");

        var response = await ChangeAsync(client, DemoSeed.Password, password);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("zh").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { userName = "officer", password = DemoSeed.Password })).StatusCode);
    }

    [Fact]
    public void TheDemoPasswordIsRefusedOutsideDemoModeOnly()
    {
        var account = new Account { UserName = "someone", DisplayName = "某人" };
        Assert.NotNull(PasswordRules.InContext(account, DemoSeed.Password, demo: false));
        Assert.Null(PasswordRules.InContext(account, DemoSeed.Password, demo: true));
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task NoneOfTheLastFivePasswordsCanBeReusedButALongPassphraseIsFine(string provider)
    {
        await using var app = await ProductApp.StartAsync(provider);
        var client = await app.SignInAsync("officer");
        string[] passwords = ["Amber-Lake-2031", "Birch-Hill-2032", "Cedar-Moss-2033", "Dune-Field-2034"];
        var current = DemoSeed.Password;
        foreach (var next in passwords)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await ChangeAsync(client, current, next)).StatusCode);
            current = next;
        }

        var reused = await ChangeAsync(client, current, passwords[0]);
        var passphrase = "a pasted passphrase that is quite long: 风起于青萍之末，浪成于微澜之间 2031";

        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Contains("最近5次", await reused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await ChangeAsync(client, current, passphrase)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ChangeAsync(client, passphrase, "Elm-Street-2035")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ChangeAsync(client, "Elm-Street-2035", passwords[1])).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task AFirstPasswordSetByAnAdministratorMustBeChangedBeforeAnythingElse(string provider)
    {
        await using var app = await ProductApp.StartAsync(provider);
        var admin = await app.SignInAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/accounts", NewAccount("newworker"))).StatusCode);
        await ApproveGrantAsync(app, "newworker");
        var client = await app.SignInAsync("newworker", "Strong#Pass1");

        var blocked = await client.GetAsync("/api/events");
        Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);
        var problem = JsonDocument.Parse(await blocked.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("password", problem.GetProperty("pending").GetString());
        Assert.Contains("修改密码", problem.GetProperty("zh").GetString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await ChangeAsync(client, "Strong#Pass1", "Harbour-Light-2031")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/events")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task TheSignInPageSendsAFirstPasswordToTheChangePageUntilItIsChanged(string provider)
    {
        await using var app = await ProductApp.StartAsync(provider);
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsync("admin")).PostAsJsonAsync("/api/accounts", NewAccount("pageworker"))).StatusCode);
        await ApproveGrantAsync(app, "pageworker");
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var signedIn = await PostPageFormAsync(browser, "/login", new Dictionary<string, string> { ["Input.UserName"] = "pageworker", ["Input.Password"] = "Strong#Pass1" });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/account/password", PathOf(signedIn.Headers.Location!));
        var home = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/account/password", PathOf(home.Headers.Location!));

        var changed = await PostPageFormAsync(browser, "/account/password", new Dictionary<string, string>
        {
            ["Input.Current"] = "Strong#Pass1", ["Input.New"] = "Harbour-Light-2031", ["Input.Again"] = "Harbour-Light-2031",
        });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Contains("data-test=\"password-changed\"", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task APasswordOlderThanTheMaximumAgeMustBeChangedAndRotationCanBeTurnedOff(string provider)
    {
        await using var app = await ProductApp.StartAsync(provider);
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsync("admin")).PostAsJsonAsync("/api/accounts", NewAccount("oldworker"))).StatusCode);
        await ApproveGrantAsync(app, "oldworker");
        var first = await app.SignInAsync("oldworker", "Strong#Pass1");
        Assert.Equal(HttpStatusCode.NoContent, (await ChangeAsync(first, "Strong#Pass1", "Harbour-Light-2031")).StatusCode);
        await app.WithDbAsync(db => db.Users.Where(a => a.UserName == "oldworker")
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.PasswordChangedAt, DateTime.UtcNow.AddDays(-91))));

        var expired = await app.SignInAsync("oldworker", "Harbour-Light-2031");
        Assert.Equal(HttpStatusCode.Forbidden, (await expired.GetAsync("/api/events")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsync("officer")).GetAsync("/api/events")).StatusCode);

        await using var noRotation = new ProductApp(app.Database, ownsDatabase: false,
            settings: new Dictionary<string, string> { ["Security:PasswordMaxAgeDays"] = "0" });
        Assert.Equal(HttpStatusCode.OK, (await (await noRotation.SignInAsync("oldworker", "Harbour-Light-2031")).GetAsync("/api/events")).StatusCode);
    }

    /// <summary>The path a redirect leads to, whether the server wrote it absolute or relative.</summary>
    static string PathOf(Uri location) => location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString;
}
