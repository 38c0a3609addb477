using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Data;

public static class Startup
{
    /// <summary>Migrates the database, seeds demo data in demo mode, refuses unsafe production settings, loads the locator.</summary>
    public static async Task PrepareAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var configuration = services.GetRequiredService<IConfiguration>();
        var db = services.GetRequiredService<PoliceGridDb>();
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("PoliceGrid.Startup");
        var demo = configuration.GetValue<bool>("Demo:Enabled");

        if (!demo)
            RefuseUnsafeConfiguration(configuration);
        var applied = await MigrationRunner.ApplyAsync(db);
        if (applied.Count > 0)
            log.LogInformation("Applied migrations {Migrations}", string.Join(", ", applied));

        await Events.EventDefaults.EnsureAsync(db);
        var seeding = demo && configuration.GetValue("Demo:Seed", true) && !await db.Units.AnyAsync();
        if (seeding)
            await services.GetRequiredService<DemoSeed>().RunAsync();
        if (!demo && await db.Users.AnyAsync(a => a.IsDemo))
            throw new InvalidOperationException(
                "数据库中有演示账号，非演示模式下拒绝启动；请删除这些账号或使用新数据库。 / The database holds demo accounts; outside demo mode the product refuses to start. Remove them or use a new database.");

        // Resolved now so that missing keys stop the start, not the first collection.
        if (!demo && services.GetRequiredService<Register.PersonalDataVault>().UsesDemoKey)
            throw new InvalidOperationException(
                "非演示模式不能使用演示密钥加密个人信息。 / Outside demo mode personal data cannot be sealed with the demo key.");
        await services.GetRequiredService<UnitLocator>().RefreshAsync();
        if (seeding)
            await Events.DemoEvents.AddAsync(services);
    }

    static void RefuseUnsafeConfiguration(IConfiguration configuration)
    {
        if (configuration["Database:Provider"] != DatabaseSetup.Postgres)
            throw new InvalidOperationException(
                "非演示模式必须使用 PostgreSQL（Database:Provider=Postgres）。 / Outside demo mode the product runs on PostgreSQL: set Database:Provider=Postgres.");
        var connection = configuration.GetConnectionString("PoliceGrid") ?? "";
        if (connection.Length == 0 || connection.Contains("Password=postgres", StringComparison.OrdinalIgnoreCase)
            || connection.Contains("Password=PoliceGrid#2026", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException(
                "数据库连接串为空或使用默认口令，拒绝启动。 / The database connection string is empty or uses a default password; the product refuses to start.");
    }
}
