using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Data;

namespace PoliceGrid.Tests.Operations;

/// <summary>
/// The files in deploy/ as a county engineer installs them on a Debian server: Debian's nginx with the shipped site in
/// front of two product nodes, the systemd unit as systemd reads it, and the settings template with every option.
/// </summary>
public sealed partial class DeployTests
{
    static string Deploy(string path) => Path.Combine(AppContext.BaseDirectory, "deploy", path);

    [Fact]
    public async Task TheSystemdUnitIsValidAndConfinesTheProduct()
    {
        var (verify, verifyOutput) = await RunAsync("systemd-analyze", "verify", Deploy("systemd/policegrid.service"));
        Assert.True(verify == 0 && verifyOutput.Trim().Length == 0, verifyOutput);
        // Exposure 0 (confined) … 10 (unconfined); systemd calls up to 4.9 "OK". The threshold is in tenths.
        var (security, securityOutput) = await RunAsync("systemd-analyze", "security", "--offline=true", "--threshold=40", Deploy("systemd/policegrid.service"));
        Assert.True(security == 0, securityOutput);
    }

    [Fact]
    public void TheSettingsTemplateNamesEveryOptionOfTheReadme()
    {
        var template = File.ReadAllText(Deploy("policegrid.env.example"));
        var readme = File.ReadAllText(Deploy("README.md"));
        var table = readme[readme.IndexOf("## Configuration", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("\n\n", table.IndexOf("| key |", StringComparison.Ordinal), StringComparison.Ordinal)];
        var keys = ReadmeKey().Matches(table).Select(m => m.Groups[1].Value).ToList();
        Assert.True(keys.Count > 30, $"the README's table: {keys.Count} keys");
        var missing = keys.Where(k => !template.Contains(k.Replace(":", "__", StringComparison.Ordinal), StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "not in deploy/policegrid.env.example: " + string.Join(", ", missing));
    }

    // The first column's keys (`Section:Key`), without a trailing {placeholder} or …
    [GeneratedRegex(@"(?m)(?:^\| |, |/ )`([A-Za-z]+(?::[A-Za-z]+)+)")]
    private static partial Regex ReadmeKey();

    // PostgreSQL only: two nodes on one database exist only there.
    [Fact]
    public async Task NginxWithTheShippedSiteServesTwoNodesOverHttp2AndCarriesLiveUpdates()
    {
        await using var seeded = await ProductApp.StartAsync(DatabaseSetup.Postgres, settings: new Dictionary<string, string>
        {
            ["Demo:Register"] = "false", ["Units:GridsPerVillage"] = "1", ["Events:SweepSeconds"] = "0",
        });
        var dir = Directory.CreateTempSubdirectory("policegrid-nginx-");
        try
        {
            Task<ProductProcess> NodeAsync(string name) => ProductProcess.StartAsync(name, new Dictionary<string, string>
            {
                ["Database:Provider"] = DatabaseSetup.Postgres, ["ConnectionStrings:PoliceGrid"] = seeded.Database.ConnectionString,
                ["Demo:Enabled"] = "true", ["Demo:Seed"] = "false", ["Demo:Duty"] = "false", ["Events:SweepSeconds"] = "0", ["Delivery:SweepSeconds"] = "0",
                ["Audit:AnchorPath"] = Path.Combine(dir.FullName, name + "-anchor"), ["Security:KnownProxies"] = "127.0.0.1",
                // The management network is elsewhere: this test's client, on loopback like nginx, is the public.
                ["Operations:ManagementNetworks"] = "10.99.0.0/24",
            });
            await using var first = await NodeAsync("first");
            await using var second = await NodeAsync("second");
            var (httpPort, httpsPort) = (FreePort(), FreePort());
            var thumbprint = WriteCertificate(dir.FullName);
            var site = Rewrite(File.ReadAllText(Deploy("nginx/policegrid.conf")), dir.FullName, httpPort, httpsPort, first.BaseUrl.Port, second.BaseUrl.Port);
            File.WriteAllText(Path.Combine(dir.FullName, "policegrid.conf"), site);
            var config = Path.Combine(dir.FullName, "nginx.conf");
            File.WriteAllText(config, $$"""
                user root;
                worker_processes 1;
                pid {{dir.FullName}}/nginx.pid;
                error_log {{dir.FullName}}/error.log warn;
                events { worker_connections 256; }
                http {
                    include /etc/nginx/mime.types;
                    access_log off;
                    client_body_temp_path {{dir.FullName}}/body;
                    proxy_temp_path {{dir.FullName}}/proxy;
                    fastcgi_temp_path {{dir.FullName}}/fastcgi;
                    uwsgi_temp_path {{dir.FullName}}/uwsgi;
                    scgi_temp_path {{dir.FullName}}/scgi;
                    include {{dir.FullName}}/policegrid.conf;
                }
                """);
            var (test, testOutput) = await RunAsync("/usr/sbin/nginx", "-t", "-q", "-c", config, "-p", dir.FullName);
            Assert.True(test == 0, testOutput);

            using var nginx = Process.Start(new ProcessStartInfo("/usr/sbin/nginx", ["-c", config, "-p", dir.FullName, "-g", "daemon off;"]) { UseShellExecute = false })!;
            try
            {
                await WaitForPortAsync(httpsPort);
                HttpClient Client(bool cookies = true) => new(new SocketsHttpHandler
                {
                    AllowAutoRedirect = false, UseCookies = cookies, CookieContainer = new CookieContainer(),
                    SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString(HashAlgorithmName.SHA256) == thumbprint },
                })
                {
                    BaseAddress = new Uri($"https://127.0.0.1:{httpsPort}"), DefaultRequestVersion = HttpVersion.Version20,
                    DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact, Timeout = TimeSpan.FromSeconds(60),
                };

                using var plain = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
                var redirect = await plain.GetAsync($"http://127.0.0.1:{httpPort}/login");
                Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
                Assert.StartsWith("https://", redirect.Headers.Location!.ToString(), StringComparison.Ordinal);

                using var anyone = Client(cookies: false);
                var ready = await anyone.GetAsync("/health/ready");
                Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
                Assert.Equal(HttpVersion.Version20, ready.Version);
                // A client who claims to be on the management network is not believed: nginx appends the address it saw.
                using var spoofed = new HttpRequestMessage(HttpMethod.Get, "/health/ready");
                spoofed.Headers.Add("X-Forwarded-For", "10.99.0.5");
                Assert.Equal("""{"status":"Healthy"}""", await (await anyone.SendAsync(spoofed)).Content.ReadAsStringAsync());
                Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync("/metrics")).StatusCode);
                using var page = new HttpRequestMessage(HttpMethod.Get, "/login");
                page.Headers.AcceptEncoding.ParseAdd("gzip");
                var signInPage = await anyone.SendAsync(page);
                Assert.True(signInPage.StatusCode == HttpStatusCode.OK && signInPage.Content.Headers.ContentEncoding.Contains("gzip"),
                    $"{signInPage.StatusCode} {signInPage.Headers} {signInPage.Content.Headers}");

                // Over HTTPS the product sets its __Host- cookie, Secure: the proxy's X-Forwarded-Proto was believed.
                using var dispatcher = Client();
                await ProductApp.SignInAsync(dispatcher, "dispatcher", antiforgery: false);
                using var gridWorker = Client();
                await ProductApp.SignInAsync(gridWorker, "gridworker1", antiforgery: false);

                using var live = await dispatcher.GetAsync("/api/live", HttpCompletionOption.ResponseHeadersRead);
                Assert.Equal(HttpStatusCode.OK, live.StatusCode);
                using var stream = new StreamReader(await live.Content.ReadAsStreamAsync());
                Assert.Equal("retry: 2000", await stream.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)));
                var reported = await gridWorker.PostAsJsonAsync("/api/events", new { categoryCode = "05.01", title = "路灯不亮（代理测试）", description = "经 nginx 上报" });
                Assert.Equal(HttpStatusCode.Created, reported.StatusCode);
                string? line;
                do
                    line = await stream.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
                while (line is not null && !line.StartsWith("data:", StringComparison.Ordinal));
                Assert.Contains("event-reported", line, StringComparison.Ordinal);

                // One node gone (kill -9): the proxy leaves it out and every request still gets its answer.
                first.Kill();
                for (var i = 0; i < 6; i++)
                    Assert.Equal(HttpStatusCode.OK, (await gridWorker.GetAsync("/api/inbox/waiting")).StatusCode);
            }
            finally
            {
                nginx.Kill();
                await nginx.WaitForExitAsync();
            }
        }
        finally
        {
            dir.Delete(true);
        }
    }

    /// <summary>The shipped site with this machine's ports and a test certificate; each place must be there to change.</summary>
    static string Rewrite(string site, string dir, int httpPort, int httpsPort, int firstNode, int secondNode)
    {
        foreach (var (from, to) in new[]
        {
            ("listen 80;", $"listen 127.0.0.1:{httpPort};"), ("listen [::]:80;", ""),
            ("listen 443 ssl http2;", $"listen 127.0.0.1:{httpsPort} ssl http2;"), ("listen [::]:443 ssl http2;", ""),
            ("server 127.0.0.1:5000 ", $"server 127.0.0.1:{firstNode} "), ("server 127.0.0.1:5001 ", $"server 127.0.0.1:{secondNode} "),
            ("/etc/policegrid/tls/fullchain.pem", Path.Combine(dir, "cert.pem")), ("/etc/policegrid/tls/privkey.pem", Path.Combine(dir, "key.pem")),
        })
        {
            Assert.Contains(from, site, StringComparison.Ordinal);
            site = site.Replace(from, to, StringComparison.Ordinal);
        }
        return site;
    }

    static string WriteCertificate(string dir)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=policegrid.test", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(Path.Combine(dir, "cert.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(dir, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        return certificate.GetCertHashString(HashAlgorithmName.SHA256);
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static async Task WaitForPortAsync(int port)
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException($"nginx did not listen on {port}");
    }

    static async Task<(int ExitCode, string Output)> RunAsync(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }
}
