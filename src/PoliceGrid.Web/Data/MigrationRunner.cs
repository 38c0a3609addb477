using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace PoliceGrid.Web.Data;

/// <summary>
/// Applies the versioned SQL scripts of the current provider (Data/Migrations/{Sqlite,Postgres}/NNNN_name.sql)
/// that the database has not seen yet, each in its own transaction. See docs/decisions/0002-migrations-as-sql.md.
/// </summary>
public static class MigrationRunner
{
    const long AdvisoryLockKey = 0x5047_4D49_4752; // "PGMIGR"

    public static IReadOnlyList<(string Version, string Sql)> Scripts(string provider)
    {
        var assembly = typeof(MigrationRunner).Assembly;
        var prefix = $"migrations/{provider}/";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (Path.GetFileNameWithoutExtension(n[prefix.Length..]), Read(assembly, n)))
            .ToList();
    }

    static string Read(Assembly assembly, string name)
    {
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Migrates through <paramref name="ownerConnection"/> when one is set (<c>ConnectionStrings:PoliceGridOwner</c>), so
    /// that the product's own role need not own the tables; otherwise through the product's connection.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ApplyAsync(PoliceGridDb db, string? ownerConnection, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(ownerConnection))
            return await ApplyAsync(db, ct);
        var options = new DbContextOptionsBuilder<PoliceGridDb>();
        DatabaseSetup.Configure(options, db.Database.IsNpgsql() ? DatabaseSetup.Postgres : DatabaseSetup.Sqlite, ownerConnection);
        await using var owner = new PoliceGridDb(options.Options);
        return await ApplyAsync(owner, ct);
    }

    public static async Task<IReadOnlyList<string>> ApplyAsync(PoliceGridDb db, CancellationToken ct = default)
    {
        var postgres = db.Database.IsNpgsql();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // CREATE ... IF NOT EXISTS still needs the right to create, which a role that only uses the tables lacks.
            if (!postgres || await Scalar(connection, "SELECT to_regclass('schema_migrations') IS NULL", ct) is true)
                await Execute(connection, null, "CREATE TABLE IF NOT EXISTS schema_migrations (version varchar(100) PRIMARY KEY, applied_at varchar(40) NOT NULL)", ct);
            // Two instances starting together must not both apply the same script.
            if (postgres)
                await Execute(connection, null, $"SELECT pg_advisory_lock({AdvisoryLockKey})", ct);
            try
            {
                var applied = new HashSet<string>();
                await using (var read = connection.CreateCommand())
                {
                    read.CommandText = "SELECT version FROM schema_migrations";
                    await using var rows = await read.ExecuteReaderAsync(ct);
                    while (await rows.ReadAsync(ct))
                        applied.Add(rows.GetString(0));
                }

                var done = new List<string>();
                var scripts = Scripts(postgres ? DatabaseSetup.Postgres : DatabaseSetup.Sqlite);
                if (scripts.Count == 0)
                    throw new InvalidOperationException("No migration scripts are embedded in this build.");
                foreach (var (version, sql) in scripts)
                {
                    if (applied.Contains(version))
                        continue;
                    await using var transaction = await connection.BeginTransactionAsync(ct);
                    await Execute(connection, transaction, sql, ct);
                    await Execute(connection, transaction,
                        $"INSERT INTO schema_migrations (version, applied_at) VALUES ('{version}', '{DateTime.UtcNow:O}')", ct);
                    await transaction.CommitAsync(ct);
                    done.Add(version);
                }
                return done;
            }
            finally
            {
                if (postgres)
                    await Execute(connection, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", ct);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    static async Task<object?> Scalar(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(ct);
    }

    static async Task Execute(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }
}
