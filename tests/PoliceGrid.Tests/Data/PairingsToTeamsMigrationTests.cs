using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Teams;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Tests.Data;

/// <summary>Migration 0017 turns the old pairings into teams of kind Pairing, leaves pairs already on a team alone, and drops the table.</summary>
public class PairingsToTeamsMigrationTests
{
    [Theory]
    [InlineData(DatabaseSetup.Sqlite)]
    [InlineData(DatabaseSetup.Postgres)]
    public async Task EveryPairingNotYetATeamBecomesAPairingTeamAnsweringForAGridWithoutOne(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = Open(database);
        await ApplyBeforeAsync(db, provider, "0017");

        Unit NewUnit(string code, UnitKind kind, int? parent = null, int? district = null) =>
            new() { Code = code, Name = "单元" + code, Kind = kind, ParentId = parent, Path = "/" + code, AreaPath = "/" + code, PoliceDistrictId = district };
        var district = NewUnit("D1", UnitKind.PoliceDistrict);
        var village = NewUnit("V1", UnitKind.Village);
        db.Units.AddRange(district, village);
        await db.SaveChangesAsync();
        var (grid1, grid2) = (NewUnit("G1", UnitKind.Grid, village.Id, district.Id), NewUnit("G2", UnitKind.Grid, village.Id, district.Id));
        db.Units.AddRange(grid1, grid2);
        await db.SaveChangesAsync();
        Account Person(string name, Role role, int unit) =>
            new() { UserName = name, NormalizedUserName = name.ToUpperInvariant(), DisplayName = name, Role = role, Side = role.DefaultSide(), UnitId = unit, SecurityStamp = name };
        var (officer, first, second, onTeam, gone) = (Person("o", Role.CommunityOfficer, district.Id), Person("w1", Role.GridWorker, grid1.Id),
            Person("w2", Role.GridWorker, grid2.Id), Person("w3", Role.GridWorker, grid1.Id), Person("w4", Role.GridWorker, grid1.Id));
        gone.DisabledAt = DateTime.UtcNow;
        db.Users.AddRange(officer, first, second, onTeam, gone);
        await db.SaveChangesAsync();
        // Already a team: the officer and w3 answer for grid 1 together.
        var team = new Team { UnitId = grid1.Id, Kind = TeamKind.OneOfficerThreeMembers, Name = "已有队伍", LeaderId = officer.Id, FormedById = officer.Id, FormedAt = DateTime.UtcNow };
        db.Teams.Add(team);
        await db.SaveChangesAsync();
        db.TeamMembers.AddRange(new TeamMember { TeamId = team.Id, AccountId = officer.Id, Duty = TeamDuty.PoliceOfficer, StartedAt = DateTime.UtcNow },
            new TeamMember { TeamId = team.Id, AccountId = onTeam.Id, Duty = TeamDuty.GridWorker, StartedAt = DateTime.UtcNow });
        db.GridResponsibilities.Add(new GridResponsibility { GridId = grid1.Id, TeamId = team.Id, StartedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
        foreach (var worker in new[] { first, second, onTeam, gone })
            await db.Database.ExecuteSqlAsync($"INSERT INTO pairings (police_district_id, officer_id, grid_worker_id) VALUES ({district.Id}, {officer.Id}, {worker.Id})");

        Assert.Contains("0017_pairings_to_teams", await MigrationRunner.ApplyAsync(db));
        db.ChangeTracker.Clear();

        var teams = await db.Teams.AsNoTracking().Where(t => t.Id != team.Id).OrderBy(t => t.UnitId).ToListAsync();
        Assert.Equal([grid1.Id, grid2.Id], teams.Select(t => t.UnitId));
        Assert.All(teams, t => Assert.Equal((TeamKind.Pairing, officer.Id, (DateTime?)null), (t.Kind, t.LeaderId, t.DissolvedAt)));
        Assert.Equal(grid2.Name, teams[1].Name);
        foreach (var (moved, worker) in teams.Zip(new[] { first, second }))
        {
            var members = await db.TeamMembers.AsNoTracking().Where(m => m.TeamId == moved.Id && m.EndedAt == null).OrderBy(m => m.Duty)
                .Select(m => new { m.AccountId, m.Duty }).ToListAsync();
            Assert.Equal([new { AccountId = officer.Id, Duty = TeamDuty.PoliceOfficer }, new { AccountId = worker.Id, Duty = TeamDuty.GridWorker }], members);
        }
        // Grid 1 keeps the team that answered for it; grid 2 had none and gets its pairing.
        var answering = await db.GridResponsibilities.AsNoTracking().Where(r => r.EndedAt == null).OrderBy(r => r.GridId).Select(r => new { r.GridId, r.TeamId }).ToListAsync();
        Assert.Equal([new { GridId = grid1.Id, TeamId = team.Id }, new { GridId = grid2.Id, TeamId = teams[1].Id }], answering);

        // The table is gone, and a team formed afterwards gets an id of its own.
        await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("SELECT COUNT(*) FROM pairings"));
        var later = new Team { UnitId = grid2.Id, Kind = TeamKind.Pairing, Name = "新队伍", LeaderId = officer.Id, FormedById = officer.Id, FormedAt = DateTime.UtcNow };
        db.Teams.Add(later);
        await db.SaveChangesAsync();
        Assert.True(later.Id > teams.Max(t => t.Id));
    }

    static PoliceGridDb Open(TestDatabase database)
    {
        var options = new DbContextOptionsBuilder<PoliceGridDb>();
        DatabaseSetup.Configure(options, database.Provider, database.ConnectionString);
        return new PoliceGridDb(options.Options);
    }

    /// <summary>Applies the scripts before <paramref name="version"/> as the runner would, so the next run applies only that one and later.</summary>
    static async Task ApplyBeforeAsync(PoliceGridDb db, string provider, string version)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await ExecuteAsync(connection, "CREATE TABLE schema_migrations (version varchar(100) PRIMARY KEY, applied_at varchar(40) NOT NULL)");
        foreach (var (name, sql) in MigrationRunner.Scripts(provider).Where(s => string.CompareOrdinal(s.Version, version) < 0))
        {
            await ExecuteAsync(connection, sql);
            await ExecuteAsync(connection, $"INSERT INTO schema_migrations (version, applied_at) VALUES ('{name}', 'test')");
        }
        await connection.CloseAsync();
    }

    static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
