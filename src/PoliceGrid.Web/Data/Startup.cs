using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Shared;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Data;

public static class Startup
{
    /// <summary>Passwords an installer leaves or a guesser tries first; compared whole, ignoring case.</summary>
    static readonly string[] DefaultPasswords =
        ["postgres", "PoliceGrid#2026", "policegrid", "password", "admin", "root", "123456", "12345678", "123456789", "changeme", "secret", "test"];

    /// <summary>
    /// Waits for the database, refuses unsafe production settings, migrates (as the owner role when one is configured),
    /// anchors the audit chain, seeds demo data in demo mode, loads the locator.
    /// </summary>
    public static async Task PrepareAsync(this WebApplication app)
    {
        // Every setting is checked before anything touches the database (the host would check them only at Run).
        app.Services.GetService<IStartupValidator>()?.Validate();
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("PoliceGrid.Startup");
        var demo = services.GetRequiredService<IOptions<DemoOptions>>().Value.Enabled;

        if (!demo)
            RefuseUnsafeConfiguration(database);
        // Resolving the context resolves the audit key: without one, outside demo mode, the start stops here.
        var db = services.GetRequiredService<PoliceGridDb>();
        await WaitForDatabaseAsync(db, database, log);
        if (!demo && db.Database.IsNpgsql())
            await RefuseUndurableDatabaseAsync(db);
        var applied = await MigrationRunner.ApplyAsync(db, database.ConnectionStrings.PoliceGridOwner);
        if (applied.Count > 0)
            log.LogInformation("Applied migrations {Migrations}", string.Join(", ", applied));
        if (!demo && db.Database.IsNpgsql())
            await RefusePrivilegedRoleAsync(db);
        await AnchorAuditAsync(services, db, demo, log);

        await Events.EventDefaults.EnsureAsync(db);
        await Care.CareDefaults.EnsureAsync(db);
        var seeding = demo && services.GetRequiredService<IOptions<DemoOptions>>().Value.Seed && !await db.Units.AnyAsync();
        if (seeding)
            await services.GetRequiredService<DemoSeed>().RunAsync();
        if (!demo && await db.Users.AnyAsync(a => a.IsDemo))
            throw new InvalidOperationException(
                new Text("Shell.TheDatabaseHoldsDemoAccountsOutside").ToString());

        // Resolved now so that missing keys stop the start, not the first collection.
        if (!demo && services.GetRequiredService<Register.PersonalData.PersonalDataVault>().UsesDemoKey)
            throw new InvalidOperationException(
                new Text("Shell.OutsideDemoModePersonalDataCannot").ToString());
        await services.GetRequiredService<UnitLocator>().RefreshAsync();
        if (seeding)
            await Events.DemoEvents.AddAsync(services);
    }

    static void RefuseUnsafeConfiguration(DatabaseOptions database)
    {
        if (!database.UsesPostgres)
            throw new InvalidOperationException(
                new Text("Shell.OutsideDemoModeTheProductRuns").ToString());
        foreach (var (name, value) in new[] { ("PoliceGrid", database.ConnectionStrings.PoliceGrid), ("PoliceGridOwner", database.ConnectionStrings.PoliceGridOwner) })
        {
            var connection = value ?? "";
            if ((name == "PoliceGrid" && connection.Length == 0) || (connection.Length > 0 && UsesDefaultPassword(connection)))
                throw new InvalidOperationException(
                    new Text("Shell.TheDatabaseConnectionStringConnectionStrings0", name).ToString());
        }
    }

    /// <summary>The password as the driver reads it (any spelling of the key, spaces, quotes), compared whole with the defaults.</summary>
    public static bool UsesDefaultPassword(string connection)
    {
        string? password;
        try
        {
            password = new NpgsqlConnectionStringBuilder(connection).Password;
        }
        catch (ArgumentException)
        {
            throw new InvalidOperationException(new Text("Shell.TheDatabaseConnectionStringCannotBe").ToString());
        }
        return password is not null && DefaultPasswords.Contains(password.Trim(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// A database that is not up yet (a reboot, a failover) is waited for with growing pauses, up to
    /// <c>Database:StartupRetrySeconds</c>; a crash instead would have the supervisor restart the process in a tight loop.
    /// </summary>
    static async Task WaitForDatabaseAsync(PoliceGridDb db, DatabaseOptions database, ILogger log)
    {
        var limit = TimeSpan.FromSeconds(database.StartupRetrySeconds);
        var clock = Stopwatch.StartNew();
        var pause = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                // The driver's own connection: EF would wrap a transient failure in an exception of its own.
                var connection = db.Database.GetDbConnection();
                await connection.OpenAsync();
                await connection.CloseAsync();
                return;
            }
            catch (DbException error) when (NotUpYet(error))
            {
                var left = limit - clock.Elapsed;
                if (left <= TimeSpan.Zero)
                    throw new InvalidOperationException(
                        new Text("Shell.TheDatabaseCouldNotBeReached", limit.TotalSeconds, error.Message).ToString(),
                        error);
                var wait = pause < left ? pause : left;
                log.LogWarning("{Message}", 
                    new Text("Shell.TheDatabaseIsNotReachableYet", error.Message, wait.TotalSeconds, left.TotalSeconds).ToString());
                await Task.Delay(wait);
                pause = TimeSpan.FromSeconds(Math.Min(pause.TotalSeconds * 2, 15));
            }
        }
    }

    /// <summary>Down, starting up, out of connections, or not created yet: worth waiting for. A wrong password is not.</summary>
    static bool NotUpYet(DbException error) => error switch
    {
        PostgresException postgres => postgres.SqlState is PostgresErrorCodes.InvalidCatalogName or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.AdminShutdown,
        NpgsqlException npgsql => npgsql.IsTransient,
        _ => false,
    };

    /// <summary>Checklist item 35: an acknowledged write must survive a crash of the database server.</summary>
    static async Task RefuseUndurableDatabaseAsync(PoliceGridDb db)
    {
        var settings = new (string Name, string[] Safe)[]
        {
            ("fsync", ["on"]), ("full_page_writes", ["on"]), ("synchronous_commit", ["on", "remote_apply", "remote_write"]),
        };
        var unsafeOnes = new List<string>();
        foreach (var (name, safe) in settings)
        {
            var value = (string?)await ScalarAsync(db, $"SHOW {name}") ?? "";
            if (!safe.Contains(value, StringComparer.OrdinalIgnoreCase))
                unsafeOnes.Add($"{name}={value}");
        }
        if (unsafeOnes.Count > 0)
            throw new InvalidOperationException(
                new Text("Shell.UnsafePostgresSettings", string.Join(", ", unsafeOnes)).ToString());
    }

    /// <summary>Checklist item 26: the product's own role may only add to and read the audit trail, so it must not own it or be a superuser.</summary>
    static async Task RefusePrivilegedRoleAsync(PoliceGridDb db)
    {
        var role = (string)(await ScalarAsync(db, "SELECT current_user::text"))!;
        if ((bool)(await ScalarAsync(db, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"))!)
            throw new InvalidOperationException(
                new Text("Shell.TheProductConnectsAs0A", role).ToString());
        if ((bool)(await ScalarAsync(db, "SELECT pg_has_role(current_user, relowner, 'MEMBER') FROM pg_class WHERE oid = 'audit_entries'::regclass"))!)
            throw new InvalidOperationException(
                new Text("Shell.TheProductsDatabaseRole0Owns", role).ToString());
    }

    static async Task<object?> ScalarAsync(PoliceGridDb db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return await command.ExecuteScalarAsync();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Compares the database's audit rows with the anchor file before anything is added: newest rows deleted or replaced
    /// while the product was down stop the start (outside demo mode) instead of being papered over by new rows.
    /// </summary>
    static async Task AnchorAuditAsync(IServiceProvider services, PoliceGridDb db, bool demo, ILogger log)
    {
        var anchor = services.GetRequiredService<AuditAnchor>();
        if (anchor.Read() is { } mark
            && await db.AuditEntries.AsNoTracking().Where(e => e.Id == mark.Id).Select(e => e.Hash).FirstOrDefaultAsync() != mark.Hash)
        {
            if (!demo)
                throw new InvalidOperationException(
                    new Text("Shell.TheAuditRowsFrom0On", mark.Id, anchor.Path).ToString());
            log.LogWarning("The demo database is new; the audit anchor starts again ({Path})", anchor.Path);
            anchor.Reset();
        }
        var newest = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Id).Select(e => new { e.Id, e.Hash, e.KeyId }).FirstOrDefaultAsync();
        if (newest is { KeyId: null })
        {
            // A database from before keys: one keyed row closes its unkeyed prefix, which verify accepts only before the first keyed row.
            await services.GetRequiredService<AuditTrail>().WriteAsync("audit-keyed", detail: $"rows 1-{newest.Id} unkeyed (SHA-256); HMAC from here on");
        }
        else if (newest is not null)
            anchor.Write(new AuditAnchor.Mark(newest.Id, newest.Hash));
    }
}
