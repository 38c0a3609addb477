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

        await using var production = new ProductApp(database, demo: false);
        var error = Assert.Throws<InvalidOperationException>(() => production.Server);
        Assert.Contains("demo accounts", error.Message, StringComparison.Ordinal);
    }
}
