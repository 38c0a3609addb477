using Npgsql;
using PoliceGrid.Web.Data;

namespace PoliceGrid.Tests.Infrastructure;

/// <summary>A new, empty database on SQLite (a temp file) or PostgreSQL (a fresh database on the test server).</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public string Provider { get; }
    public string ConnectionString { get; }
    readonly string? dropName;
    readonly string? file;
    int used;

    TestDatabase(string provider, string connectionString, string? dropName, string? file) =>
        (Provider, ConnectionString, this.dropName, this.file) = (provider, connectionString, dropName, file);

    public static async Task<TestDatabase> CreateAsync(string provider)
    {
        if (provider == DatabaseSetup.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), $"policegrid-test-{Guid.NewGuid():N}.db");
            return new TestDatabase(provider, $"Data Source={file};Pooling=False", null, file);
        }
        var server = PostgresServer;
        var name = $"pg_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new TestDatabase(provider, new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString, name, null);
    }

    /// <summary>True for the first product to start on this database, which may then fill it from a template.</summary>
    public bool Claim() => Interlocked.Exchange(ref used, 1) == 0;

    /// <summary>Makes this (unused) database a copy of <paramref name="template"/>, which nothing may hold open.</summary>
    public async Task CopyFromAsync(TestDatabase template)
    {
        if (file is not null)
        {
            foreach (var suffix in new[] { "", "-wal" })
            {
                if (File.Exists(template.file + suffix))
                    File.Copy(template.file + suffix, file + suffix, overwrite: true);
            }
            return;
        }
        await Copying.WaitAsync();
        try
        {
            await using var connection = new NpgsqlConnection(PostgresServer);
            await connection.OpenAsync();
            foreach (var sql in new[] { $"DROP DATABASE IF EXISTS {dropName} WITH (FORCE)", $"CREATE DATABASE {dropName} TEMPLATE {template.dropName}" })
            {
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync();
            }
        }
        finally
        {
            Copying.Release();
        }
    }

    static readonly SemaphoreSlim Copying = new(1);

    /// <summary>A template outlives the tests that copy it: closes every connection to it now, drops it when the run ends.</summary>
    public static void KeepUntilExit(TestDatabase template)
    {
        if (template.dropName is not null)
            NpgsqlConnection.ClearPool(new NpgsqlConnection(template.ConnectionString));
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                template.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            catch (Exception)
            {
                // The server may be gone already (scripts/test stops it); nothing is left to clean then.
            }
        };
    }

    /// <summary>The throwaway server scripts/test starts; integration tests on PostgreSQL are not optional.</summary>
    public static string PostgresServer => Environment.GetEnvironmentVariable("POLICEGRID_TEST_PG")
        ?? throw new InvalidOperationException("POLICEGRID_TEST_PG is not set: run the tests with scripts/test, which starts PostgreSQL.");

    public async ValueTask DisposeAsync()
    {
        if (file is not null)
        {
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
                File.Delete(path);
        }
        if (dropName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(PostgresServer);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {dropName} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
