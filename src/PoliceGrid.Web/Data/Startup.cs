using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using PoliceGrid.Web.Audit;
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
        var seeding = demo && services.GetRequiredService<IOptions<DemoOptions>>().Value.Seed && !await db.Units.AnyAsync();
        if (seeding)
            await services.GetRequiredService<DemoSeed>().RunAsync();
        if (!demo && await db.Users.AnyAsync(a => a.IsDemo))
            throw new InvalidOperationException(
                "数据库中有演示账号，非演示模式下拒绝启动；请删除这些账号或使用新数据库。 / The database holds demo accounts; outside demo mode the product refuses to start. Remove them or use a new database.");

        // Resolved now so that missing keys stop the start, not the first collection.
        if (!demo && services.GetRequiredService<Register.PersonalData.PersonalDataVault>().UsesDemoKey)
            throw new InvalidOperationException(
                "非演示模式不能使用演示密钥加密个人信息。 / Outside demo mode personal data cannot be sealed with the demo key.");
        await services.GetRequiredService<UnitLocator>().RefreshAsync();
        if (seeding)
            await Events.DemoEvents.AddAsync(services);
    }

    static void RefuseUnsafeConfiguration(DatabaseOptions database)
    {
        if (!database.UsesPostgres)
            throw new InvalidOperationException(
                "非演示模式必须使用 PostgreSQL（Database:Provider=Postgres）。 / Outside demo mode the product runs on PostgreSQL: set Database:Provider=Postgres.");
        foreach (var (name, value) in new[] { ("PoliceGrid", database.ConnectionStrings.PoliceGrid), ("PoliceGridOwner", database.ConnectionStrings.PoliceGridOwner) })
        {
            var connection = value ?? "";
            if ((name == "PoliceGrid" && connection.Length == 0) || (connection.Length > 0 && UsesDefaultPassword(connection)))
                throw new InvalidOperationException(
                    $"数据库连接串 ConnectionStrings:{name} 为空或使用默认口令，拒绝启动。 / The database connection string ConnectionStrings:{name} is empty or uses a default password; the product refuses to start.");
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
            throw new InvalidOperationException("数据库连接串无法解析。 / The database connection string cannot be read.");
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
                        $"数据库在 {limit.TotalSeconds:0} 秒内一直无法连接，放弃启动（{error.Message}）。请检查数据库是否运行及连接串，或调大 Database:StartupRetrySeconds。 / The database could not be reached for {limit.TotalSeconds:0} s ({error.Message}); giving up. Check that it runs and the connection string, or raise Database:StartupRetrySeconds.",
                        error);
                var wait = pause < left ? pause : left;
                log.LogWarning("{Message}", string.Create(CultureInfo.InvariantCulture,
                    $"数据库暂时无法连接（{error.Message}），{wait.TotalSeconds:0.#} 秒后重试，最多再等 {left.TotalSeconds:0} 秒 / The database is not reachable yet ({error.Message}); retrying in {wait.TotalSeconds:0.#} s, for {left.TotalSeconds:0} s more"));
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
                $"PostgreSQL 设置 {string.Join(", ", unsafeOnes)} 可能在崩溃时丢失已确认的写入，非演示模式下拒绝启动；请将 fsync、full_page_writes、synchronous_commit 设为 on。 / PostgreSQL runs with {string.Join(", ", unsafeOnes)}, which can lose acknowledged writes in a crash; outside demo mode the product refuses to start. Set fsync, full_page_writes and synchronous_commit on.");
    }

    /// <summary>Checklist item 26: the product's own role may only add to and read the audit trail, so it must not own it or be a superuser.</summary>
    static async Task RefusePrivilegedRoleAsync(PoliceGridDb db)
    {
        var role = (string)(await ScalarAsync(db, "SELECT current_user::text"))!;
        if ((bool)(await ScalarAsync(db, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"))!)
            throw new InvalidOperationException(
                $"应用以超级用户 {role} 连接数据库，非演示模式下拒绝启动；请以 policegrid_app 组的成员连接，并用 ConnectionStrings:PoliceGridOwner 执行迁移。 / The product connects as {role}, a superuser; outside demo mode it refuses to start. Connect as a member of policegrid_app and run migrations through ConnectionStrings:PoliceGridOwner.");
        if ((bool)(await ScalarAsync(db, "SELECT pg_has_role(current_user, relowner, 'MEMBER') FROM pg_class WHERE oid = 'audit_entries'::regclass"))!)
            throw new InvalidOperationException(
                $"应用的数据库账号 {role} 拥有审计表，可停用其触发器，非演示模式下拒绝启动；请以 policegrid_app 组的成员连接，并用 ConnectionStrings:PoliceGridOwner 执行迁移。 / The product's database role {role} owns the audit table and could disable its triggers; outside demo mode it refuses to start. Connect as a member of policegrid_app and run migrations through ConnectionStrings:PoliceGridOwner.");
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
                    $"审计记录第 {mark.Id} 条及之后已被删除或替换（与库外锚点 {anchor.Path} 不符），拒绝启动；调查后移走该文件方可启动。 / The audit rows from {mark.Id} on were deleted or replaced (they do not match the anchor {anchor.Path}); the product refuses to start. Investigate, then move that file away to start.");
            log.LogWarning("演示数据库是新的，审计锚点重新开始 / The demo database is new; the audit anchor starts again ({Path})", anchor.Path);
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
