using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Data;

namespace PoliceGrid.Tests.Shell;

/// <summary>
/// A page and its layout render in one request scope with one DbContext. The layout reads the viewer while the page
/// starts its own queries; on a loaded server the two overlapped and EF refused the second ("a second operation was
/// started on this context"), so the enrolment page fell over into the error page. Slow reads make the overlap certain.
/// </summary>
public class PageRenderingTests
{
    public static TheoryData<string> Both => [.. Accounts.AccountTesting.Providers];

    /// <summary>Holds every query open for a while once switched on, as a busy database would; or fails the reads of events, as a lost table would.</summary>
    sealed class SlowReads : DbCommandInterceptor
    {
        public volatile bool On;
        public volatile bool Failing;

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (Failing && System.Text.RegularExpressions.Regex.IsMatch(command.CommandText, "FROM \"?events\"? "))
                throw new InvalidOperationException("the events table went away (test)");
            if (On)
                await Task.Delay(150, cancellationToken);
            return result;
        }
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task APageThatQueriesAtOnceRendersWhileTheLayoutReadsTheViewerFromASlowDatabase(string provider)
    {
        var slow = new SlowReads();
        var settings = new Dictionary<string, string> { ["Security:RequireTwoFactor"] = "true" };
        await using var app = new ProductApp(await TestDatabase.CreateAsync(provider), settings: settings,
            services: services => services.ConfigureDbContext<PoliceGridDb>(options => options.AddInterceptors(slow)), seedKey: SeededTemplates.KeyOf(settings));
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/login", new { userName = "officer", password = DemoSeed.Password })).StatusCode);
        slow.On = true;

        // The enrolment page asks for the authenticator key as soon as it starts, without waiting for the viewer.
        var enrol = await client.GetAsync("/account/two-factor");

        Assert.True(enrol.StatusCode == HttpStatusCode.OK, $"{enrol.StatusCode} to {enrol.Headers.Location}");
        Assert.Contains("otpauth://totp/", await enrol.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task EveryMainPageRendersFromASlowDatabase(string provider)
    {
        var slow = new SlowReads();
        await using var app = new ProductApp(await TestDatabase.CreateAsync(provider),
            services: services => services.ConfigureDbContext<PoliceGridDb>(options => options.AddInterceptors(slow)), seedKey: "");
        var pages = new Dictionary<string, string[]>
        {
            ["gridworker1"] = ["/", "/events", "/events/new", "/register", "/register/collect", "/register/organisations/new", "/units", "/map"],
            ["officer"] = ["/", "/register/queue", "/register/import", "/register/exports"],
            ["dispatcher"] = ["/", "/command-room", "/events", "/figures", "/register/figures"],
            ["admin"] = ["/", "/admin/events", "/admin/units"],
            ["secadmin"] = ["/admin/accounts"],
            ["auditor"] = ["/audit"],
        };
        var clients = new Dictionary<string, HttpClient>();
        foreach (var user in pages.Keys)
            clients[user] = await app.SignInAsync(user);
        slow.On = true;

        var failed = new List<string>();
        foreach (var (user, paths) in pages)
            foreach (var path in paths)
            {
                var response = await clients[user].GetAsync(path);
                if (response.StatusCode != HttpStatusCode.OK)
                    failed.Add($"{user} {path}: {(int)response.StatusCode} {response.Headers.Location}");
            }

        Assert.True(failed.Count == 0, string.Join("; ", failed));
    }

    /// <summary>A page that fails shows the error page with a way back, not "not allowed", to a signed-in person too; the API answers with a problem.</summary>
    [Theory]
    [MemberData(nameof(Both))]
    public async Task APageThatFailsShowsTheErrorPageToASignedInPerson(string provider)
    {
        var reads = new SlowReads();
        await using var app = new ProductApp(await TestDatabase.CreateAsync(provider),
            services: services => services.ConfigureDbContext<PoliceGridDb>(options => options.AddInterceptors(reads)), seedKey: "");
        var worker = await app.SignInAsync("gridworker1");
        reads.Failing = true;

        var failed = await worker.GetAsync("/events");
        var failedApi = await worker.GetAsync("/api/events");

        // An API client still gets a problem response, not the page.
        Assert.Equal(HttpStatusCode.InternalServerError, failedApi.StatusCode);
        Assert.Equal("application/problem+json", failedApi.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        var page = await failed.Content.ReadAsStringAsync();
        Assert.Contains("出错了", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/\"", page, StringComparison.Ordinal);
    }
}
