using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Care;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Bench;

/// <summary>
/// Care visits at city scale on PostgreSQL: <c>caredFor</c> residents in special groups across every grid (a quarter
/// of them elderly people living alone, as 60,000 of Pingdingshan's 250,000), last seen at random in the past month;
/// the sync that opens their cases from the register's tags, then the sweep that escalates the missed ones (its first
/// pass, which escalates the backlog, and a steady pass a minute later); and "今天要见" for a grid worker of a grid with
/// 200 cared-for people, against one account read by its key in the same run.
/// </summary>
internal static class CareBench
{
    public static async Task RunAsync(string server, int caredFor, string? template = null)
    {
        const string name = "policegrid_care_bench";
        await EventsBench.CreateDatabaseAsync(server, name, template);
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = name, CommandTimeout = 0 }.ConnectionString;
        await using var product = ProductHost.Start(connection);

        int busyGrid, worker;
        using (var scope = product.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PoliceGridDb>();
            (busyGrid, worker) = await db.Users.Where(a => a.Role == Role.GridWorker && a.PasswordHash == null).OrderBy(a => a.Id).Select(a => new ValueTuple<int, int>(a.UnitId, a.Id)).FirstAsync();
        }
        await using (var sql = new NpgsqlConnection(connection))
        {
            await sql.OpenAsync();
            // 200 people in one grid, the rest spread over every grid: addresses and residents made by the database itself.
            await RegisterBench.Execute(sql, string.Create(CultureInfo.InvariantCulture, $"""
                CREATE TEMP TABLE care_people AS
                SELECT n, CASE WHEN n <= 200 THEN {busyGrid} ELSE g.id END AS grid_id
                FROM generate_series(1, {caredFor}) AS n
                JOIN LATERAL (SELECT id FROM units WHERE kind = {(int)UnitKind.Grid} ORDER BY id OFFSET (n * 7919) % (SELECT count(*) FROM units WHERE kind = {(int)UnitKind.Grid}) LIMIT 1) g ON true;
                INSERT INTO standard_addresses (village_id, grid_id, police_district_id, area_path, road, door_number, building, unit_number, room, canonical, key, longitude, latitude, created_by_id, created_at)
                SELECT u.parent_id, u.id, u.police_district_id, u.path, 'care bench road', p.n::text, '', '', '', 'care bench road ' || p.n, 'care-bench-' || p.n,
                       113.2 + (p.n % 1000) * 0.0001, 33.7 + (p.n % 997) * 0.0001, {worker}, now()
                FROM care_people p JOIN units u ON u.id = p.grid_id;
                INSERT INTO residents (name, sex, household_type, tags, address_id, grid_id, police_district_id, area_path, status, collected_by_id, collected_at, has_pending_change, version)
                SELECT 'care' || a.door_number, 1, 1, CASE WHEN a.door_number::int % 4 = 0 THEN ',ElderlyAlone,' WHEN a.door_number::int % 4 = 1 THEN ',Disabled,'
                       WHEN a.door_number::int % 4 = 2 THEN ',SevereMentalDisorder,' ELSE ',CommunityCorrection,' END,
                       a.id, a.grid_id, a.police_district_id, a.area_path, 2, {worker}, now(), false, 1
                FROM standard_addresses a WHERE a.key LIKE 'care-bench-%';
                ANALYZE residents; ANALYZE standard_addresses;
                """));
        }

        var sync = Stopwatch.StartNew();
        using (var scope = product.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<OpenCareCases>().RunAsync();
        var syncSeconds = sync.Elapsed.TotalSeconds;
        await using (var sql = new NpgsqlConnection(connection))
        {
            await sql.OpenAsync();
            // Last seen at random in the past month: the plans then say who is due, and who is long overdue.
            await RegisterBench.Execute(sql, """
                UPDATE care_cases SET last_seen_at = now() - (id % 720) * interval '1 hour', due_at = now() - (id % 720) * interval '1 hour' + interval '48 hours',
                       next_escalation_at = now() - (id % 720) * interval '1 hour' + interval '60 hours';
                ANALYZE care_cases;
                """);
        }
        var (cases, elderly) = await CountAsync(product.Services);
        var first = await SweepAsync(product.Services);
        var steady = await SweepAsync(product.Services);

        using (var scope = product.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PoliceGridDb>();
            var access = scope.ServiceProvider.GetRequiredService<PoliceGrid.Web.Access.AccessPolicy>();
            var viewer = await access.ViewerFor(await db.Users.AsNoTracking().SingleAsync(a => a.Id == worker));
            var queries = scope.ServiceProvider.GetRequiredService<CareQueries>();
            var random = new Random(7);
            var ids = await db.Users.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Id).Take(5000).ToListAsync();
            const int calls = 500;
            var baseline = await StaffBench.TimeAsync(calls, () =>
            {
                var id = ids[random.Next(ids.Count)];
                return db.Users.AsNoTracking().Where(a => a.Id == id).Select(a => a.DisplayName).SingleAsync();
            });
            var shown = 0;
            var today = await StaffBench.TimeAsync(calls, async () => shown = (await queries.TodayAsync(viewer, 113.25, 33.75)).Count);
            var inGrid = await db.CareCases.CountAsync(c => c.GridId == busyGrid && c.ClosedAt == null);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"bench care cared_for={cases} elderly_alone={elderly} sync_seconds={syncSeconds:F2} first_sweep_seconds={first.Seconds:F2} first_sweep_escalated={first.Escalated} sweep_seconds={steady.Seconds:F3} sweep_escalated={steady.Escalated} grid_cared_for={inGrid} today_shown={shown} key_read_p95_ms={baseline.P95:F2} today_p50_ms={today.P50:F2} today_p95_ms={today.P95:F2} today_ratio={today.P95 / baseline.P95:F1}"));
        }
    }

    static async Task<(int Cases, int Elderly)> CountAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceGridDb>();
        return (await db.CareCases.CountAsync(c => c.ClosedAt == null),
            await db.CareCases.CountAsync(c => c.ClosedAt == null && c.Group == PoliceGrid.Web.Register.Records.SpecialGroup.ElderlyAlone));
    }

    static async Task<(double Seconds, int Escalated)> SweepAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var sw = Stopwatch.StartNew();
        var escalated = await scope.ServiceProvider.GetRequiredService<EscalateMissedVisits>().RunAsync();
        return (sw.Elapsed.TotalSeconds, escalated);
    }
}
