using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace PoliceGrid.Bench;

/// <summary>
/// The dispute figures on PostgreSQL: a year of disputes (150,000 by default: Jiangsu's rate scaled to one city) written
/// by one INSERT … SELECT over every grid, plus a pool of 50 mediators and 2,000 open cases in the demo township; then
/// the p95 of the figures (a township by village, the county by township) and of the pool suggestion for a new case,
/// each against the same counts as one plain SQL query (the baseline ratio).
/// </summary>
internal static class DisputesBench
{
    public static async Task RunAsync(string server, int count, int samples, string? template = null)
    {
        const string name = "policegrid_disputes_bench";
        await EventsBench.CreateDatabaseAsync(server, name, template);
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 50 }.ConnectionString;
        await using var product = ProductHost.Start(connection, new Dictionary<string, string> { ["Disputes:SweepSeconds"] = "0" });
        await using var data = NpgsqlDataSource.Create(connection);

        var watch = Stopwatch.StartNew();
        var township = await ScalarAsync(data, "SELECT id FROM units WHERE code = '410402001'");
        var townshipPath = (string)(await ObjectAsync(data, $"SELECT area_path FROM units WHERE id = {township}"))!;
        var opener = await ScalarAsync(data, "SELECT id FROM accounts WHERE user_name = 'officer'");
        await ExecuteAsync(data, $@"INSERT INTO mediators (unit_id, area_path, name, kind, specialties, dialects, available, added_at)
            SELECT {township}, '{townshipPath}', 'bench mediator ' || s, 1 + s % 5, CASE s % 3 WHEN 0 THEN 'Neighbour' WHEN 1 THEN 'LandProperty,LabourWages' ELSE 'FamilyMarriage' END,
                   '', true, now() FROM generate_series(1, 50) s");
        const string grids = @"WITH g AS (SELECT row_number() OVER (ORDER BY gr.id) - 1 AS i, gr.id, gr.area_path, gr.parent_id AS village, v.parent_id AS township, gr.police_district_id
                FROM units gr JOIN units v ON v.id = gr.parent_id WHERE gr.kind = 5 {0}), n AS (SELECT count(*) AS c FROM g)";
        const string columns = @"INSERT INTO disputes (type, source, title, at_stake, risk, status, police_involved, area_path, grid_id, village_id, township_id, police_district_id,
                mediator_id, opened_by_id, registered_at, updated_at, due_at, escalation_level, agreed_at, referred_at, carried_out_at, closed_at, is_repeated, may_turn_criminal, version)";
        await ExecuteAsync(data, string.Format(CultureInfo.InvariantCulture, grids, "") + columns + $@"
            SELECT 1 + s % 7, 1 + s % 4, 'bench', '', 0, CASE WHEN s % 10 = 0 THEN 1 WHEN s % 10 = 1 THEN 6 ELSE 9 END, false, g.area_path, g.id, g.village, g.township,
                   g.police_district_id, NULL, {opener}, now() - (s % 365) * interval '1 day', now(), now() - (s % 365) * interval '1 day' + interval '30 days', 0,
                   CASE WHEN s % 10 > 1 THEN now() - (s % 365) * interval '1 day' + (s % 40) * interval '1 day' END,
                   CASE WHEN s % 10 = 1 THEN now() - (s % 365) * interval '1 day' + interval '3 days' END,
                   CASE WHEN s % 10 > 2 THEN now() - (s % 365) * interval '1 day' + interval '45 days' END,
                   CASE WHEN s % 10 > 1 THEN now() - (s % 365) * interval '1 day' + interval '50 days' END, s % 50 = 0, s % 200 = 0, 0
            FROM generate_series(1, {count}) s JOIN g ON g.i = s % (SELECT c FROM n)");
        var open = Math.Min(2_000, Math.Max(20, count / 10));
        await ExecuteAsync(data, string.Format(CultureInfo.InvariantCulture, grids, $"AND gr.area_path LIKE '{townshipPath}%'") + columns + $@"
            SELECT 1 + s % 7, 3, 'bench open', '', 0, 4, false, g.area_path, g.id, g.village, g.township, g.police_district_id,
                   (SELECT min(id) FROM mediators WHERE name LIKE 'bench mediator %') + s % 50, {opener}, now() - (s % 20) * interval '1 day', now(),
                   now() + interval '10 days', 0, NULL, NULL, NULL, NULL, false, false, 0
            FROM generate_series(1, {open}) s JOIN g ON g.i = s % (SELECT c FROM n)");
        await ExecuteAsync(data, "ANALYZE disputes; ANALYZE mediators");
        var total = await ScalarAsync(data, "SELECT count(*) FROM disputes");
        Console.WriteLine($"bench disputes-generate rows={total} open_in_township={open} mediators=50 seconds={watch.Elapsed.TotalSeconds:F1} method=insert_select");

        var director = await SignInAsync(product, "director");
        var officer = await SignInAsync(product, "officer");
        var dispatcher = await SignInAsync(product, "dispatcher");
        var grid = await ScalarAsync(data, "SELECT unit_id FROM accounts WHERE user_name = 'gridworker1'");
        var opened = await officer.PostAsJsonAsync("/api/disputes", new
        {
            type = "Neighbour", source = "WalkIn", title = "bench new case", gridId = grid, parties = new[] { new { name = "甲" }, new { name = "乙" } },
        });
        opened.EnsureSuccessStatusCode();
        var id = await opened.Content.ReadFromJsonAsync<int>();

        var from = new DateOnly(DateTime.UtcNow.Year, 1, 1).AddYears(-1);
        var to = DateOnly.FromDateTime(DateTime.UtcNow);
        var query = $"?by=village&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";
        var figures = await TimeAsync(samples, async () => await director.GetAsync("/api/disputes/figures" + query));
        var county = await TimeAsync(samples, async () => await dispatcher.GetAsync($"/api/disputes/figures?by=township&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}"));
        var suggestion = await TimeAsync(samples, async () => await officer.GetAsync($"/api/disputes/{id}/suggestions"));

        var (f, t) = (from.ToDateTime(TimeOnly.MinValue), to.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var plainFigures = await TimeAsync(samples, async () =>
        {
            await using var command = data.CreateCommand(@"SELECT village_id, count(*) FILTER (WHERE registered_at >= $1 AND registered_at < $2),
                    count(*) FILTER (WHERE agreed_at >= $1 AND agreed_at < $2), count(*) FILTER (WHERE agreed_at >= $1 AND agreed_at < $2 AND agreed_at <= due_at),
                    count(*) FILTER (WHERE carried_out_at >= $1 AND carried_out_at < $2), count(*) FILTER (WHERE referred_at >= $1 AND referred_at < $2),
                    count(*) FILTER (WHERE registered_at >= $1 AND registered_at < $2 AND is_repeated), count(*) FILTER (WHERE registered_at >= $1 AND registered_at < $2 AND may_turn_criminal)
                FROM disputes WHERE area_path LIKE $3 GROUP BY village_id");
            foreach (var (a, b) in new[] { (f, t), (f.AddYears(-1), t.AddYears(-1)) })
            {
                command.Parameters.Clear();
                command.Parameters.Add(new NpgsqlParameter { Value = DateTime.SpecifyKind(a, DateTimeKind.Utc) });
                command.Parameters.Add(new NpgsqlParameter { Value = DateTime.SpecifyKind(b, DateTimeKind.Utc) });
                command.Parameters.Add(new NpgsqlParameter { Value = townshipPath + "%" });
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync()) { }
            }
            return null;
        });
        var plainSuggestion = await TimeAsync(samples, async () =>
        {
            await using var command = data.CreateCommand(@"SELECT m.id, m.specialties, count(d.id) FILTER (WHERE d.status IN (1, 2, 3, 4)), count(d.agreed_at)
                FROM mediators m LEFT JOIN disputes d ON d.mediator_id = m.id WHERE m.available AND $1 LIKE m.area_path || '%' GROUP BY m.id, m.specialties");
            command.Parameters.Add(new NpgsqlParameter { Value = townshipPath });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) { }
            return null;
        });
        Console.WriteLine($"bench disputes-figures scope=township by=village disputes={total} samples={samples} median_ms={Pct(figures, 0.5):F1} p95_ms={Pct(figures, 0.95):F1} plain_sql_p95_ms={Pct(plainFigures, 0.95):F1} ratio={Pct(figures, 0.95) / Pct(plainFigures, 0.95):F1}");
        Console.WriteLine($"bench disputes-figures scope=county by=township disputes={total} samples={samples} median_ms={Pct(county, 0.5):F1} p95_ms={Pct(county, 0.95):F1}");
        Console.WriteLine($"bench disputes-suggestion mediators=50 open={open} samples={samples} median_ms={Pct(suggestion, 0.5):F1} p95_ms={Pct(suggestion, 0.95):F1} plain_sql_p95_ms={Pct(plainSuggestion, 0.95):F1} ratio={Pct(suggestion, 0.95) / Pct(plainSuggestion, 0.95):F1}");
    }

    static async Task<HttpClient> SignInAsync(ProductHost product, string user)
    {
        var client = product.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await client.PostAsJsonAsync("/api/auth/login", new { userName = user, password = "PoliceGrid#2026" })).EnsureSuccessStatusCode();
        return client;
    }

    static async Task<List<double>> TimeAsync(int samples, Func<Task<HttpResponseMessage?>> call)
    {
        for (var i = 0; i < 3; i++)
            (await call())?.EnsureSuccessStatusCode();
        var times = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            var watch = Stopwatch.StartNew();
            var response = await call();
            if (response is not null)
            {
                await response.Content.ReadAsByteArrayAsync();
                response.EnsureSuccessStatusCode();
            }
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times;
    }

    static double Pct(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    static async Task<long> ScalarAsync(NpgsqlDataSource data, string sql) => Convert.ToInt64(await ObjectAsync(data, sql), CultureInfo.InvariantCulture);

    static async Task<object?> ObjectAsync(NpgsqlDataSource data, string sql)
    {
        await using var command = data.CreateCommand(sql);
        return await command.ExecuteScalarAsync();
    }

    static async Task ExecuteAsync(NpgsqlDataSource data, string sql)
    {
        await using var command = data.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
