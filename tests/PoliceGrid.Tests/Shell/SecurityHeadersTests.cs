using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Data;

namespace PoliceGrid.Tests.Shell;

/// <summary>Headers that keep a browser on the product's side: CSP, nosniff, referrer, framing, HSTS, no-store, __Host- cookies.</summary>
[Collection(DemoData.Name)]
public class SecurityHeadersTests(SqliteDemo sqlite, PostgresDemo postgres)
{
    ProductApp On(string provider) => provider == DatabaseSetup.Sqlite ? sqlite.App : postgres.App;

    [Theory]
    [InlineData(DatabaseSetup.Sqlite)]
    [InlineData(DatabaseSetup.Postgres)]
    public async Task PagesAndApiAnswersForbidInlineScriptSniffingReferrersAndFraming(string provider)
    {
        var app = On(provider);
        var client = await app.SignInAsync("dispatcher");

        foreach (var response in new[] { await app.CreateClient().GetAsync("/login"), await client.GetAsync("/events"), await client.GetAsync("/api/events"),
                     await app.CreateClient().GetAsync("/open311/v2/services.json"), await app.CreateClient().GetAsync("/api/events") })
        {
            var url = response.RequestMessage!.RequestUri!.PathAndQuery;
            var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
            var scripts = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src", StringComparison.Ordinal));
            Assert.Equal("script-src 'self'", scripts);
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
            Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var nosniff) && nosniff.Single() == "nosniff", url);
            Assert.True(response.Headers.TryGetValues("Referrer-Policy", out var referrer) && referrer.Single() == "no-referrer", url);
            Assert.False(response.Headers.Contains("Strict-Transport-Security"), $"{url}: no HSTS over plain HTTP");
        }
    }

    [Theory]
    [InlineData(DatabaseSetup.Sqlite)]
    [InlineData(DatabaseSetup.Postgres)]
    public async Task AnswersThatMayCarryPersonalDataAreNotStoredButStaticFilesMayBeCached(string provider)
    {
        var app = On(provider);
        var client = await app.SignInAsync("officer");

        var api = await client.GetAsync("/api/events");
        var register = await client.GetAsync("/api/register/residents");
        var page = await client.GetAsync("/events");
        var css = await client.GetAsync("/css/site.css");

        Assert.True(api.Headers.CacheControl?.NoStore, "/api/events");
        Assert.True(register.Headers.CacheControl?.NoStore, "/api/register/residents " + (int)register.StatusCode);
        Assert.True(page.Headers.CacheControl?.NoStore, "/events");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.False(css.Headers.CacheControl?.NoStore ?? false, "static files stay cacheable");
        Assert.Equal("nosniff", css.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Theory]
    [InlineData(DatabaseSetup.Sqlite)]
    [InlineData(DatabaseSetup.Postgres)]
    public async Task OverHttpsTheSignInCookieIsSecureUnderTheHostPrefixAndHstsIsSent(string provider)
    {
        var app = On(provider);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

        var login = await client.PostAsJsonAsync("/api/auth/login", new { userName = "dispatcher", password = DemoSeed.Password });
        var me = await client.GetAsync("/api/auth/me");

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.Contains("policegrid.auth", StringComparison.Ordinal));
        Assert.StartsWith("__Host-policegrid.auth=", cookie, StringComparison.Ordinal);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("max-age=", login.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Theory]
    [InlineData(DatabaseSetup.Sqlite)]
    [InlineData(DatabaseSetup.Postgres)]
    public async Task AForwardedProtoFromAnAddressThatIsNotAKnownProxyIsNotBelieved(string provider)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/login");
        request.Headers.Add("X-Forwarded-Proto", "https");

        var response = await On(provider).CreateClient().SendAsync(request);

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }
}

/// <summary>Behind a configured proxy (Security:KnownProxies) that says the request came over HTTPS.</summary>
public class KnownProxyTests
{
    [Fact]
    public async Task AKnownProxysForwardedHttpsGetsHstsAndHostPrefixedSecureCookies()
    {
        await using var app = new ProductApp(await TestDatabase.CreateAsync(DatabaseSetup.Sqlite),
            settings: new Dictionary<string, string> { ["Security:KnownProxies"] = "10.9.8.7" },
            services: s => s.AddSingleton<IStartupFilter>(new FromProxy(System.Net.IPAddress.Parse("10.9.8.7"))));
        var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { userName = "dispatcher", password = DemoSeed.Password }) };
        request.Headers.Add("X-Forwarded-Proto", "https");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("Strict-Transport-Security"));
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-policegrid.auth=", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Makes every request arrive from the given address, as from a reverse proxy on another host.</summary>
    sealed class FromProxy(System.Net.IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
