using System.Net;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Data;
using static PoliceGrid.Tests.Accounts.AccountTesting;

namespace PoliceGrid.Tests.Accounts;

/// <summary>The accounts page's forms: the same use cases as the API, the result shown on the page (never in the URL).</summary>
public class AccountsPageTests
{
    [Fact]
    public async Task SystemAdministratorCreatesAnAccountAndSecurityAdministratorApprovesItFromThePage()
    {
        await using var app = await ProductApp.StartAsync(DatabaseSetup.Sqlite);
        var admin = await app.SignInAsync("admin");
        var created = await PostPageFormAsync(admin, "/admin/accounts", new Dictionary<string, string>
        {
            ["NewAccount.UserName"] = "pagecreated", ["NewAccount.DisplayName"] = "新同事", ["NewAccount.Role"] = nameof(Role.GridWorker),
            ["NewAccount.UnitCode"] = DemoSeed.DemoTownship, ["NewAccount.Password"] = "Strong#Pass1",
        });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("账号已建立", await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var id = await app.WithDbAsync(db => db.Users.Where(a => a.UserName == "pagecreated").Select(a => a.Id).SingleAsync());

        var refused = await PostPageFormAsync(admin, "/admin/accounts", new Dictionary<string, string>
        {
            ["NewAccount.UserName"] = "pageauditor", ["NewAccount.DisplayName"] = "审计", ["NewAccount.Role"] = nameof(Role.Auditor),
            ["NewAccount.UnitCode"] = DemoSeed.DemoTownship, ["NewAccount.Password"] = "Strong#Pass1",
        });
        Assert.Contains("三员分立", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(a => a.UserName == "pageauditor")));

        var secadmin = await app.SignInAsync("secadmin");
        var approved = await PostPageFormAsync(secadmin, "/admin/accounts", new Dictionary<string, string> { ["_handler"] = $"grant-{id}", ["Approve"] = "true" });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Contains("已批准", await approved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(await app.WithDbAsync(db => db.Users.Where(a => a.Id == id).Select(a => a.GrantApprovedAt).SingleAsync()));
    }
}
