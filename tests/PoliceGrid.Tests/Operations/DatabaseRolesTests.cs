using System.Diagnostics;
using System.Net;
using Npgsql;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Data;

namespace PoliceGrid.Tests.Operations;

/// <summary>
/// deploy/postgres/roles.sql as the deployment guide runs it: the product migrates as the owner, runs as a role that
/// owns nothing, and that role can neither change the audit trail nor switch off its protections (checklist item 26).
/// </summary>
public sealed class DatabaseRolesTests
{
    [Fact]
    public async Task TheShippedRolesRunTheProductWithAnAuditTrailItsRoleCannotChange()
    {
        var server = new NpgsqlConnectionStringBuilder(TestDatabase.PostgresServer);
        // Roles are the cluster's: names of this run only, so the script meets a server like a fresh one.
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (owner, web, database) = ($"policegrid_owner_{suffix}", $"policegrid_web_{suffix}", $"policegrid_{suffix}");
        var script = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "deploy", "postgres", "roles.sql"))
            .Replace("policegrid_owner", owner, StringComparison.Ordinal).Replace("policegrid_web", web, StringComparison.Ordinal)
            .Replace("DATABASE policegrid ", $"DATABASE {database} ", StringComparison.Ordinal).Replace(@"\connect policegrid", $@"\connect {database}", StringComparison.Ordinal);
        var file = Path.GetTempFileName();
        File.WriteAllText(file, script);
        var anchor = Path.Combine(Path.GetTempPath(), $"policegrid-anchor-{suffix}");
        try
        {
            var psql = Process.Start(new ProcessStartInfo("psql", ["-h", server.Host!, "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-U", server.Username!, "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-v", "owner_password='Owner#Test2026'", "-v", "web_password='Web#Test2026'", "-f", file])
                { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false })!;
            var errors = await psql.StandardError.ReadToEndAsync();
            await psql.WaitForExitAsync();
            Assert.True(psql.ExitCode == 0, errors);

            string As(string role) => new NpgsqlConnectionStringBuilder(TestDatabase.PostgresServer)
                { Database = database, Username = role, Password = role == owner ? "Owner#Test2026" : "Web#Test2026" }.ConnectionString;
            await using (var node = await ProductProcess.StartAsync("node", new Dictionary<string, string>
            {
                ["Database:Provider"] = DatabaseSetup.Postgres, ["ConnectionStrings:PoliceGrid"] = As(web), ["ConnectionStrings:PoliceGridOwner"] = As(owner),
                ["Demo:Enabled"] = "true", ["Demo:Seed"] = "false", ["Events:SweepSeconds"] = "0", ["Delivery:SweepSeconds"] = "0", ["Audit:AnchorPath"] = anchor,
            }))
            {
                using var http = new HttpClient { BaseAddress = node.BaseUrl };
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
            }

            await using var asWeb = new NpgsqlConnection(As(web));
            await asWeb.OpenAsync();
            foreach (var sql in new[]
            {
                "UPDATE audit_entries SET detail = 'rewritten'", "DELETE FROM audit_entries", "TRUNCATE audit_entries",
                "ALTER TABLE audit_entries DISABLE TRIGGER ALL", "DROP TABLE audit_entries", "DELETE FROM schema_migrations",
            })
            {
                var refused = await Assert.ThrowsAsync<PostgresException>(() => new NpgsqlCommand(sql, asWeb).ExecuteNonQueryAsync());
                Assert.True(refused.SqlState is PostgresErrorCodes.InsufficientPrivilege, $"{sql}: {refused.SqlState} {refused.MessageText}");
            }
            await using var read = new NpgsqlCommand("SELECT count(*) FROM audit_entries", asWeb); // reading stays allowed
            Assert.NotNull(await read.ExecuteScalarAsync());
        }
        finally
        {
            File.Delete(file);
            File.Delete(anchor);
            await using var admin = new NpgsqlConnection(TestDatabase.PostgresServer);
            await admin.OpenAsync();
            foreach (var sql in new[] { $"DROP DATABASE IF EXISTS {database} WITH (FORCE)", $"DROP ROLE IF EXISTS {web}", $"DROP ROLE IF EXISTS {owner}" })
                await new NpgsqlCommand(sql, admin).ExecuteNonQueryAsync();
        }
    }
}
