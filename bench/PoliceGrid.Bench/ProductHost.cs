using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace PoliceGrid.Bench;

/// <summary>
/// The product in process, built by its own Program.cs (every feature's AddXxx, the start checks, migrations and the
/// demo seed), so a benchmark measures what is deployed and breaks when the product's wiring does, not a copy of it.
/// </summary>
internal sealed class ProductHost(string connection, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<PoliceGrid.Web.Data.PoliceGridDb>
{
    /// <summary>Builds and starts the host: migrations and demo data now.</summary>
    public static ProductHost Start(string connection, IReadOnlyDictionary<string, string>? settings = null)
    {
        // The product's content root (appsettings, wwwroot), found from the demo data folder next to it.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_POLICEGRID_WEB",
            Path.GetFullPath(Path.Combine(Pingdingshan.FindDemoFolder(), "..", "..", "..")));
        var host = new ProductHost(connection, settings);
        _ = host.Server;
        return host;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Provider", "Postgres");
        builder.UseSetting("ConnectionStrings:PoliceGrid", connection);
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Events:SweepSeconds", "0");
        builder.UseSetting("Care:SweepSeconds", "0");
        builder.UseSetting("Security:LoginAttemptsPerMinute", "100000");
        builder.UseSetting("Security:LoginAttemptsPerAccountPerMinute", "100000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Audit:AnchorPath", Path.Combine(Path.GetTempPath(), $"policegrid-bench-anchor-{Guid.NewGuid():N}"));
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            builder.UseSetting(key, value);
    }
}
