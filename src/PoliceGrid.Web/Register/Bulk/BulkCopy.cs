using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using PoliceGrid.Web.Data;

namespace PoliceGrid.Web.Register.Bulk;

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
        // Typed, synchronous writes: an async call per value costs more than the copy itself; the writer only blocks
        // when its buffer goes to the server.
        foreach (var row in rows)
        {
            writer.StartRow();
            foreach (var column in columns)
                column.Write(writer, row);
        }
        await writer.CompleteAsync(ct);
    }

    sealed record Column<T>(string Name, Action<NpgsqlBinaryImporter, T> Write);

    static class Columns<T>
    {
        static Column<T>[]? columns;

        static readonly MethodInfo WriteValue = typeof(NpgsqlBinaryImporter).GetMethods()
            .Single(m => m.Name == nameof(NpgsqlBinaryImporter.Write) && m.IsGenericMethod && m.GetParameters() is [_, { ParameterType: var t }] && t == typeof(NpgsqlDbType));

        static readonly MethodInfo WriteNull = typeof(NpgsqlBinaryImporter).GetMethod(nameof(NpgsqlBinaryImporter.WriteNull), Type.EmptyTypes)!;

        public static string Table { get; private set; } = "";

        public static Column<T>[] For(PoliceGridDb db)
        {
            if (columns is not null)
                return columns;
            var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
            Table = entity.GetTableName()!;
            return columns = entity.GetProperties().Select(p => new Column<T>(p.GetColumnName(), Writer(p.PropertyInfo!))).ToArray();
        }

        /// <summary>(writer, row) => write row.Property with its own type, null as NULL and enums as their numbers.</summary>
        static Action<NpgsqlBinaryImporter, T> Writer(PropertyInfo property)
        {
            var writer = Expression.Parameter(typeof(NpgsqlBinaryImporter));
            var row = Expression.Parameter(typeof(T));
            Expression value = Expression.Property(row, property);
            var underlying = Nullable.GetUnderlyingType(property.PropertyType);
            var type = underlying ?? property.PropertyType;
            Expression? isNull = underlying is not null ? Expression.Not(Expression.Property(value, "HasValue"))
                : type.IsValueType ? null : Expression.Equal(value, Expression.Constant(null, type));
            if (underlying is not null)
                value = Expression.Property(value, "Value");
            if (type.IsEnum)
                (value, type) = (Expression.Convert(value, typeof(int)), typeof(int));
            Expression write = Expression.Call(writer, WriteValue.MakeGenericMethod(type), value, Expression.Constant(TypeOf(type)));
            if (isNull is not null)
                write = Expression.IfThenElse(isNull, Expression.Call(writer, WriteNull), write);
            return Expression.Lambda<Action<NpgsqlBinaryImporter, T>>(write, writer, row).Compile();
        }

        static NpgsqlDbType TypeOf(Type type) => type switch
        {
            _ when type == typeof(int) => NpgsqlDbType.Integer,
            _ when type == typeof(long) => NpgsqlDbType.Bigint,
            _ when type == typeof(string) => NpgsqlDbType.Text,
            _ when type == typeof(bool) => NpgsqlDbType.Boolean,
            _ when type == typeof(double) => NpgsqlDbType.Double,
            _ when type == typeof(DateOnly) => NpgsqlDbType.Date,
            _ when type == typeof(DateTime) || type == typeof(DateTimeOffset) => NpgsqlDbType.TimestampTz,
            _ when type == typeof(byte[]) => NpgsqlDbType.Bytea,
            _ => throw new NotSupportedException($"No COPY type for {type.Name}."),
        };
    }
}
