using System.Diagnostics;
using Npgsql;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Data;

namespace PoliceGrid.Tests.Data;

public class StartupTests
{
    [Fact]
    public async Task OutsideDemoModeTheProductRefusesSqlite()
    {
        await using var app = new ProductApp(await TestDatabase.CreateAsync(DatabaseSetup.Sqlite), demo: false);
        var error = Assert.Throws<InvalidOperationException>(() => app.Server);
        Assert.Contains("PostgreSQL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutsideDemoModeTheProductRefusesADatabaseWithDemoAccounts()
    {
        var database = await TestDatabase.CreateAsync(DatabaseSetup.Postgres);
        await using (var demo = new ProductApp(database, demo: true, ownsDatabase: false))
            _ = demo.Server;

        // Not a superuser, so that the start gets as far as the accounts; the tables are already there.
        await using var roles = await TestRoles.CreateAsync(database, owner: false);
        await using var production = new ProductApp(database, demo: false, settings: roles.Settings(Production.Keys));
        var error = Assert.Throws<InvalidOperationException>(() => production.Server);
        Assert.Contains("demo accounts", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Password=postgres")]
    [InlineData("Password=postgres;")]
    [InlineData("password = postgres")]
    [InlineData("PASSWORD=Postgres")]
    [InlineData("Password=PoliceGrid#2026")]
    [InlineData("Password=admin")]
    [InlineData("Pwd=123456")]
    public async Task OutsideDemoModeTheProductRefusesADefaultPasswordHoweverItIsWritten(string password)
    {
        var database = await TestDatabase.CreateAsync(DatabaseSetup.Postgres);
        await using var app = new ProductApp(database, demo: false,
            settings: new Dictionary<string, string> { ["ConnectionStrings:PoliceGrid"] = $"{database.ConnectionString};{password}" });

        var error = Assert.Throws<InvalidOperationException>(() => app.Server);

        Assert.Contains("default password", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APasswordThatOnlyBeginsLikeADefaultIsNotRefusedAsOne()
    {
        var database = await TestDatabase.CreateAsync(DatabaseSetup.Postgres);
        await using var app = new ProductApp(database, demo: false,
            settings: new Dictionary<string, string> { ["ConnectionStrings:PoliceGrid"] = $"{database.ConnectionString};Password=postgres123" });

        // The test server connects as a superuser, which is refused next: but not for its password.
        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.DoesNotContain("default password", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutsideDemoModeTheProductRefusesToRunAsASuperuser()
    {
        await using var app = new ProductApp(await TestDatabase.CreateAsync(DatabaseSetup.Postgres), demo: false, settings: Production.Keys);

        var error = Assert.Throws<InvalidOperationException>(() => app.Server);

        Assert.Contains("superuser", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("synchronous_commit", "off")]
    [InlineData("synchronous_commit", "local")]
    public async Task OutsideDemoModeTheProductRefusesADatabaseThatMayLoseCommits(string setting, string value)
    {
        var database = await TestDatabase.CreateAsync(DatabaseSetup.Postgres);
        await using (var connection = new NpgsqlConnection(TestDatabase.PostgresServer))
        {
            await connection.OpenAsync();
            var name = new NpgsqlConnectionStringBuilder(database.ConnectionString).Database;
            await using var alter = new NpgsqlCommand($"ALTER DATABASE {name} SET {setting} = {value}", connection);
            await alter.ExecuteNonQueryAsync();
        }
        await using var app = new ProductApp(database, demo: false, settings: Production.Keys);

        var error = Assert.Throws<InvalidOperationException>(() => app.Server);

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutADatabaseTheStartWaitsForItAndThenSaysWhy()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(TestDatabase.PostgresServer) { Port = 1, Database = "policegrid" }.ConnectionString;
        await using var app = new ProductApp(await TestDatabase.CreateAsync(DatabaseSetup.Postgres), settings: new Dictionary<string, string>
        {
            ["ConnectionStrings:PoliceGrid"] = unreachable,
            ["Database:StartupRetrySeconds"] = "3",
        });
        var clock = Stopwatch.StartNew();

        var error = Assert.Throws<InvalidOperationException>(() => app.Server);

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(3), $"gave up after {clock.Elapsed}: {error.Message}");
        Assert.Contains("数据库", error.Message, StringComparison.Ordinal);
        Assert.Contains("Database:StartupRetrySeconds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADatabaseThatComesUpWhileTheProductWaitsIsUsed()
    {
        var name = $"pg_test_late_{Guid.NewGuid():N}";
        var late = new NpgsqlConnectionStringBuilder(TestDatabase.PostgresServer) { Database = name }.ConnectionString;
        try
        {
            await using var app = new ProductApp(await TestDatabase.CreateAsync(DatabaseSetup.Postgres), seed: false,
                settings: new Dictionary<string, string> { ["ConnectionStrings:PoliceGrid"] = late });
            var starting = Task.Run(() => app.Server);
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.False(starting.IsCompleted);

            await ExecuteOnServerAsync($"CREATE DATABASE {name}");

            await starting.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True(await app.WithDbAsync(db => System.Threading.Tasks.Task.FromResult(db.Database.CanConnect())));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    static async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.PostgresServer);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
