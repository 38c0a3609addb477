using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using PoliceGrid.Web.Events;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Bench;

/// <summary>
/// Writes a year of city-scale events (default 1,000,000) straight into a migrated, demo-seeded PostgreSQL database
/// by binary COPY, consistent with its units: each event sits at an interior point of a real grid with that grid's
/// village, township, county, police district and station, is routed the way the default rules would (police work
/// and out-of-hours to the district, the rest to the grid), and has a life that fits its age (old ones mostly closed,
/// recent ones in every open state, some overdue and escalated). Generated events carry no step rows.
/// </summary>
internal static class GenerateEvents
{
    sealed record Grid(int Id, string Path, int? Village, int? Township, int? County, int? District, int? Station, double Lon, double Lat, int? Worker);

    sealed record Category(int Id, bool IsPolice, HandlerSide Handler, int CloseMinutes, int AcceptMinutes);

    public static async Task<(int Rows, double Seconds)> RunAsync(string connection, int count, DateTime endUtc, int seed = 20260101)
    {
        var clock = Stopwatch.StartNew();
        await using var data = NpgsqlDataSource.Create(connection);
        var grids = await GridsAsync(data);
        var categories = new List<Category>();
        await using (var read = data.CreateCommand("SELECT id, is_police, default_handler, close_minutes, accept_minutes FROM event_categories"))
        await using (var rows = await read.ExecuteReaderAsync())
            while (await rows.ReadAsync())
                categories.Add(new Category(rows.GetInt32(0), rows.GetBoolean(1), (HandlerSide)rows.GetInt32(2), rows.GetInt32(3), rows.GetInt32(4)));

        var random = new Random(seed);
        var start = endUtc.AddDays(-365);
        var span = (endUtc - start).TotalSeconds;
        await using var connectionForCopy = await data.OpenConnectionAsync();
        await using (var copy = await connectionForCopy.BeginBinaryImportAsync("""
            COPY events (category_id, source, title, description, lon, lat, address, area_path, county_id, township_id, village_id, grid_id,
              police_station_id, police_district_id, status, handler_side, handler_unit_id, handler_account_id, department, routed_by, is_confidential,
              reporter_account_id, reporter_name, reporter_contact, reported_at, updated_at, step_due_at, next_escalation_at, due_at, handled_at,
              closed_at, escalation_level, rework_count, merged_into_id, split_from_id, diverted_to_grid, resolution, version)
            FROM STDIN (FORMAT BINARY)
            """))
        {
            for (var i = 0; i < count; i++)
            {
                var g = grids[random.Next(grids.Count)];
                var c = categories[random.Next(categories.Count)];
                // More events by day than by night.
                var reported = start.AddSeconds(random.NextDouble() * span);
                var localHour = (reported.Hour + 8) % 24;
                if (localHour < 7 && random.NextDouble() < 0.6)
                    reported = reported.AddHours(8);
                if (reported > endUtc)
                    reported = endUtc.AddMinutes(-random.Next(1, 600));
                var local = reported.AddHours(8);
                var office = local.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && (local.Hour is >= 9 and < 12 || local.Hour is >= 15 and < 18);
                var source = c.IsPolice ? (random.NextDouble() < 0.5 ? EventSource.Call110 : EventSource.GridWorker)
                    : random.NextDouble() switch { < 0.55 => EventSource.GridWorker, < 0.7 => EventSource.Call110, < 0.85 => EventSource.Hotline12345, _ => EventSource.Citizen };
                var side = c.IsPolice || !office ? HandlerSide.Police : c.Handler == HandlerSide.Department ? HandlerSide.Department : HandlerSide.Grid;
                var handlerUnit = side switch { HandlerSide.Police => g.District, HandlerSide.Grid => g.Id, _ => g.County };
                var age = (endUtc - reported).TotalHours;
                var hoursToClose = Math.Exp(random.NextDouble() * 5.5); // 1 h to about 10 days
                var due = reported.AddMinutes(c.CloseMinutes);
                EventStatus status;
                DateTime? closed = null, handled = null;
                if (age > hoursToClose)
                {
                    status = random.NextDouble() switch { < 0.03 => EventStatus.Cancelled, < 0.05 => EventStatus.Merged, _ => EventStatus.Closed };
                    closed = reported.AddHours(hoursToClose);
                    handled = status == EventStatus.Closed ? closed.Value.AddHours(-Math.Min(hoursToClose / 2, 12)) : null;
                }
                else
                {
                    status = (EventStatus)random.Next(1, 7);
                    handled = status == EventStatus.Handled ? reported.AddHours(age / 2) : null;
                }
                var open = status < EventStatus.Closed;
                var stepDue = open ? reported.AddMinutes(c.AcceptMinutes * (int)status) : (DateTime?)null;
                var escalation = open && stepDue < endUtc ? Math.Min(3, 1 + (int)((endUtc - stepDue!.Value).TotalHours / 24)) : 0;
                var rework = status is EventStatus.Closed or EventStatus.Returned && random.NextDouble() < 0.08 ? 1 : 0;

                await copy.StartRowAsync();
                await copy.WriteAsync(c.Id, NpgsqlDbType.Integer);
                await copy.WriteAsync((int)source, NpgsqlDbType.Integer);
                await copy.WriteAsync("生成事件 " + i.ToString(System.Globalization.CultureInfo.InvariantCulture), NpgsqlDbType.Varchar);
                await copy.WriteAsync("", NpgsqlDbType.Varchar);
                await copy.WriteAsync(g.Lon, NpgsqlDbType.Double);
                await copy.WriteAsync(g.Lat, NpgsqlDbType.Double);
                await copy.WriteNullAsync();
                await copy.WriteAsync(g.Path, NpgsqlDbType.Varchar);
                await Nullable(copy, g.County);
                await Nullable(copy, g.Township);
                await Nullable(copy, g.Village);
                await copy.WriteAsync(g.Id, NpgsqlDbType.Integer);
                await Nullable(copy, g.Station);
                await Nullable(copy, g.District);
                await copy.WriteAsync((int)status, NpgsqlDbType.Integer);
                await copy.WriteAsync((int)side, NpgsqlDbType.Integer);
                await Nullable(copy, handlerUnit);
                await Nullable(copy, side == HandlerSide.Grid && random.NextDouble() < 0.5 ? g.Worker : null);
                await copy.WriteNullAsync();
                await copy.WriteAsync("生成 / generated", NpgsqlDbType.Varchar);
                await copy.WriteAsync(c.IsPolice && random.NextDouble() < 0.1, NpgsqlDbType.Boolean);
                await Nullable(copy, source == EventSource.GridWorker ? g.Worker : null);
                await copy.WriteAsync("生成", NpgsqlDbType.Varchar);
                await copy.WriteNullAsync();
                await copy.WriteAsync(reported, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(closed ?? reported, NpgsqlDbType.TimestampTz);
                await Time(copy, stepDue);
                await Time(copy, open && escalation < 3 ? stepDue : null);
                await copy.WriteAsync(due, NpgsqlDbType.TimestampTz);
                await Time(copy, handled);
                await Time(copy, closed);
                await copy.WriteAsync(escalation, NpgsqlDbType.Integer);
                await copy.WriteAsync(rework, NpgsqlDbType.Integer);
                await copy.WriteNullAsync();
                await copy.WriteNullAsync();
                await copy.WriteAsync(source == EventSource.Call110 && side == HandlerSide.Grid, NpgsqlDbType.Boolean);
                await copy.WriteNullAsync();
                await copy.WriteAsync(0, NpgsqlDbType.Integer);
            }
            await copy.CompleteAsync();
        }
        await using (var analyze = data.CreateCommand("ANALYZE events"))
            await analyze.ExecuteNonQueryAsync();
        return (count, clock.Elapsed.TotalSeconds);
    }

    static async Task Nullable(NpgsqlBinaryImporter copy, int? value)
    {
        if (value is { } v)
            await copy.WriteAsync(v, NpgsqlDbType.Integer);
        else
            await copy.WriteNullAsync();
    }

    static async Task Time(NpgsqlBinaryImporter copy, DateTime? value)
    {
        if (value is { } v)
            await copy.WriteAsync(v, NpgsqlDbType.TimestampTz);
        else
            await copy.WriteNullAsync();
    }

    static async Task<List<Grid>> GridsAsync(NpgsqlDataSource data)
    {
        var grids = new List<Grid>();
        await using var read = data.CreateCommand("""
            SELECT g.id, g.path, v.id, t.id, c.id, g.police_district_id, d.parent_id, g.outline,
                   (SELECT min(a.id) FROM accounts a WHERE a.unit_id = g.id AND a.role = 1)
            FROM units g
            LEFT JOIN units v ON v.id = g.parent_id
            LEFT JOIN units t ON t.id = v.parent_id
            LEFT JOIN units c ON c.id = t.parent_id
            LEFT JOIN units d ON d.id = g.police_district_id
            WHERE g.kind = 5 AND g.outline IS NOT NULL
            """);
        await using var rows = await read.ExecuteReaderAsync();
        int? Int(int i) => rows.IsDBNull(i) ? null : rows.GetInt32(i);
        while (await rows.ReadAsync())
        {
            var point = Wkb.Read((byte[])rows.GetValue(7)).InteriorPoint;
            grids.Add(new Grid(rows.GetInt32(0), rows.GetString(1), Int(2), Int(3), Int(4), Int(5), Int(6), point.X, point.Y, Int(8)));
        }
        return grids;
    }
}
