using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Data;

namespace PoliceGrid.Tests.Access;

/// <summary>
/// Finding 3 of the trust issue: under 三员分立 no single administrator can give himself the register. An account the
/// system administrator makes for a role that reaches personal data holds nothing until the security administrator
/// approves its grant; withdrawing it takes effect on the next request; the system administrator reads no police detail.
/// </summary>
[Collection(EveryRoleData.Name)]
public class ApproveGrantTests(SqliteEveryRole sqlite, PostgresEveryRole postgres)
{
    EveryRoleApp On(string provider) => provider == DatabaseSetup.Sqlite ? sqlite : postgres;

    [Theory]
    [InlineData(DatabaseSetup.Sqlite)]
    [InlineData(DatabaseSetup.Postgres)]
    public async Task AnOfficerAccountMadeByTheSystemAdministratorReadsNothingUntilTheSecurityAdministratorApprovesIt(string provider)
    {
        var app = On(provider);
        var admin = app.Clients[Role.SystemAdmin];
        var secadmin = app.Clients[Role.SecurityAdmin];
        var userName = "rogue-" + Guid.NewGuid().ToString("N")[..8];
        const string password = "Xq7!rogue-Officer";
        var created = await admin.PostAsJsonAsync("/api/accounts", new { userName, displayName = "假民警", role = "CommunityOfficer", unitCode = "4104", password });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("awaitsApproval").GetBoolean());
        var id = body.GetProperty("id").GetInt32();

        var rogue = await app.App.SignInAsync(userName, password);
        // The first password is one-time; the grant, not the password, is what this test is about.
        Assert.Equal(HttpStatusCode.NoContent, (await rogue.PostAsJsonAsync("/api/auth/password",
            new { currentPassword = password, newPassword = "Zr9?second-Officer" })).StatusCode);
        foreach (var path in new[] { "/api/residents", "/api/events", "/api/units" })
            Assert.Equal(HttpStatusCode.Forbidden, (await rogue.GetAsync(path)).StatusCode);
        Assert.Contains("awaiting-grant", await rogue.GetStringAsync("/"));

        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsync($"/api/accounts/{id}/grant", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await rogue.GetAsync("/api/residents")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await secadmin.PostAsync($"/api/accounts/{id}/grant", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await rogue.GetAsync("/api/residents")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await secadmin.PostAsync($"/api/accounts/{id}/withdraw-grant", null)).StatusCode);
        Assert.Contains((await rogue.GetAsync("/api/residents")).StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized });

        var recordId = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var trail = await app.App.WithDbAsync(db => db.AuditEntries.Where(e => e.RecordType == "account" && e.RecordId == recordId
            && (e.Action == "create-account" || e.Action.StartsWith("grant-")))
            .OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal(["create-account", "grant-approve", "grant-withdraw"], trail);
    }

    [Theory]
    [InlineData(DatabaseSetup.Sqlite)]
    [InlineData(DatabaseSetup.Postgres)]
    public async Task AnAdministratorAccountNeedsNoGrantAndADepartmentOfficerNeedsADepartment(string provider)
    {
        var app = On(provider);
        var noDepartment = await app.Clients[Role.SystemAdmin].PostAsJsonAsync("/api/accounts",
            new { userName = "dept-" + Guid.NewGuid().ToString("N")[..8], displayName = "部门", role = "DepartmentOfficer", unitCode = "410402", password = "Xq7!dept-Officer" });
        Assert.Equal(HttpStatusCode.BadRequest, noDepartment.StatusCode);
        var auditor = await app.Clients[Role.SecurityAdmin].PostAsJsonAsync("/api/accounts",
            new { userName = "aud-" + Guid.NewGuid().ToString("N")[..8], displayName = "审计", role = "Auditor", unitCode = "4104", password = "Xq7!audit-Person" });
        Assert.False((await auditor.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("awaitsApproval").GetBoolean());
    }

    [Theory]
    [InlineData(DatabaseSetup.Sqlite)]
    [InlineData(DatabaseSetup.Postgres)]
    public async Task TheSystemAdministratorSeesNoConfidentialEvent(string provider)
    {
        var app = On(provider);
        var gridCode = await app.App.WithDbAsync(db => db.Units.Where(u => u.Id == db.Users.Single(a => a.UserName == "gridworker1").UnitId).Select(u => u.Code).SingleAsync());
        var reported = await app.Clients[Role.CommunityOfficer].PostAsJsonAsync("/api/events",
            new { categoryCode = "06.02", title = "可疑人员", description = "线索内容", gridCode });
        Assert.Equal(HttpStatusCode.Created, reported.StatusCode);
        var id = (await reported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        Assert.Equal(HttpStatusCode.Forbidden, (await app.Clients[Role.SystemAdmin].GetAsync($"/api/events/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Clients[Role.GridChief].GetAsync($"/api/events/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Clients[Role.StationHead].GetAsync($"/api/events/{id}")).StatusCode);
    }
}
