using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using PoliceGrid.Web.Data;

namespace PoliceGrid.Web.Register;

/// <summary>
/// Writes entities to PostgreSQL with binary COPY, columns taken from the EF model so the two never drift apart.
/// Ids come from the tables' own sequences (<see cref="ReserveIdsAsync"/>), so rows can name each other before they are written.
/// </summary>
public static class BulkCopy
{
    public static async Task<long[]> ReserveIdsAsync(NpgsqlConnection connection, string table, int count, CancellationToken ct = default)
    {
        if (count == 0)
            return [];
        await using var command = new NpgsqlCommand("SELECT nextval(pg_get_serial_sequence(@table, 'id')) FROM generate_series(1, @count)", connection);
        command.Parameters.AddWithValue("table", table);
        command.Parameters.AddWithValue("count", count);
        var ids = new long[count];
        await using var reader = await command.ExecuteReaderAsync(ct);
        for (var i = 0; await reader.ReadAsync(ct); i++)
            ids[i] = reader.GetInt64(0);
        return ids;
    }

    public static async Task WriteAsync<T>(PoliceGridDb db, NpgsqlConnection connection, IReadOnlyList<T> rows, CancellationToken ct = default) where T : class
    {
        if (rows.Count == 0)
            return;
        var columns = Columns<T>.For(db);
        var names = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
        await using var writer = await connection.BeginBinaryImportAsync($"COPY \"{Columns<T>.Table}\" ({names}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(ct);
            foreach (var column in columns)
            {
                if (column.Get(row) is { } value)
                    await writer.WriteAsync(value, column.Type, ct);
                else
                    await writer.WriteNullAsync(ct);
            }
        }
        await writer.CompleteAsync(ct);
    }

    sealed record Column<T>(string Name, NpgsqlDbType Type, Func<T, object?> Get);

    static class Columns<T>
    {
        static Column<T>[]? columns;

        public static string Table { get; private set; } = "";

        public static Column<T>[] For(PoliceGridDb db)
        {
            if (columns is not null)
                return columns;
            var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
            Table = entity.GetTableName()!;
            return columns = entity.GetProperties().Select(p =>
            {
                var type = Nullable.GetUnderlyingType(p.ClrType) ?? p.ClrType;
                var row = Expression.Parameter(typeof(T));
                Expression value = Expression.Property(row, p.PropertyInfo!);
                // Enums are stored as their numbers.
                if (type.IsEnum)
                    value = p.ClrType == type ? Expression.Convert(value, typeof(int)) : Expression.Convert(value, typeof(int?));
                var get = Expression.Lambda<Func<T, object?>>(Expression.Convert(value, typeof(object)), row).Compile();
                return new Column<T>(p.GetColumnName(), TypeOf(type), get);
            }).ToArray();
        }

        static NpgsqlDbType TypeOf(Type type) => type switch
        {
            _ when type == typeof(int) || type.IsEnum => NpgsqlDbType.Integer,
            _ when type == typeof(long) => NpgsqlDbType.Bigint,
            _ when type == typeof(string) => NpgsqlDbType.Text,
            _ when type == typeof(bool) => NpgsqlDbType.Boolean,
            _ when type == typeof(double) => NpgsqlDbType.Double,
            _ when type == typeof(DateOnly) => NpgsqlDbType.Date,
            _ when type == typeof(DateTime) => NpgsqlDbType.TimestampTz,
            _ when type == typeof(byte[]) => NpgsqlDbType.Bytea,
            _ => throw new NotSupportedException($"No COPY type for {type.Name}."),
        };
    }
}
