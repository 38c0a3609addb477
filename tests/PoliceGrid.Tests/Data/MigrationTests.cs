using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Data;

namespace PoliceGrid.Tests.Data;

/// <summary>A model change without a migration fails here: the migrated schema must equal the one EF derives from the model.</summary>
public class MigrationTests
{
    [Theory]
    [InlineData(DatabaseSetup.Sqlite)]
    [InlineData(DatabaseSetup.Postgres)]
    public async Task MigratedSchemaMatchesTheModel(string provider)
    {
        await using var migrated = await TestDatabase.CreateAsync(provider);
        await using var created = await TestDatabase.CreateAsync(provider);

        await using (var db = Open(migrated))
            await MigrationRunner.ApplyAsync(db);
        await using (var db = Open(created))
            await db.Database.EnsureCreatedAsync();

        var expected = await DescribeAsync(created);
        var actual = await DescribeAsync(migrated);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual.Where(line => !line.Contains("schema_migrations", StringComparison.Ordinal)).ToList());
    }

    [Theory]
    [InlineData(DatabaseSetup.Sqlite)]
    [InlineData(DatabaseSetup.Postgres)]
    public async Task MigratingTwiceAppliesNothingTheSecondTime(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = Open(database);
        Assert.NotEmpty(await MigrationRunner.ApplyAsync(db));
        Assert.Empty(await MigrationRunner.ApplyAsync(db));
    }

    static PoliceGridDb Open(TestDatabase database)
    {
        var options = new DbContextOptionsBuilder<PoliceGridDb>();
        DatabaseSetup.Configure(options, database.Provider, database.ConnectionString);
        return new PoliceGridDb(options.Options);
    }

    /// <summary>Tables, columns (type, nullability, default), indexes and foreign keys, one sorted line each.</summary>
    static async Task<List<string>> DescribeAsync(TestDatabase database)
    {
        await using var db = Open(database);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var lines = new List<string>();
        if (database.Provider == DatabaseSetup.Sqlite)
        {
            var tables = await QueryAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
            foreach (var table in tables.Select(t => t[0]))
            {
                lines.AddRange((await QueryAsync(connection, $"SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('{table}')"))
                    .Select(c => $"column {table}.{string.Join(' ', c)}"));
                lines.AddRange((await QueryAsync(connection, $"SELECT name, \"unique\" FROM pragma_index_list('{table}') WHERE origin = 'c'"))
                    .Select(i => $"index {table}.{string.Join(' ', i)}"));
                lines.AddRange((await QueryAsync(connection, $"SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list('{table}')"))
                    .Select(f => $"fk {table}.{string.Join(' ', f)}"));
            }
        }
        else
        {
            lines.AddRange((await QueryAsync(connection, """
                SELECT table_name, column_name, data_type, coalesce(character_maximum_length::text, ''), is_nullable, coalesce(column_default, ''), coalesce(is_identity, '')
                FROM information_schema.columns WHERE table_schema = 'public'
                """)).Select(c => "column " + string.Join(' ', c)));
            lines.AddRange((await QueryAsync(connection, "SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public'"))
                .Select(i => "index " + string.Join(' ', i)));
            lines.AddRange((await QueryAsync(connection, """
                SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace
                """)).Select(c => "constraint " + string.Join(' ', c)));
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    static async Task<List<string[]>> QueryAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!).ToArray());
        return rows;
    }
}
