using System.Net;
using System.Net.Http.Json;
using Npgsql;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Data;
using static PoliceGrid.Tests.Register.RegisterApps;
using PoliceGrid.Web.Register.Records;

namespace PoliceGrid.Tests.Audit;

public class AuditRolesTests
{
    [Fact]
    public async Task TheProductsOwnDatabaseRoleCannotRewriteTheTrail()
    {
        var database = await TestDatabase.CreateAsync(DatabaseSetup.Postgres);
        await using var roles = await TestRoles.CreateAsync(database);
        await using var app = new ProductApp(database, settings: roles.Settings());
        _ = app.Server;
        var worker = await app.SignInAsync("gridworker1");
        await CollectAsync(worker, Resident(await UnitOfAsync(app, "gridworker1"), "王建华", NewIdNumber()));
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync("/api/residents")).StatusCode);
        var rows = await app.WithDbAsync(db => System.Threading.Tasks.Task.FromResult(db.AuditEntries.LongCount()));

        foreach (var sql in new[]
        {
            "UPDATE audit_entries SET detail = 'nothing happened'", "DELETE FROM audit_entries WHERE id > 1", "TRUNCATE audit_entries",
            "ALTER TABLE audit_entries DISABLE TRIGGER ALL",
        })
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => TestRoles.ExecuteAsync(roles.AppConnection, sql));
            Assert.True(error.SqlState == PostgresErrorCodes.InsufficientPrivilege, $"{sql}: {error.SqlState} {error.MessageText}");
        }
        Assert.Equal(rows, await app.WithDbAsync(db => System.Threading.Tasks.Task.FromResult(db.AuditEntries.LongCount())));
        await using var owner = new NpgsqlConnection(roles.AppConnection);
        await owner.OpenAsync();
        await using var who = new NpgsqlCommand("SELECT tableowner FROM pg_tables WHERE tablename = 'audit_entries'", owner);
        Assert.Equal(roles.Owner, await who.ExecuteScalarAsync());
    }
}
