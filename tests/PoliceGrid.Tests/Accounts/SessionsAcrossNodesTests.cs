using System.Net;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Data;

namespace PoliceGrid.Tests.Accounts;

/// <summary>
/// Two nodes behind one proxy are two servers with their own disks: a person signed in on one must stay signed in when
/// the proxy sends her next request to the other, and after either restarts. The keys that seal the sign-in cookie
/// therefore live in the database both share, not in each server's home directory.
/// </summary>
public sealed class SessionsAcrossNodesTests
{
    // PostgreSQL only: two instances on one database exist only there (outside demo mode the product refuses SQLite).
    [Fact]
    public async Task ASignInOnOneNodeWorksOnTheOtherAndAfterARestart()
    {
        await using var seeded = await ProductApp.StartAsync(DatabaseSetup.Postgres, settings: new Dictionary<string, string>
        {
            ["Demo:Register"] = "false", ["Units:GridsPerVillage"] = "1", ["Events:SweepSeconds"] = "0",
        });
        var disks = Directory.CreateTempSubdirectory("policegrid-nodes-");
        try
        {
            Task<ProductProcess> NodeAsync(string name) => ProductProcess.StartAsync(name, new Dictionary<string, string>
            {
                ["Database:Provider"] = DatabaseSetup.Postgres, ["ConnectionStrings:PoliceGrid"] = seeded.Database.ConnectionString,
                ["Demo:Enabled"] = "true", ["Demo:Seed"] = "false", ["Demo:Duty"] = "false", ["Events:SweepSeconds"] = "0", ["Delivery:SweepSeconds"] = "0",
                ["Audit:AnchorPath"] = Path.Combine(disks.FullName, name + "-anchor"),
                // Each node's own home directory, as on two servers: where ASP.NET keeps its keys unless told otherwise.
                ["HOME"] = Directory.CreateDirectory(Path.Combine(disks.FullName, name)).FullName,
                ["XDG_DATA_HOME"] = Path.Combine(disks.FullName, name, ".local"),
            });
            await using var first = await NodeAsync("first");
            await using var second = await NodeAsync("second");
            // Cookies belong to a host, not a port: the one cookie jar is what the browser would send to either node.
            using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = first.BaseUrl };
            await ProductApp.SignInAsync(browser, "gridworker1", antiforgery: false);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/inbox/waiting")).StatusCode);

            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri(second.BaseUrl, "/api/inbox/waiting"))).StatusCode);

            await first.DisposeAsync();
            await using var restarted = await NodeAsync("first");
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri(restarted.BaseUrl, "/api/inbox/waiting"))).StatusCode);
        }
        finally
        {
            disks.Delete(true);
        }
    }
}
