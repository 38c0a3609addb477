using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PoliceGrid.BrowserTests.Infrastructure;

/// <summary>
/// The real PoliceGrid app on Kestrel, on a free loopback port, with a throwaway SQLite database and demo data.
/// One instance is shared by every test in the <see cref="BrowserSuite"/>.
/// </summary>
public sealed class ProductServer : IAsyncLifetime, IDisposable
{
    private readonly string _databasePath =
        Path.Combine(Path.GetTempPath(), $"policegrid-browser-{Guid.NewGuid():N}.db");

    private Factory? _factory;

    /// <summary>Root URL of the running app, e.g. <c>http://127.0.0.1:41234/</c> (always ends with a slash).</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>
    /// The product's clock: the real time plus an offset a test may set (to see what day 7 brings) and must put back,
    /// since every test of the suite shares this server.
    /// </summary>
    public ShiftedClock Clock { get; } = new();

    /// <summary>The app's services, for arranging data directly in a test.</summary>
    public IServiceProvider Services => (_factory ?? throw new InvalidOperationException("Server not started")).Services;

    public Task InitializeAsync()
    {
        _factory = new Factory(_databasePath, Clock);
        _factory.UseKestrel(0);
        _factory.StartServer();

        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no listening address");
        // Kestrel may report http://[::1]:port or http://localhost:port; the browser gets an explicit IPv4 loopback.
        var port = new Uri(address.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("+", "localhost", StringComparison.Ordinal)).Port;
        BaseUrl = $"http://127.0.0.1:{port}/";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
            _factory = null;
        }
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal", ".audit-anchor" })
        {
            try
            {
                File.Delete(_databasePath + suffix);
            }
            catch (IOException)
            {
                // Best effort: it is a temp file.
            }
        }
    }

    public void Dispose()
    {
        _factory?.Dispose();
        _factory = null;
    }

    private sealed class Factory(string databasePath, ShiftedClock clock) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:PoliceGrid", $"Data Source={databasePath}");
            builder.UseSetting("Demo:Enabled", "true");
            // Missed care visits escalate when a test says so, not on a timer that would message demo accounts mid-suite.
            builder.UseSetting("Care:SweepSeconds", "0");
            // The newest audit hash is kept beside this server's own database, not in one file all test servers share.
            builder.UseSetting("Audit:AnchorPath", databasePath + ".audit-anchor");
            // Keep test output readable; failures still show warnings and errors from the app.
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));
        }
    }
}

/// <summary>The system clock moved by an offset a test sets; zero unless a test moves it.</summary>
public sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
