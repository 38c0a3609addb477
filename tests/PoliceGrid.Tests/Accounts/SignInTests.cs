using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Data;

namespace PoliceGrid.Tests.Accounts;

public class SignInTests
{
    static Task<HttpResponseMessage> Login(HttpClient client, string userName, string password) =>
        client.PostAsJsonAsync("/api/auth/login", new { userName, password });

    [Fact]
    public async Task FiveFailuresLockTheAccountAndEveryRefusalReadsTheSame()
    {
        await using var app = await ProductApp.StartAsync(DatabaseSetup.Sqlite);
        var client = app.CreateClient();

        var unknown = await Login(client, "nobody", "Whatever#2026");
        var answers = new List<string> { await unknown.Content.ReadAsStringAsync() };
        for (var i = 0; i < 5; i++)
        {
            var wrong = await Login(client, "gridworker2", "Wrong#Password1");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            answers.Add(await wrong.Content.ReadAsStringAsync());
        }
        var locked = await Login(client, "gridworker2", DemoSeed.Password);
        answers.Add(await locked.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Single(answers.Select(a => JsonDocument.Parse(a).RootElement.GetProperty("title").GetString()).Distinct());
        var account = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(a => a.UserName == "gridworker2"));
        Assert.True(account.LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(14));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "account-locked" && e.UserName == "gridworker2")));
        Assert.Equal(HttpStatusCode.OK, (await Login(client, "gridworker1", DemoSeed.Password)).StatusCode);
    }

    [Fact]
    public async Task SignInIsRateLimitedPerAddress()
    {
        await using var app = await ProductApp.StartAsync(DatabaseSetup.Sqlite, seed: false,
            settings: new Dictionary<string, string> { ["Security:LoginAttemptsPerMinute"] = "3" });
        var client = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            statuses.Add((await Login(client, "someone", "Whatever#2026")).StatusCode);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized,
            HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Theory]
    [InlineData("short1A", false)]
    [InlineData("alllowercase", false)]
    [InlineData("lowerand123", false)]
    [InlineData("Lower123", true)]
    [InlineData("lower#123", true)]
    [InlineData("UPPER#lower", true)]
    public void PasswordsNeedEightCharactersFromThreeClasses(string password, bool accepted)
    {
        var problem = PasswordRules.Check(password);
        Assert.Equal(accepted, problem is null);
        if (problem is not null)
        {
            Assert.Contains("至少8位", problem.Zh, StringComparison.Ordinal);
            Assert.Contains("at least 8", problem.En, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheServerRefusesAWeakPasswordWhenAnAccountIsCreated()
    {
        await using var app = await ProductApp.StartAsync(DatabaseSetup.Sqlite);
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var unitId = (await users.FindByNameAsync("gridworker1"))!.UnitId;

        var result = await users.CreateAsync(new Account { UserName = "weak", DisplayName = "弱", Role = Role.GridWorker, UnitId = unitId }, "password");

        Assert.False(result.Succeeded);
        Assert.Null(await users.FindByNameAsync("weak"));
    }

    [Fact]
    public async Task IdleSessionsEndAfterThirtyMinutes()
    {
        await using var app = await ProductApp.StartAsync(DatabaseSetup.Sqlite, seed: false);
        var cookie = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        Assert.Equal(TimeSpan.FromMinutes(30), cookie.ExpireTimeSpan);
        Assert.True(cookie.SlidingExpiration);
    }

    [Fact]
    public async Task SigningOutEndsTheSession()
    {
        await using var app = await ProductApp.StartAsync(DatabaseSetup.Sqlite);
        var client = await app.SignInAsync("officer");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/auth/logout", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me")).StatusCode);
    }
}
