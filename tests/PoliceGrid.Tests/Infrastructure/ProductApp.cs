using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PoliceGrid.Web.Data;

namespace PoliceGrid.Tests.Infrastructure;

/// <summary>The real product in process, on a database of its own.</summary>
/// <param name="seedKey">
/// Names what the seed of this start writes when <paramref name="services"/> or <paramref name="settings"/> do not
/// tell it: starts on one provider with the same name begin from one seeded copy (see <see cref="SeededTemplates"/>).
/// "" is a plain demo start's seed. Without a name, starts share a copy only when they swap in no services and have
/// the same settings.
/// </param>
public sealed class ProductApp(TestDatabase database, bool demo = true, bool seed = true, IReadOnlyDictionary<string, string>? settings = null,
    bool ownsDatabase = true, Action<IServiceCollection>? services = null, string? seedKey = null, bool template = true)
    : WebApplicationFactory<Program>
{
    public TestDatabase Database => database;

    // Each product keeps the newest audit hash in a file of its own, as each server would.
    readonly string anchorPath = Path.Combine(Path.GetTempPath(), $"policegrid-audit-anchor-{Guid.NewGuid():N}");

    public static async Task<ProductApp> StartAsync(string provider, bool demo = true, bool seed = true, IReadOnlyDictionary<string, string>? settings = null,
        string? seedKey = null)
    {
        var app = new ProductApp(await TestDatabase.CreateAsync(provider), demo, seed, settings, seedKey: seedKey);
        _ = app.Server; // starts the host: migrations and demo data now, not inside the first test
        return app;
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        // A demo database of its own, untouched so far (no test roles on it, no other connection string), and a seed
        // known to be the same as others' (nothing swapped in, or a seedKey): it starts from a copy of the database the
        // product seeded for them (SeededTemplates).
        if (database.Claim() && template && demo && seed && ownsDatabase && (services is null || seedKey is not null)
            && settings?.Keys.Any(k => k.StartsWith("ConnectionStrings:", StringComparison.OrdinalIgnoreCase)) != true)
            Task.Run(() => SeededTemplates.FillAsync(database, seedKey ?? SeededTemplates.KeyOf(settings),
                copy => new ProductApp(copy, demo, seed, settings, ownsDatabase: false, services, template: false))).GetAwaiter().GetResult();
        return base.CreateHost(builder);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", database.Provider);
        builder.UseSetting("ConnectionStrings:PoliceGrid", database.ConnectionString);
        builder.UseSetting("Demo:Enabled", demo ? "true" : "false");
        builder.UseSetting("Demo:Seed", seed ? "true" : "false");
        builder.UseSetting("Security:LoginAttemptsPerMinute", "100000");
        builder.UseSetting("Security:LoginAttemptsPerAccountPerMinute", "100000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Audit:AnchorPath", anchorPath);
        // The outbox and the acknowledgement chase run when a test says so (Delivery tests), not on their own timer.
        builder.UseSetting("Delivery:SweepSeconds", "0");
        builder.UseSetting("Care:SweepSeconds", "0");
        // Tests run the dispute sweep themselves; on its own timer it wrote beside a test's import and SQLite said "locked".
        builder.UseSetting("Disputes:SweepSeconds", "0");
        // The demo rota would send after-hours police work to whoever it put on duty that week; tests that route
        // by the rota build their own (tests/PoliceGrid.Tests/Duty) or turn it on.
        builder.UseSetting("Demo:Duty", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            builder.UseSetting(key, value);
        if (services is not null)
            builder.ConfigureServices(services);
    }

    /// <summary>Demo units and accounts with nothing in the register, for tests that count what they put there.</summary>
    public static Task<ProductApp> StartWithEmptyRegisterAsync(string provider) =>
        StartAsync(provider, settings: new Dictionary<string, string> { ["Demo:Register"] = "false" });

    /// <summary>
    /// A client signed in by cookie. Like the product's own pages, it sends the antiforgery token with every request,
    /// so API calls without a JSON body (multipart uploads, bare POSTs) pass the API's CSRF guard; pass
    /// <paramref name="antiforgery"/> false for a client that behaves like a forged cross-site request.
    /// </summary>
    public Task<HttpClient> SignInAsync(string userName, string password = DemoSeed.Password, bool antiforgery = true) =>
        SignInAsync(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), userName, password, antiforgery);

    /// <summary>Signs in a client of any product, in this process or one of its own (<see cref="ProductProcess"/>), that keeps cookies.</summary>
    public static async Task<HttpClient> SignInAsync(HttpClient client, string userName, string password = DemoSeed.Password, bool antiforgery = true)
    {
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password });
        Assert.True(response.IsSuccessStatusCode, $"sign-in as {userName}: {(int)response.StatusCode}");
        if (antiforgery)
        {
            var token = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/antiforgery");
            client.DefaultRequestHeaders.Add(token.GetProperty("header").GetString()!, token.GetProperty("token").GetString());
        }
        return client;
    }

    public async Task<T> WithDbAsync<T>(Func<PoliceGridDb, Task<T>> read)
    {
        using var scope = Services.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<PoliceGridDb>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(anchorPath);
        if (ownsDatabase)
            await database.DisposeAsync();
    }
}

/// <summary>Pingdingshan demo data, seeded once per provider for the tests that only read it.</summary>
public abstract class DemoFixture(string provider) : IAsyncLifetime
{
    public ProductApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await ProductApp.StartAsync(provider);

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class SqliteDemo() : DemoFixture(DatabaseSetup.Sqlite);

public sealed class PostgresDemo() : DemoFixture(DatabaseSetup.Postgres);

[CollectionDefinition(Name)]
public sealed class DemoData : ICollectionFixture<SqliteDemo>, ICollectionFixture<PostgresDemo>
{
    public const string Name = "demo data";
}
