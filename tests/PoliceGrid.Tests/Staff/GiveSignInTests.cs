using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Tests.Accounts;
using PoliceGrid.Tests.Events;
using PoliceGrid.Tests.Register;

namespace PoliceGrid.Tests.Staff;

/// <summary>
/// One person, one account: the system administrator gives a person on the staff a sign-in on her own record, and an
/// account for numbers that already belong to someone on record is refused, pointing to that record.
/// </summary>
[Collection(EventsData.Name)]
public partial class GiveSignInTests(SqliteEvents sqlite, PostgresEvents postgres) : EventTests(sqlite, postgres)
{
    static string Mobile() => "137" + Random.Shared.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);

    static string Suffix() => Guid.NewGuid().ToString("N")[..8];

    static async Task<int> AddGridWorkerAsync(EventsApp app, string name, string mobile, string? idNumber = null)
    {
        var grid = await RegisterBulkTesting.GridCodeOfAsync(app.App, "gridworker1");
        var response = await (await app.As("director")).PostAsJsonAsync("/api/staff", new { name, mobile, idNumber, role = "GridWorker", unitCode = grid });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<int>();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheAdministratorGivesAPersonOnRecordASignInWhoseFirstPasswordSheMustChange(string provider)
    {
        var app = On(provider);
        var name = $"开{Suffix()}网格员";
        var id = await AddGridWorkerAsync(app, name, Mobile());
        var userName = "gw" + Suffix();

        var admin = await app.As("admin");
        var html = await (await AccountTesting.PostPageFormAsync(admin, $"/staff/{id}", new Dictionary<string, string>
        {
            ["_handler"] = "give-sign-in", ["SignIn.UserName"] = userName,
        })).Content.ReadAsStringAsync();
        var password = WebUtility.HtmlDecode(FirstPassword().Match(html).Groups[1].Value);
        Assert.True(password.Length >= 8, html[Math.Max(0, html.IndexOf("<main", StringComparison.Ordinal))..]);
        // Shown this once: the record's page no longer offers a sign-in, nor shows the password again.
        var again = await admin.GetStringAsync($"/staff/{id}");
        Assert.DoesNotContain("give-sign-in-form", again, StringComparison.Ordinal);
        Assert.DoesNotContain(password, again, StringComparison.Ordinal);
        Assert.Contains("开通登录账号", again, StringComparison.Ordinal);

        var person = app.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var signedIn = await person.PostAsJsonAsync("/api/auth/login", new { userName, password });
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal("password", (await signedIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("pending").GetString());
        Assert.Equal("/account/password", (await person.GetAsync("/")).Headers.Location?.OriginalString);
        var changed = await person.PostAsJsonAsync("/api/auth/password", new { currentPassword = password, newPassword = "Quiet-River-2031" });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.App.CreateClient().PostAsJsonAsync("/api/auth/login", new { userName, password = "Quiet-River-2031" })).StatusCode);

        var record = await admin.GetFromJsonAsync<JsonElement>($"/api/staff/{id}");
        Assert.True(record.GetProperty("person").GetProperty("signsIn").GetBoolean());
        Assert.Equal(1, await app.App.WithDbAsync(db => db.Users.CountAsync(a => a.DisplayName == name)));
        Assert.Equal(1, await app.App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "give-sign-in" && a.RecordId == id.ToString(CultureInfo.InvariantCulture))));
        // Her grant to personal data waits for the security administrator, as every new account's does (三员分立).
        Assert.Null(await app.App.WithDbAsync(db => db.Users.Where(a => a.Id == id).Select(a => a.GrantApprovedAt).SingleAsync()));
        var twice = await admin.PostAsJsonAsync($"/api/staff/{id}/sign-in", new { userName = "gw" + Suffix() });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ASecondAccountForAPersonOnRecordIsRefusedPointingToHerRecordAndNothingChanges(string provider)
    {
        var app = On(provider);
        var mobile = Mobile();
        var idNumber = RegisterBulkTesting.Id("19900312", Random.Shared.Next(100, 999));
        var name = $"重{Suffix()}网格员";
        var id = await AddGridWorkerAsync(app, name, mobile, idNumber);
        var admin = await app.As("admin");
        var accountsBefore = await app.App.WithDbAsync(db => db.Users.CountAsync());
        var auditedBefore = await app.App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "create-account"));

        foreach (var numbers in new object[] { new { mobile }, new { idNumber } })
        {
            var body = JsonSerializer.SerializeToElement(numbers).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.GetString());
            foreach (var (key, value) in new Dictionary<string, object?> { ["userName"] = "dup" + Suffix(), ["displayName"] = name, ["role"] = "GridWorker",
                         ["unitCode"] = await RegisterBulkTesting.GridCodeOfAsync(app.App, "gridworker1"), ["password"] = "Strong#Pass1" })
                body[key] = value;
            var refused = await admin.PostAsJsonAsync("/api/accounts", body);
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            var problem = await refused.Content.ReadAsStringAsync();
            Assert.Contains($"/staff/{id}", problem, StringComparison.Ordinal);
            Assert.Contains("此人已有人员记录", problem, StringComparison.Ordinal);
            Assert.Contains("This person is on record already", problem, StringComparison.Ordinal);
        }

        // The accounts page says the same and links to her record.
        var page = await (await AccountTesting.PostPageFormAsync(admin, "/admin/accounts", new Dictionary<string, string>
        {
            ["_handler"] = "create-account", ["NewAccount.UserName"] = "dup" + Suffix(), ["NewAccount.DisplayName"] = name, ["NewAccount.Role"] = "GridWorker",
            ["NewAccount.UnitCode"] = await RegisterBulkTesting.GridCodeOfAsync(app.App, "gridworker1"), ["NewAccount.Password"] = "Strong#Pass1",
            ["NewAccount.Mobile"] = mobile,
        })).Content.ReadAsStringAsync();
        Assert.Matches($"href=\"/staff/{id}\" data-test=\"person-on-record\"", page);

        Assert.Equal(accountsBefore, await app.App.WithDbAsync(db => db.Users.CountAsync()));
        Assert.Equal(auditedBefore, await app.App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "create-account")));

        // Numbers no one holds yet are kept on the new account, so they count the next time.
        var fresh = Mobile();
        var created = await admin.PostAsJsonAsync("/api/accounts", new { userName = "new" + Suffix(), displayName = "新同事", role = "GridWorker",
            unitCode = await RegisterBulkTesting.GridCodeOfAsync(app.App, "gridworker1"), password = "Strong#Pass1", mobile = fresh });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var second = await admin.PostAsJsonAsync("/api/accounts", new { userName = "new" + Suffix(), displayName = "新同事", role = "GridWorker",
            unitCode = await RegisterBulkTesting.GridCodeOfAsync(app.App, "gridworker1"), password = "Strong#Pass1", mobile = fresh });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AStationHeadSeesNoSignInActionAndIsRefusedByTheApi(string provider)
    {
        var app = On(provider);
        var district = await app.App.WithDbAsync(db => db.Users.Where(u => u.UserName == "officer").Join(db.Units, u => u.UnitId, x => x.Id, (u, x) => x.Code).SingleAsync());
        var head = await app.As("stationhead");
        var made = await head.PostAsJsonAsync("/api/staff", new { name = $"警{Suffix()}", policeNumber = "P" + Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture),
            role = "AuxiliaryOfficer", unitCode = district });
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var id = await made.Content.ReadFromJsonAsync<int>();

        Assert.DoesNotContain("give-sign-in-form", await head.GetStringAsync($"/staff/{id}"), StringComparison.Ordinal);
        Assert.Contains("give-sign-in-form", await (await app.As("admin")).GetStringAsync($"/staff/{id}"), StringComparison.Ordinal);
        var refused = await head.PostAsJsonAsync($"/api/staff/{id}/sign-in", new { userName = "aux" + Suffix() });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As("director")).PostAsJsonAsync($"/api/staff/{id}/sign-in", new { userName = "aux" + Suffix() })).StatusCode);
        Assert.Null(await app.App.WithDbAsync(db => db.Users.Where(a => a.Id == id).Select(a => a.PasswordHash).SingleAsync()));
        Assert.Equal(0, await app.App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "give-sign-in" && a.RecordId == id.ToString(CultureInfo.InvariantCulture))));
    }

    [GeneratedRegex("data-test=\"first-password\">([^<]+)<")]
    private static partial Regex FirstPassword();
}
