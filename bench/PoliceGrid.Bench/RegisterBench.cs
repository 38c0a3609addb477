using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Shared;
using PoliceGrid.Web.Register;
using PoliceGrid.Web.Register.Bulk;
using PoliceGrid.Web.Register.Records;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Bench;

/// <summary>
/// The register at city scale on PostgreSQL: generates residents, houses and organisations over the demo units with
/// binary COPY, times lookups through <see cref="RegisterQueries"/>, then imports a ledger through the product's own
/// <see cref="ImportLedger"/> against PostgreSQL's COPY of the same file into a plain table.
/// Scale: POLICEGRID_BENCH_SCALE (fraction of 5 M residents, default 1), POLICEGRID_BENCH_IMPORT_ROWS (default 1,000,000),
/// POLICEGRID_BENCH_GRIDS (Units:TotalGrids, default 21351; empty: the demo's three per village).
/// </summary>
internal static class RegisterBench
{
    internal const string Database = "policegrid_bench_register";

    public static Task RunAsync()
    {
        var scale = double.Parse(Environment.GetEnvironmentVariable("POLICEGRID_BENCH_SCALE") ?? "1", CultureInfo.InvariantCulture);
        var importRows = int.Parse(Environment.GetEnvironmentVariable("POLICEGRID_BENCH_IMPORT_ROWS") ?? "1000000", CultureInfo.InvariantCulture);
        var totalGrids = Environment.GetEnvironmentVariable("POLICEGRID_BENCH_GRIDS") ?? "21351";
        return RunAsync(scale, importRows, totalGrids, 220);
    }

    /// <summary>Each query is timed <paramref name="queries"/> times, the first 20 as warm-up; <paramref name="gridsPerVillage"/> is Units:GridsPerVillage.</summary>
    public static async Task RunAsync(double scale, int importRows, string totalGrids, int queries, int? gridsPerVillage = null)
    {
        var server = Environment.GetEnvironmentVariable("POLICEGRID_BENCH_PG")
            ?? throw new InvalidOperationException("POLICEGRID_BENCH_PG is not set: run bench/run register.");
        var residents = (int)(5_000_000 * scale);
        var houses = (int)(1_700_000 * scale);
        var organisations = (int)(150_000 * scale);

        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await Execute(admin, $"DROP DATABASE IF EXISTS {Database} WITH (FORCE)");
            await Execute(admin, $"CREATE DATABASE {Database}");
        }
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = Database, CommandTimeout = 0 }.ConnectionString;

        var sw = Stopwatch.StartNew();
        // The generator numbers its rows from 1, so the demo grid's own small register is left out.
        var settings = new Dictionary<string, string> { ["Demo:Register"] = "false" };
        if (totalGrids.Length > 0)
            settings["Units:TotalGrids"] = totalGrids;
        if (gridsPerVillage is { } perVillage)
            settings["Units:GridsPerVillage"] = perVillage.ToString(CultureInfo.InvariantCulture);
        await using var host = ProductHost.Start(connectionString, settings);
        var app = host.Services;
        var gridCount = await WithDb(app, db => db.Units.CountAsync(u => u.Kind == UnitKind.Grid));
        Console.WriteLine($"bench register-units grids={gridCount} seconds={sw.Elapsed.TotalSeconds:F1}");

        sw.Restart();
        var generator = await RegisterGenerator.LoadAsync(app, residents, houses, organisations);
        await generator.WriteAsync(connectionString);
        Console.WriteLine($"bench register-generate residents={residents} houses={houses} organisations={organisations} addresses={generator.Addresses} grids={gridCount} seconds={sw.Elapsed.TotalSeconds:F1}");

        await LookupsAsync(app, generator, residents, queries);
        await ImportAsync(app, generator, connectionString, importRows);
    }

    internal static async Task<T> WithDb<T>(IServiceProvider app, Func<PoliceGridDb, Task<T>> work)
    {
        using var scope = app.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<PoliceGridDb>());
    }

    internal static async Task<Viewer> ViewerAsync(IServiceProvider services, string userName)
    {
        var db = services.GetRequiredService<PoliceGridDb>();
        var account = await db.Users.AsNoTracking().SingleAsync(a => a.UserName == userName);
        return await services.GetRequiredService<AccessPolicy>().ViewerFor(account);
    }

    /// <summary>At the generated scale: a person by full ID number, and a village's residents by name, as the dispatcher of 新华区.</summary>
    static async Task LookupsAsync(IServiceProvider app, RegisterGenerator generator, int residents, int count)
    {
        using var scope = app.CreateScope();
        var viewer = await ViewerAsync(scope.ServiceProvider, "dispatcher");
        var queries = scope.ServiceProvider.GetRequiredService<RegisterQueries>();
        var random = new Random(11);
        var inScope = generator.ResidentsIn(viewer.Scope.Prefixes[0], random, count);
        var times = new List<double>();
        var found = 0;
        foreach (var (i, r) in inScope.Select((r, i) => (i, r)))
        {
            var sw = Stopwatch.StartNew();
            var rows = await queries.ResidentRowsAsync(await queries.ResidentsAsync(new RegisterQuery(Q: RegisterGenerator.IdNumberOf(r)), viewer), new RegisterQuery(), viewer);
            if (i >= 20)
            {
                times.Add(sw.Elapsed.TotalMilliseconds);
                found += rows.Count;
            }
        }
        Console.WriteLine($"bench register-find-id residents={residents} queries={times.Count} found={found} median_ms={Percentile(times, 0.5):F2} p95_ms={Percentile(times, 0.95):F2}");

        var villages = generator.VillagesIn(viewer.Scope.Prefixes[0], random, count);
        times.Clear();
        var listed = 0;
        foreach (var (i, village) in villages.Select((v, i) => (i, v)))
        {
            var sw = Stopwatch.StartNew();
            var query = new RegisterQuery(UnitId: village, PageSize: 50);
            var rows = await queries.ResidentRowsAsync(await queries.ResidentsAsync(query, viewer), query, viewer);
            if (i >= 20)
            {
                times.Add(sw.Elapsed.TotalMilliseconds);
                listed += rows.Count;
            }
        }
        Console.WriteLine($"bench register-village-list residents={residents} per_village={residents / Math.Max(1, generator.VillageCount)} queries={times.Count} rows={listed} page=50 median_ms={Percentile(times, 0.5):F2} p95_ms={Percentile(times, 0.95):F2}");
    }

    /// <summary>A grid worker's ledger of new residents (a few bad rows and a few already on record), through the product and through COPY.</summary>
    static async Task ImportAsync(IServiceProvider app, RegisterGenerator generator, string connectionString, int rows)
    {
        var file = Path.Combine(Path.GetTempPath(), $"policegrid-ledger-{rows}.csv");
        var (bad, known) = RegisterGenerator.WriteLedger(file, rows, generator.ResidentCount);

        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await Execute(connection, """
                CREATE TABLE ledger_copy (name text, id_number text, sex text, birth_date text, phone text, household_type text, road text,
                    door_number text, building text, unit text, room text, resident_since text, registration_number text,
                    registration_expires text, tags text)
                """);
        }
        var copySeconds = await CopyCsvAsync(connectionString, file, "ledger_copy");

        using var scope = app.CreateScope();
        var viewer = await ViewerAsync(scope.ServiceProvider, "gridworker1");
        var import = scope.ServiceProvider.GetRequiredService<ImportLedger>();
        var sw = Stopwatch.StartNew();
        Result<ImportSummary> outcome;
        await using (var input = File.OpenRead(file))
            outcome = await import.RunAsync(input, Path.GetFileName(file), viewer);
        var seconds = sw.Elapsed.TotalSeconds;
        var summary = outcome.Value ?? throw new InvalidOperationException("The ledger was refused: " + outcome.Message);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bench register-import rows={summary.Rows} seconds={seconds:F1} copy_seconds={copySeconds:F1} ratio={seconds / copySeconds:F2} stored={summary.Stored} duplicates={summary.Duplicates} rejected={summary.Rejected} planted_bad={bad} planted_known={known} batch={ImportLedger.BatchSize}"));
        File.Delete(file);
    }

    static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
            return 0;
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    /// <summary>The baseline of an import: PostgreSQL's own COPY of the same CSV file into a plain table; its seconds.</summary>
    internal static async Task<double> CopyCsvAsync(string connectionString, string file, string table)
    {
        var sw = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var copy = await connection.BeginTextImportAsync($"COPY {table} FROM STDIN (FORMAT csv, HEADER true)"))
        {
            using var input = new StreamReader(file, Encoding.UTF8);
            var buffer = new char[1 << 16];
            for (int read; (read = await input.ReadAsync(buffer)) > 0;)
                await copy.WriteAsync(buffer.AsMemory(0, read));
        }
        return sw.Elapsed.TotalSeconds;
    }

    internal static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
