using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Register;
using PoliceGrid.Web.Register.Records;
using PoliceGrid.Web.Register.Verification;
using static PoliceGrid.Tests.Register.RegisterApps;

namespace PoliceGrid.Tests.Register;

[Collection(RegisterData.Name)]
public class RegisterAccessTests(RegisterApps apps)
{
    public static TheoryData<string, string, HttpStatusCode> Roles()
    {
        var data = new TheoryData<string, string, HttpStatusCode>();
        foreach (var provider in new[] { "Sqlite", "Postgres" })
        {
            foreach (var user in new[] { "gridworker1", "gridchief", "officer", "auxiliary", "stationhead", "director", "dispatcher" })
                data.Add(provider, user, HttpStatusCode.OK);
            data.Add(provider, "gridworker2", HttpStatusCode.NotFound);
            foreach (var user in new[] { "admin", "secadmin", "auditor" })
                data.Add(provider, user, HttpStatusCode.Forbidden);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task EveryRoleSeesResidentsOnlyInsideItsArea(string provider, string user, HttpStatusCode expected)
    {
        var app = apps.For(provider);
        var worker = await app.SignInAsync("gridworker1");
        var name = $"范{Guid.NewGuid():N}"[..8];
        var id = (await CollectAsync(worker, Resident(await UnitOfAsync(app, "gridworker1"), name, NewIdNumber()))).GetProperty("id").GetInt32();

        var client = await app.SignInAsync(user);
        var details = await client.GetAsync($"/api/residents/{id}");
        Assert.Equal(expected, details.StatusCode);
        var list = await client.GetAsync($"/api/residents?q={name}");
        if (expected == HttpStatusCode.Forbidden)
            Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        else
            Assert.Equal(expected == HttpStatusCode.OK ? 1 : 0, (await list.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength());
        if (expected == HttpStatusCode.NotFound)
            Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "read" && e.RecordType == "resident" && e.RecordId == id.ToString(System.Globalization.CultureInfo.InvariantCulture) && e.Outcome == "denied")));
    }

    [Theory]
    [MemberData(nameof(Providers), MemberType = typeof(RegisterApps))]
    public async Task PoliceOnlyTagsDoNotExistForTheGridSide(string provider)
    {
        var app = apps.For(provider);
        var officer = await app.SignInAsync("officer");
        var worker = await app.SignInAsync("gridworker1");
        var grid = await UnitOfAsync(app, "gridworker1");
        var name = $"管{Guid.NewGuid():N}"[..8];
        var body = Resident(grid, name, NewIdNumber(), new { tags = new[] { "ElderlyAlone", "KeyPerson" } });
        var created = await CollectAsync(officer, body);
        Assert.Equal("Verified", created.GetProperty("status").GetString());
        var id = created.GetProperty("id").GetInt32();

        Assert.Equal(["ElderlyAlone"], Tags(await worker.GetFromJsonAsync<JsonElement>($"/api/residents/{id}")));
        Assert.Equal(["ElderlyAlone", "KeyPerson"], Tags(await officer.GetFromJsonAsync<JsonElement>($"/api/residents/{id}")));
        Assert.Equal(0, (await worker.GetFromJsonAsync<JsonElement>($"/api/residents?tag=KeyPerson&q={name}")).GetArrayLength());
        Assert.Equal(1, (await officer.GetFromJsonAsync<JsonElement>($"/api/residents?tag=KeyPerson&q={name}")).GetArrayLength());
        Assert.DoesNotContain("KeyPerson", await worker.GetStringAsync($"/api/residents/{id}"), StringComparison.Ordinal);

        var tagging = await worker.PostAsJsonAsync("/api/residents", Resident(grid, "某人", NewIdNumber(), new { tags = new[] { "KeyPerson" } }));
        Assert.Equal(HttpStatusCode.BadRequest, tagging.StatusCode);
        var unknown = await worker.PostAsJsonAsync("/api/residents", Resident(grid, "某人", NewIdNumber(), new { tags = new[] { "Nonsense" } }));
        Assert.Equal((await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").ToString().Replace("Nonsense", "X", StringComparison.Ordinal),
            (await tagging.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").ToString().Replace("KeyPerson", "X", StringComparison.Ordinal));

        // A grid worker's change keeps the police-only tag she cannot see.
        var change = new Dictionary<string, object?>((Dictionary<string, object?>)body) { ["tags"] = new[] { "ElderlyAlone", "Disabled" } };
        change.Remove("address");
        Assert.Equal(HttpStatusCode.Created, (await worker.PutAsJsonAsync($"/api/residents/{id}", change)).StatusCode);
        var queue = await officer.GetFromJsonAsync<JsonElement>("/api/register/queue");
        var pending = queue.EnumerateArray().Single(c => c.GetProperty("recordId").GetInt32() == id && c.GetProperty("recordType").GetString() == "Resident");
        await officer.PostAsync($"/api/register/changes/{pending.GetProperty("id").GetInt64()}/verify", null);
        Assert.Equal(["ElderlyAlone", "Disabled", "KeyPerson"], Tags(await officer.GetFromJsonAsync<JsonElement>($"/api/residents/{id}")));
        Assert.DoesNotContain("KeyPerson", await worker.GetStringAsync($"/api/residents/{id}"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers), MemberType = typeof(RegisterApps))]
    public async Task IdAndPhoneNumbersAreSealedAndAFullViewNeedsAReasonAndIsAudited(string provider)
    {
        var app = apps.For(provider);
        var worker = await app.SignInAsync("gridworker1");
        var idNumber = NewIdNumber();
        var id = (await CollectAsync(worker, Resident(await UnitOfAsync(app, "gridworker1"), "吴敏", idNumber, new { phone = "15912345678" })))
            .GetProperty("id").GetInt32();

        var stored = await app.WithDbAsync(db => db.Set<Resident>().AsNoTracking().SingleAsync(r => r.Id == id));
        var everyColumn = JsonSerializer.Serialize(stored);
        Assert.DoesNotContain(idNumber, everyColumn, StringComparison.Ordinal);
        Assert.DoesNotContain("15912345678", everyColumn, StringComparison.Ordinal);
        Assert.StartsWith("demo:", stored.IdNumberSealed, StringComparison.Ordinal);
        var changes = await app.WithDbAsync(db => db.Set<RegisterChange>().Where(c => c.RecordId == id && c.RecordType == RecordType.Resident).Select(c => c.Changes).ToListAsync());
        Assert.DoesNotContain(changes, c => c.Contains(idNumber, StringComparison.Ordinal) || c.Contains("15912345678", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, (await worker.PostAsJsonAsync($"/api/residents/{id}/reveal", new { reason = "" })).StatusCode);
        var revealed = await worker.PostAsJsonAsync($"/api/residents/{id}/reveal", new { reason = "上门核对身份" });
        Assert.Equal(idNumber, (await revealed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("idNumber").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("gridworker2")).PostAsJsonAsync($"/api/residents/{id}/reveal", new { reason = "好奇" })).StatusCode);

        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.RecordType == "Resident" && e.RecordId == id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Select(e => new { e.Action, e.Detail, e.UserName }).ToListAsync());
        Assert.Contains(audit, e => e.Action == "register.reveal" && e.Detail == "上门核对身份" && e.UserName == "gridworker1");
        Assert.Contains(audit, e => e.Action == "register.collect");
        Assert.DoesNotContain(audit, e => e.Action == "register.reveal" && e.Detail != "上门核对身份");
    }

    [Theory]
    [MemberData(nameof(Providers), MemberType = typeof(RegisterApps))]
    public async Task FiguresCountWhatTheRegisterHolds(string provider)
    {
        var app = apps.For(provider);
        var worker = await app.SignInAsync("gridworker1");
        var grid = await UnitOfAsync(app, "gridworker1");
        var before = await FiguresAsync(worker, grid);

        var idNumber = NewIdNumber();
        await CollectAsync(worker, Resident(grid, "流动甲", idNumber, new { householdType = "Floating", registrationNumber = "JZ2026001", registrationExpires = "2099-01-01" }));
        await CollectAsync(worker, Resident(grid, "流动乙", NewIdNumber(), new { householdType = "Floating", registrationNumber = "JZ2020001", registrationExpires = "2021-01-01" }));
        await worker.PostAsJsonAsync("/api/residents", Resident(grid, "流动甲", idNumber));
        var house = await worker.PostAsJsonAsync("/api/houses", new { ownerName = "房东", use = "Rented", rentalRegistrationNumber = "ZL001", address = new { road = "出租巷", doorNumber = Guid.NewGuid().ToString("N")[..6], gridId = grid } });
        Assert.Equal(HttpStatusCode.Created, house.StatusCode);

        var after = await FiguresAsync(worker, grid);
        Assert.Equal(before.GetProperty("residents").GetInt32() + 2, after.GetProperty("residents").GetInt32());
        Assert.Equal(before.GetProperty("floating").GetInt32() + 2, after.GetProperty("floating").GetInt32());
        Assert.Equal(before.GetProperty("floatingRegistered").GetInt32() + 1, after.GetProperty("floatingRegistered").GetInt32());
        Assert.Equal(before.GetProperty("floatingExpired").GetInt32() + 1, after.GetProperty("floatingExpired").GetInt32());
        Assert.Equal(before.GetProperty("rentedRegistered").GetInt32() + 1, after.GetProperty("rentedRegistered").GetInt32());
        Assert.Equal(before.GetProperty("duplicatesPrevented").GetInt32() + 1, after.GetProperty("duplicatesPrevented").GetInt32());
    }

    static async Task<JsonElement> FiguresAsync(HttpClient client, int unitId) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/register/figures?unitId={unitId}"))[0];

    static IEnumerable<string?> Tags(JsonElement details) => details.GetProperty("row").GetProperty("tags").EnumerateArray().Select(t => t.GetString());
}
