using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Data;

namespace PoliceGrid.Tests.Accounts;

public class AccountsApiTests
{
    static object NewAccount(string userName, Role role, string password = "Strong#Pass1") =>
        new { userName, displayName = "新同事", role = role.ToString(), unitCode = DemoSeed.DemoTownship, password };

    [Fact]
    public async Task DutiesStaySeparatedWhenAccountsAreCreated()
    {
        await using var app = await ProductApp.StartAsync(DatabaseSetup.Sqlite);
        var admin = await app.SignInAsync("admin");
        var secadmin = await app.SignInAsync("secadmin");

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/accounts", NewAccount("newworker", Role.GridWorker))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsJsonAsync("/api/accounts", NewAccount("newauditor", Role.Auditor))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await secadmin.PostAsJsonAsync("/api/accounts", NewAccount("otherworker", Role.GridWorker))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await secadmin.PostAsJsonAsync("/api/accounts", NewAccount("newauditor", Role.Auditor))).StatusCode);
        var weak = await admin.PostAsJsonAsync("/api/accounts", NewAccount("weakworker", Role.GridWorker, "password"));
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);

        var created = await app.WithDbAsync(db => db.Users.Where(a => a.UserName!.StartsWith("new") || a.UserName == "weakworker" || a.UserName == "otherworker")
            .Select(a => a.UserName).OrderBy(n => n).ToListAsync());
        Assert.Equal(["newauditor", "newworker"], created);
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "create-account")));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("gridworker1")).PostAsJsonAsync("/api/accounts", NewAccount("x", Role.GridWorker))).StatusCode);
    }

    [Fact]
    public async Task TheSecurityAdministratorUnlocksALockedAccount()
    {
        await using var app = await ProductApp.StartAsync(DatabaseSetup.Sqlite);
        var anonymous = app.CreateClient();
        for (var i = 0; i < 5; i++)
            await anonymous.PostAsJsonAsync("/api/auth/login", new { userName = "gridchief", password = "Wrong#Pass1" });
        var id = await app.WithDbAsync(db => db.Users.Where(a => a.UserName == "gridchief").Select(a => a.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/auth/login", new { userName = "gridchief", password = DemoSeed.Password })).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("admin")).PostAsync($"/api/accounts/{id}/unlock", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await (await app.SignInAsync("secadmin")).PostAsync($"/api/accounts/{id}/unlock", null)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/auth/login", new { userName = "gridchief", password = DemoSeed.Password })).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "unlock-account")));
    }
}
