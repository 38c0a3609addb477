using System.Diagnostics;
using NetTopologySuite.IO;
using Npgsql;
using NpgsqlTypes;
using PoliceGrid.Web.Units.Geometry;

namespace PoliceGrid.Bench;

/// <summary>The same lookups done by PostgreSQL+PostGIS, the obvious alternative to an in-process index.</summary>
internal static class PostGis
{
    /// <summary>With <paramref name="required"/> (the tiny run in CI) a database without PostGIS fails instead of skipping.</summary>
    public static async Task RunAsync(List<(int Id, NetTopologySuite.Geometries.Geometry Outline)> grids, double[] xs, double[] ys, LocateIndex index, double oursPerSecond,
        bool required = false)
    {
        var pointCount = Math.Min(20_000, xs.Length);
        var connectionString = Environment.GetEnvironmentVariable("POLICEGRID_BENCH_PG") ?? "Host=127.0.0.1;Port=55433;Username=postgres;Database=postgres";
        NpgsqlConnection connection;
        try
        {
            connection = new NpgsqlConnection(connectionString + ";Timeout=5");
            await connection.OpenAsync();
            await using var check = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS postgis", connection);
            await check.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (!required && e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException or PostgresException)
        {
            Console.WriteLine($"bench postgis skipped={Sanitise(e.Message)}");
            return;
        }

        await using (connection)
        {
            await ExecAsync(connection, "DROP TABLE IF EXISTS bench_grid_wkb; DROP TABLE IF EXISTS bench_grid; CREATE UNLOGGED TABLE bench_grid_wkb (id int, wkb bytea)");
            var sw = Stopwatch.StartNew();
            var wkb = new WKBWriter();
            await using (var copy = await connection.BeginBinaryImportAsync("COPY bench_grid_wkb (id, wkb) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var (id, outline) in grids)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(id, NpgsqlDbType.Integer);
                    await copy.WriteAsync(wkb.Write(outline), NpgsqlDbType.Bytea);
                }

                await copy.CompleteAsync();
            }

            await ExecAsync(connection, """
                CREATE TABLE bench_grid AS SELECT id, ST_GeomFromWKB(wkb, 4326) AS outline FROM bench_grid_wkb;
                CREATE INDEX bench_grid_outline ON bench_grid USING gist (outline);
                ANALYZE bench_grid;
                """);
            var loadSeconds = sw.Elapsed.TotalSeconds;

            // Per-point queries, prepared: what an API handler that asks the database per request would do.
            await using (var cmd = new NpgsqlCommand("SELECT id FROM bench_grid WHERE ST_Contains(outline, ST_SetSRID(ST_MakePoint($1, $2), 4326)) LIMIT 1", connection))
            {
                var px = new NpgsqlParameter<double> { NpgsqlDbType = NpgsqlDbType.Double };
                var py = new NpgsqlParameter<double> { NpgsqlDbType = NpgsqlDbType.Double };
                cmd.Parameters.Add(px);
                cmd.Parameters.Add(py);
                await cmd.PrepareAsync();
                for (var i = 0; i < 500; i++)
                {
                    (px.TypedValue, py.TypedValue) = (xs[i], ys[i]);
                    await cmd.ExecuteScalarAsync();
                }

                var disagree = 0;
                sw.Restart();
                for (var i = 0; i < pointCount; i++)
                {
                    (px.TypedValue, py.TypedValue) = (xs[i], ys[i]);
                    var result = await cmd.ExecuteScalarAsync();
                    if ((result as int?) != index.Locate(xs[i], ys[i]))
                    {
                        disagree++;
                    }
                }

                var perSecond = pointCount / sw.Elapsed.TotalSeconds;
                Console.WriteLine($"bench postgis mode=per_query grids={grids.Count} points={pointCount} load_s={loadSeconds:F2} lookups_per_s={perSecond:F0} disagree={disagree} ratio={oursPerSecond / perSecond:F0} threads=1");
            }

            // One round trip for all points: PostGIS at its best.
            await using (var cmd = new NpgsqlCommand("""
                SELECT p.i, g.id FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS p(x, y, i)
                LEFT JOIN LATERAL (SELECT id FROM bench_grid WHERE ST_Contains(outline, ST_SetSRID(ST_MakePoint(p.x, p.y), 4326)) LIMIT 1) g ON true
                """, connection))
            {
                cmd.Parameters.Add(new NpgsqlParameter<double[]> { TypedValue = xs[..pointCount] });
                cmd.Parameters.Add(new NpgsqlParameter<double[]> { TypedValue = ys[..pointCount] });
                sw.Restart();
                var disagree = 0;
                await using (var reader = await cmd.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync())
                    {
                        var i = (int)reader.GetInt64(0) - 1;
                        int? id = reader.IsDBNull(1) ? null : reader.GetInt32(1);
                        if (id != index.Locate(xs[i], ys[i]))
                        {
                            disagree++;
                        }
                    }
                }

                var perSecond = pointCount / sw.Elapsed.TotalSeconds;
                Console.WriteLine($"bench postgis mode=unnest grids={grids.Count} points={pointCount} lookups_per_s={perSecond:F0} disagree={disagree} ratio={oursPerSecond / perSecond:F0} threads=1");
            }

            await ExecAsync(connection, "DROP TABLE bench_grid_wkb; DROP TABLE bench_grid");
        }
    }

    private static async Task ExecAsync(NpgsqlConnection connection, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        cmd.CommandTimeout = 600;
        await cmd.ExecuteNonQueryAsync();
    }

    private static string Sanitise(string message) => string.Join('_', message.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Replace("\n", "_", StringComparison.Ordinal);
}
