using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Delivery;
using PoliceGrid.Web.Duty;
using PoliceGrid.Web.Events;
using PoliceGrid.Web.Register.PersonalData;
using PoliceGrid.Web.Staff;
using PoliceGrid.Web.Teams;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Bench;

/// <summary>
/// The staff ledger on PostgreSQL: a city's ledger of <c>rows</c> people (grid workers with ID numbers and mobiles
/// across every grid, auxiliary officers with police numbers across every police district, 1% bad rows) imported by the
/// system administrator through <see cref="ImportStaff"/>, against PostgreSQL's COPY of the same file into a plain table
/// in the same run; then the same file again, which must change nothing. Then the city's teams (one per village, a
/// team per 20 people: about 2,400 for 48,000) answering for every grid of their village, and two weeks of rota for
/// up to 150 stations; and how long the lookups that routing and the chase make take at that size (a grid's team and
/// its members; a station's officer on duty), against one account read by its key in the same run.
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
        await TeamsAndRotasAsync(product.Services, teams: Math.Max(1, rows / 20), stations: 150);
    }

    static async Task TeamsAndRotasAsync(IServiceProvider services, int teams, int stations)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceGridDb>();
        var now = DateTime.UtcNow;
        var people = await db.Users.AsNoTracking().Where(a => a.DisabledAt == null).Select(a => new { a.Id, a.Role, a.UnitId }).ToListAsync();
        var police = people.Where(p => p.Role is Role.AuxiliaryOfficer or Role.CommunityOfficer).Select(p => p.Id).ToList();
        var workersByGrid = people.Where(p => p.Role == Role.GridWorker).ToLookup(p => p.UnitId, p => p.Id);
        var admin = people.First(p => p.Role == Role.SystemAdmin).Id;
        // The demo's own teams (its pairings) and rotas stay as they are; the city's are made for everything else.
        var villages = (await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.Grid && !db.GridResponsibilities.Any(r => r.GridId == u.Id))
                .Select(u => new { u.Id, u.ParentId }).ToListAsync())
            .GroupBy(g => g.ParentId!.Value).Take(teams).ToList();

        var formed = villages.Select((village, i) => new Team
        {
            UnitId = village.Key, Kind = TeamKind.Pairing, Name = $"村警网队{i}", LeaderId = police[i % police.Count], FormedById = admin, FormedAt = now,
        }).ToList();
        db.Teams.AddRange(formed);
        await db.SaveChangesAsync();
        for (var i = 0; i < villages.Count; i++)
        {
            db.TeamMembers.Add(new TeamMember { TeamId = formed[i].Id, AccountId = formed[i].LeaderId, Duty = TeamDuty.PoliceOfficer, StartedAt = now });
            foreach (var grid in villages[i])
            {
                db.GridResponsibilities.Add(new GridResponsibility { GridId = grid.Id, TeamId = formed[i].Id, StartedAt = now });
                foreach (var worker in workersByGrid[grid.Id].Take(2))
                    db.TeamMembers.Add(new TeamMember { TeamId = formed[i].Id, AccountId = worker, Duty = TeamDuty.GridWorker, StartedAt = now });
            }
        }
        await db.SaveChangesAsync();
        var members = await db.TeamMembers.CountAsync();

        var stationIds = await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.PoliceStation && !db.DutyShifts.Any(d => d.UnitId == u.Id)).OrderBy(u => u.Id).Select(u => u.Id).Take(stations).ToListAsync();
        var today = DateOnly.FromDateTime(now);
        var seat = 0;
        foreach (var station in stationIds)
            for (var day = 0; day < 14; day++)
                foreach (var period in new[] { DutyPeriod.Day, DutyPeriod.Night })
                    foreach (var (dutySeat, count) in new[] { (DutySeat.OfficerOnDuty, 2), (DutySeat.LeaderOnDuty, 1) })
                        for (var k = 0; k < count; k++)
                            db.DutyShifts.Add(new DutyShift
                            {
                                UnitId = station, Date = today.AddDays(day), Period = period, Seat = dutySeat, AccountId = police[seat++ % police.Count],
                                CreatedById = admin, CreatedByName = "bench", CreatedAt = now,
                            });
        await db.SaveChangesAsync();
        var shifts = await db.DutyShifts.CountAsync();
        db.ChangeTracker.Clear();

        var random = new Random(7);
        var teamLookup = scope.ServiceProvider.GetServices<ITeamLookup>().Single();
        var onDuty = scope.ServiceProvider.GetRequiredService<IOnDutyLookup>();
        var grids = await db.GridResponsibilities.AsNoTracking().Where(r => r.EndedAt == null).Select(r => r.GridId).ToListAsync();
        var teamCount = await db.Teams.CountAsync(t => t.DissolvedAt == null);
        const int calls = 2000;
        var baseline = await TimeAsync(calls, () =>
        {
            var id = people[random.Next(people.Count)].Id;
            return db.Users.AsNoTracking().Where(a => a.Id == id).Select(a => a.DisplayName).SingleAsync();
        });
        var team = await TimeAsync(calls, async () =>
        {
            var responsible = await teamLookup.ResponsibleTeamOfAsync(grids[random.Next(grids.Count)]) ?? throw new InvalidOperationException("a grid without its team");
            return (await teamLookup.CurrentMembersAsync(responsible)).Count;
        });
        var duty = stationIds.Count == 0 ? (P50: 0.0, P95: 0.0) : await TimeAsync(calls, async () =>
            (await onDuty.OfficerOnDutyAsync(stationIds[random.Next(stationIds.Count)], now.AddHours(random.Next(24 * 13))))?.AccountId
                ?? throw new InvalidOperationException("a station without its officer on duty"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bench city-teams staff={people.Count} teams={teamCount} teams_made={formed.Count} members={members} grids_covered={grids.Count} stations={stationIds.Count} shifts={shifts} key_read_p95_ms={baseline.P95:F2} team_of_grid_p50_ms={team.P50:F2} team_of_grid_p95_ms={team.P95:F2} team_ratio={team.P95 / baseline.P95:F1} officer_on_duty_p50_ms={duty.P50:F2} officer_on_duty_p95_ms={duty.P95:F2} duty_ratio={duty.P95 / baseline.P95:F1}"));
    }

    /// <summary>Median and p95 milliseconds of <paramref name="calls"/> calls, after a warm-up.</summary>
    internal static async Task<(double P50, double P95)> TimeAsync<T>(int calls, Func<Task<T>> call)
    {
        for (var i = 0; i < 50; i++)
            await call();
        var times = new List<double>(calls);
        for (var i = 0; i < calls; i++)
        {
            var sw = Stopwatch.StartNew();
            await call();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (times[calls / 2], times[(int)Math.Ceiling(0.95 * calls) - 1]);
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
