using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Data;
using static PoliceGrid.Tests.Accounts.AccountTesting;

namespace PoliceGrid.Tests.Accounts;

/// <summary>Every sign-in path is throttled by address and by account, with 429 and Retry-After, and takes the same time whether the name exists or not.</summary>
public class SignInThrottleTests
{
    public static TheoryData<string> Both => [.. Providers];

    static Task<HttpResponseMessage> Login(HttpClient client, string userName, string password) =>
        client.PostAsJsonAsync("/api/auth/login", new { userName, password });

    [Theory]
    [MemberData(nameof(Both))]
    public async Task TheSignInPageFormIsThrottledWithA429AndABilingualMessage(string provider)
    {
        await using var app = await ProductApp.StartAsync(provider, settings: new Dictionary<string, string> { ["Security:LoginAttemptsPerMinute"] = "3" }, seedKey: "");
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var form = new Dictionary<string, string> { ["Input.UserName"] = "gridworker1", ["Input.Password"] = "Wrong#Password1" };

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 4; i++)
            statuses.Add((last = await PostPageFormAsync(browser, "/login", form)).StatusCode);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(int.Parse(last.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
        var page = await last.Content.ReadAsStringAsync();
        Assert.Contains("登录尝试过于频繁", page, StringComparison.Ordinal);
        // The page and the API share one budget per address.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Login(app.CreateClient(), "gridworker2", DemoSeed.Password)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task TheApiIsThrottledPerAccountWithRetryAfter(string provider)
    {
        await using var app = await ProductApp.StartAsync(provider, settings: new Dictionary<string, string> { ["Security:LoginAttemptsPerAccountPerMinute"] = "3" }, seedKey: "");
        var client = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
            statuses.Add((await Login(client, "gridchief", "Wrong#Password1")).StatusCode);
        var throttled = await Login(client, "gridchief", DemoSeed.Password);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.True(throttled.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, (await Login(client, "gridworker1", DemoSeed.Password)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task AnUnknownNameIsRefusedInAboutTheTimeOfAWrongPassword(string provider)
    {
        await using var app = await ProductApp.StartAsync(provider);
        var client = app.CreateClient();
        string[] existing = ["gridworker1", "gridworker2", "gridchief", "auxiliary", "director", "stationhead", "dispatcher"];
        await Login(client, "warmup-unknown", "Wrong#Password1");
        await Login(client, "officer", "Wrong#Password1");

        var unknown = new List<double>();
        var wrong = new List<double>();
        foreach (var (name, i) in existing.Select((n, i) => (n, i)))
        {
            unknown.Add(await TimeAsync(() => Login(client, $"nobody{i}", "Wrong#Password1")));
            wrong.Add(await TimeAsync(() => Login(client, name, "Wrong#Password1")));
        }

        // Before hashing a stand-in password, an unknown name answered about ten times faster.
        var ratio = Median(unknown) / Median(wrong);
        Assert.True(ratio is > 0.5 and < 2, $"unknown {Median(unknown):F0} ms, wrong password {Median(wrong):F0} ms");
    }

    static async Task<double> TimeAsync(Func<Task<HttpResponseMessage>> attempt)
    {
        var watch = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.Unauthorized, (await attempt()).StatusCode);
        return watch.Elapsed.TotalMilliseconds;
    }

    static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
