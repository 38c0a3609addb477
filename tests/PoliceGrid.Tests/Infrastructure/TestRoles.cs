using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace PoliceGrid.Tests.Infrastructure;

/// <summary>
/// Login roles for one test database on PostgreSQL, as production runs: an owner that migrates and an application role
/// that is a member of <c>policegrid_app</c> and owns nothing. Roles are cluster-wide, so their names are unique per test.
/// </summary>
public sealed class TestRoles : IAsyncDisposable
{
    public required string App { get; init; }
    public string? Owner { get; init; }
    public required string AppConnection { get; init; }
    public string? OwnerConnection { get; init; }

    public static async Task<TestRoles> CreateAsync(TestDatabase database, bool owner = true)
    {
        database.Claim(); // the roles own and use this very database: no seeded copy may take its place
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var roles = new TestRoles
        {
            App = $"policegrid_t_app_{suffix}",
            Owner = owner ? $"policegrid_t_owner_{suffix}" : null,
            AppConnection = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = $"policegrid_t_app_{suffix}" }.ConnectionString,
            OwnerConnection = owner ? new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = $"policegrid_t_owner_{suffix}" }.ConnectionString : null,
        };
        await ExecuteAsync(TestDatabase.PostgresServer,
            "DO $$ BEGIN CREATE ROLE policegrid_app NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$",
            $"CREATE ROLE {roles.App} LOGIN IN ROLE policegrid_app");
        if (roles.Owner is { } name)
            await ExecuteAsync(TestDatabase.PostgresServer, $"CREATE ROLE {name} LOGIN CREATEROLE", $"ALTER DATABASE {builder.Database} OWNER TO {name}");
        return roles;
    }

    /// <summary>The product's connection strings for these roles, plus any other settings.</summary>
    public IReadOnlyDictionary<string, string> Settings(IReadOnlyDictionary<string, string>? more = null)
    {
        var settings = new Dictionary<string, string>(more ?? new Dictionary<string, string>()) { ["ConnectionStrings:PoliceGrid"] = AppConnection };
        if (OwnerConnection is { } owner)
            settings["ConnectionStrings:PoliceGridOwner"] = owner;
        return settings;
    }

    public static async Task ExecuteAsync(string connectionString, params string[] statements)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Drops the roles; the database they own or use must be gone first (dispose it before this).</summary>
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        foreach (var role in new[] { App, Owner }.OfType<string>())
        {
            try
            {
                await ExecuteAsync(TestDatabase.PostgresServer, $"DROP ROLE IF EXISTS {role}");
            }
            catch (PostgresException)
            {
                // Still owns a database another test keeps; the cluster is thrown away after the run.
            }
        }
    }
}

/// <summary>Keys a production start needs (outside demo mode there are no built-in ones).</summary>
public static class Production
{
    static string Key(string name) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(name)));

    public static IReadOnlyDictionary<string, string> Keys => new Dictionary<string, string>
    {
        ["Register:Keys:k1"] = Key("test register key"),
        ["Register:CurrentKeyId"] = "k1",
        ["Register:LookupKey"] = Key("test lookup key"),
        ["Audit:Key"] = Key("test audit key"),
        ["Audit:KeyId"] = "a1",
    };
}
