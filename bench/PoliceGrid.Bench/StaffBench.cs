using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Register.PersonalData;
using PoliceGrid.Web.Staff;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Bench;

/// <summary>
/// The staff ledger on PostgreSQL: a city's ledger of <c>rows</c> people (grid workers with ID numbers and mobiles
/// across every grid, auxiliary officers with police numbers across every police district, 1% bad rows) imported by the
/// system administrator through <see cref="ImportStaff"/>, against PostgreSQL's COPY of the same file into a plain table
/// in the same run; then the same file again, which must change nothing.
/// </summary>
internal static class StaffBench
{
    public static async Task RunAsync(string server, int rows, string? template = null)
    {
        const string name = "policegrid_staff_bench";
        await EventsBench.CreateDatabaseAsync(server, name, template);
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = name, CommandTimeout = 0 }.ConnectionString;
        await using var product = ProductHost.Start(connection);

        List<string> grids, districts;
        using (var scope = product.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PoliceGridDb>();
            grids = await db.Units.Where(u => u.Kind == UnitKind.Grid).Select(u => u.Code).ToListAsync();
            districts = await db.Units.Where(u => u.Kind == UnitKind.PoliceDistrict).Select(u => u.Code).ToListAsync();
        }
        var file = Path.Combine(Path.GetTempPath(), $"policegrid-staff-{rows}.csv");
        var bad = Write(file, rows, grids, districts);

        await using (var copyConnection = new NpgsqlConnection(connection))
        {
            await copyConnection.OpenAsync();
            await RegisterBench.Execute(copyConnection,
                "CREATE TABLE staff_copy (name text, mobile text, police_number text, id_number text, role text, employment text, unit_code text, department text)");
        }
        var copySeconds = await RegisterBench.CopyCsvAsync(connection, file, "staff_copy");

        var (first, seconds) = await ImportAsync(product.Services, file);
        var (again, againSeconds) = await ImportAsync(product.Services, file);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bench staff-import rows={first.Rows} seconds={seconds:F2} copy_seconds={copySeconds:F3} ratio={seconds / copySeconds:F1} created={first.Created} rejected={first.Rejected} planted_bad={bad} reimport_seconds={againSeconds:F2} reimport_ratio={againSeconds / copySeconds:F1} reimport_unchanged={again.Unchanged} reimport_created={again.Created} reimport_updated={again.Updated}"));
        if (first.Rejected != bad || again.Created + again.Updated + again.Transferred != 0)
            throw new InvalidOperationException($"the staff import did not do what the file asks: rejected {first.Rejected} of {bad} planted; second import changed {again.Created + again.Updated + again.Transferred}");
        File.Delete(file);
    }

    static async Task<(StaffImportSummary Summary, double Seconds)> ImportAsync(IServiceProvider services, string file)
    {
        using var scope = services.CreateScope();
        var viewer = await RegisterBench.ViewerAsync(scope.ServiceProvider, "admin");
        var sw = Stopwatch.StartNew();
        await using var input = File.OpenRead(file);
        var outcome = await scope.ServiceProvider.GetRequiredService<ImportStaff>().RunAsync(input, Path.GetFileName(file), viewer);
        return (outcome.Value ?? throw new InvalidOperationException("The staff ledger was refused: " + outcome.Message?.En), sw.Elapsed.TotalSeconds);
    }

    /// <summary>Writes the ledger; returns how many rows are planted bad (a wrong ID check character).</summary>
    static int Write(string file, int rows, List<string> grids, List<string> districts)
    {
        using var writer = new StreamWriter(file, false, new UTF8Encoding(true));
        writer.WriteLine("姓名,手机号码,警号,身份证号,岗位,专职/兼职,单位代码,部门");
        var bad = 0;
        for (var i = 0; i < rows; i++)
        {
            var mobile = "137" + i.ToString("D8", CultureInfo.InvariantCulture);
            if (i % 10 == 9)
            {
                writer.WriteLine($"辅警{i},{mobile},F{i:D7},,辅警,,{districts[i % districts.Count]},");
                continue;
            }
            // Each ID number once: a thousand people born on each day from 1960 on.
            var first17 = $"410402{new DateOnly(1960, 1, 1).AddDays(i / 1000):yyyyMMdd}{i % 1000:D3}";
            var id = first17 + IdNumber.CheckCharacter(first17);
            if (i % 100 == 50)
            {
                id = first17 + (IdNumber.CheckCharacter(first17) == '0' ? '1' : '0');
                bad++;
            }
            writer.WriteLine($"网格员{i},{mobile},,{id},网格员,{(i % 3 == 0 ? "兼职" : "专职")},{grids[i % grids.Count]},");
        }
        return bad;
    }
}
