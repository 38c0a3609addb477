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
