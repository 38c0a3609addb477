using System.Net;
using System.Text.Json;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Data;

namespace PoliceGrid.Tests.Operations;

/// <summary>
/// The product as a server runs it, behind a proxy on the same machine: the county's Prometheus reads its metrics from
/// the management network, nobody reads them through the proxy, and each log line is one JSON object carrying the
/// request's id, so a log system can follow one request.
/// </summary>
public sealed class MetricsTests
{
    // PostgreSQL only: the product refuses SQLite outside demo mode, and a process of its own needs a database it can share.
    [Fact]
    public async Task MetricsAreForTheManagementNetworkAndLogLinesAreJsonWithTheRequestId()
    {
        await using var seeded = await ProductApp.StartAsync(DatabaseSetup.Postgres, settings: new Dictionary<string, string>
        {
            ["Demo:Register"] = "false", ["Units:GridsPerVillage"] = "1", ["Events:SweepSeconds"] = "0",
        });
        var anchor = Path.Combine(Path.GetTempPath(), $"policegrid-anchor-{Guid.NewGuid():N}");
        await using var node = await ProductProcess.StartAsync("node", new Dictionary<string, string>
        {
            ["Database:Provider"] = DatabaseSetup.Postgres, ["ConnectionStrings:PoliceGrid"] = seeded.Database.ConnectionString,
            ["Demo:Enabled"] = "true", ["Demo:Seed"] = "false", ["Demo:Duty"] = "false", ["Events:SweepSeconds"] = "0", ["Delivery:SweepSeconds"] = "0",
            ["Audit:AnchorPath"] = anchor, ["Operations:SampleSeconds"] = "1",
            // nginx on the same machine: its X-Forwarded-For is believed, so the client's own address decides.
            ["Security:KnownProxies"] = "127.0.0.1",
            ["Logging:Console:FormatterName"] = "json", ["Logging:Console:FormatterOptions:IncludeScopes"] = "true",
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        });
        using var http = new HttpClient { BaseAddress = node.BaseUrl };

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode); // a request the metrics then count
        var metrics = await http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        var text = await metrics.Content.ReadAsStringAsync();
        Assert.Contains("policegrid_outbox_depth", text, StringComparison.Ordinal);
        Assert.Contains("policegrid_live_connections", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds_bucket", text, StringComparison.Ordinal);

        using var throughProxy = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        throughProxy.Headers.Add("X-Forwarded-For", "203.0.113.7");
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(throughProxy)).StatusCode);
        using var readyThroughProxy = new HttpRequestMessage(HttpMethod.Get, "/health/ready");
        readyThroughProxy.Headers.Add("X-Forwarded-For", "203.0.113.7");
        var ready = await http.SendAsync(readyThroughProxy);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("""{"status":"Healthy"}""", await ready.Content.ReadAsStringAsync());

        var requestLine = node.Output.Split('\n').Where(l => l.Contains("Request starting", StringComparison.Ordinal) && l.Contains("/metrics", StringComparison.Ordinal)).FirstOrDefault();
        Assert.True(requestLine is not null, node.Output);
        using var log = JsonDocument.Parse(requestLine);
        Assert.Contains(log.RootElement.GetProperty("Scopes").EnumerateArray(), scope => scope.ValueKind == JsonValueKind.Object
            && scope.TryGetProperty("RequestId", out var id) && id.GetString() is { Length: > 0 });
        File.Delete(anchor);
    }
}
