using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Tests.Events;
using PoliceGrid.Tests.Register;
using PoliceGrid.Web.Events;

namespace PoliceGrid.Tests.Staff;

/// <summary>
/// The staff ledger and the staff pages: rows refused with row, column and reason, a second import that changes
/// nothing, heads who keep only their own side and area, and people who leave handing their open tasks back.
/// </summary>
[Collection(EventsData.Name)]
public partial class StaffTests(SqliteEvents sqlite, PostgresEvents postgres) : EventTests(sqlite, postgres)
{
    const string Header = "姓名,手机号码,警号,身份证号,岗位,专职/兼职,单位代码,部门";

    /// <summary>A number no other test uses: ID numbers, mobiles and names stay unique across the shared database.</summary>
    static int Unique() => Random.Shared.Next(100, 999);

    static string Mobile() => "139" + Random.Shared.Next(10_000_000, 99_999_999);

    static async Task<JsonElement> ImportAsync(HttpClient client, byte[] file, string name = "staff.csv")
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(file), "file", name);
        var response = await client.PostAsync("/api/staff/import", form);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    static int Count(JsonElement summary, string name) => summary.GetProperty(name).GetInt32();

    static async Task<int> CreateAsync(HttpClient client, object person)
    {
        var response = await client.PostAsJsonAsync("/api/staff", person);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<int>();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ALedgerRefusesBadRowsByRowColumnAndReasonAndASecondImportChangesNothing(string provider)
    {
        var app = On(provider);
        var director = await app.As("director");
        var grid = await RegisterBulkTesting.GridCodeOfAsync(app.App, "gridworker1");
        var (a, b) = (Unique(), Unique());
        var idA = RegisterBulkTesting.Id("19880506", a);
        var (mobileA, mobileB) = (Mobile(), Mobile());
        string[] rows =
        [
            Header,
            $"甲{a}网格员,{mobileA},,{idA},网格员,专职,{grid},",
            $"乙{b}网格员,{mobileB},,,专职网格员,兼职,{grid},",
            $"丙{a}网格员,{Mobile()},,410402198805061221,网格员,专职,{grid},", // a wrong check digit
            $"丁{a}网格员,{Mobile()},,,网格员,专职,999999999999999,",           // no such unit
            $"戊{a}民警,{Mobile()},X{a}77,,社区民警,,{grid},",                   // police are the station head's to keep
            $"甲{a}网格员,{mobileA},,{idA},网格员,专职,{grid},",                 // row 2 again
        ];

        var first = await ImportAsync(director, RegisterBulkTesting.Csv(rows));
        Assert.Equal((6, 2, 4), (Count(first, "rows"), Count(first, "created"), Count(first, "rejected")));
        var problems = first.GetProperty("problems").EnumerateArray()
            .Select(p => (p.GetProperty("row").GetInt32(), p.GetProperty("column").GetString())).ToList();
        Assert.Contains((4, "身份证号"), problems);
        Assert.Contains((5, "单位代码"), problems);
        Assert.Contains((6, "岗位"), problems);
        Assert.Contains((7, "身份证号"), problems);
        var duplicate = first.GetProperty("problems").EnumerateArray().Single(p => p.GetProperty("row").GetInt32() == 7);
        Assert.Contains("第 2 行", duplicate.GetProperty("zh").GetString(), StringComparison.Ordinal);

        var again = await ImportAsync(director, RegisterBulkTesting.Csv(rows));
        Assert.Equal((0, 0, 0, 2), (Count(again, "created"), Count(again, "updated"), Count(again, "transferred"), Count(again, "unchanged")));

        var newMobile = Mobile();
        rows[1] = rows[1].Replace(mobileA, newMobile, StringComparison.Ordinal);
        var changed = await ImportAsync(director, RegisterBulkTesting.Csv(rows[..3]));
        Assert.Equal((0, 1, 1), (Count(changed, "created"), Count(changed, "updated"), Count(changed, "unchanged")));

        var found = await director.GetFromJsonAsync<JsonElement>($"/api/staff?q={newMobile}");
        var person = Assert.Single(found.GetProperty("rows").EnumerateArray());
        Assert.Equal($"甲{a}网格员", person.GetProperty("name").GetString());
        Assert.Equal("410402" + new string('*', 12), person.GetProperty("idNumberMasked").GetString());
        Assert.False(person.GetProperty("signsIn").GetBoolean());
        var history = await director.GetFromJsonAsync<JsonElement>($"/api/staff/{person.GetProperty("id").GetInt32()}");
        Assert.Equal(2, history.GetProperty("history").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AFileThatIsNoStaffLedgerIsRefusedAndChangesNothing(string provider)
    {
        var app = On(provider);
        var before = await app.App.WithDbAsync(db => db.Users.CountAsync());
        var response = await (await app.As("director")).PostAsync("/api/staff/import", new MultipartFormDataContent
        {
            { new ByteArrayContent(RegisterBulkTesting.Csv("姓名,手机号码,警号", "张三,13900000000,")), "file", "wrong.csv" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("岗位", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await app.App.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task HeadsKeepOnlyTheStaffOfTheirSideAndArea(string provider)
    {
        var app = On(provider);
        var grid = await RegisterBulkTesting.GridCodeOfAsync(app.App, "gridworker1");
        var district = await app.App.WithDbAsync(db => db.Users.Where(u => u.UserName == "officer").Join(db.Units, u => u.UnitId, x => x.Id, (u, x) => x.Code).SingleAsync());

        var police = await (await app.As("stationhead")).GetFromJsonAsync<JsonElement>("/api/staff?role=GridWorker");
        Assert.Equal(0, police.GetProperty("total").GetInt32());
        var officers = await (await app.As("stationhead")).GetFromJsonAsync<JsonElement>("/api/staff?q=李警官");
        Assert.Single(officers.GetProperty("rows").EnumerateArray());

        var director = await app.As("director");
        var refused = await director.PostAsJsonAsync("/api/staff", new { name = "民警甲", policeNumber = "A12345", role = "CommunityOfficer", unitCode = district });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("role", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var id = await CreateAsync(director, new { name = $"己{Unique()}网格员", mobile = Mobile(), role = "GridWorker", unitCode = grid });
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("stationhead")).GetAsync($"/api/staff/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As("gridworker1")).GetAsync("/api/staff")).StatusCode);

        var elsewhere = await app.App.WithDbAsync(db => db.Units.Where(u => u.Kind == PoliceGrid.Web.Units.UnitKind.Grid && !u.Code.StartsWith("410402001"))
            .Select(u => u.Code).FirstAsync());
        var outside = await director.PostAsJsonAsync($"/api/staff/{id}/transfer", new { unitCode = elsewhere });
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.Equal(grid, (await director.GetFromJsonAsync<JsonElement>($"/api/staff/{id}")).GetProperty("person").GetProperty("unitCode").GetString());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TransferAndDeactivationHandOpenTasksBackToTheUnitVisibly(string provider)
    {
        var app = On(provider);
        app.Clock.SetChinaTime(2026, 3, 11, 10, 0);
        var director = await app.As("director");
        var grid = await RegisterBulkTesting.GridCodeOfAsync(app.App, "gridworker1");
        var otherGrid = await RegisterBulkTesting.GridCodeOfAsync(app.App, "gridworker2");
        var moving = await CreateAsync(director, new { name = $"庚{Unique()}网格员", mobile = Mobile(), role = "GridWorker", unitCode = grid });
        var leaving = await CreateAsync(director, new { name = $"辛{Unique()}网格员", mobile = Mobile(), role = "GridWorker", unitCode = grid });
        var tasks = new Dictionary<int, int>();
        foreach (var person in new[] { moving, leaving })
        {
            var e = IdOf(await app.ReportAsync("gridworker1"));
            await app.App.WithDbAsync(db => db.Events.Where(x => x.Id == e).ExecuteUpdateAsync(s => s.SetProperty(x => x.HandlerAccountId, person)));
            tasks[person] = e;
        }
        var waitingBefore = (await (await app.As("gridworker1")).GetFromJsonAsync<JsonElement>("/api/inbox/waiting")).GetProperty("count").GetInt32();

        var moved = await director.PostAsJsonAsync($"/api/staff/{moving}/transfer", new { unitCode = otherGrid });
        Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync());
        Assert.Equal(1, (await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tasksHandedBack").GetInt32());

        var noReason = await director.PostAsJsonAsync($"/api/staff/{leaving}/deactivate", new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var left = await director.PostAsJsonAsync($"/api/staff/{leaving}/deactivate", new { reason = "辞职" });
        Assert.True(left.IsSuccessStatusCode, await left.Content.ReadAsStringAsync());

        foreach (var (person, e) in tasks)
        {
            var handed = await app.App.WithDbAsync(db => db.Events.AsNoTracking().SingleAsync(x => x.Id == e));
            Assert.Null(handed.HandlerAccountId);
            Assert.Equal(await app.UnitOf("gridworker1"), handed.HandlerUnitId);
            var page = await (await app.As("gridworker1")).GetStringAsync($"/events/{e}");
            Assert.Contains("任务退回单位", page, StringComparison.Ordinal);
        }
        // The unit's people are told: one message per handed-back task.
        var waiting = (await (await app.As("gridworker1")).GetFromJsonAsync<JsonElement>("/api/inbox/waiting")).GetProperty("count").GetInt32();
        Assert.Equal(waitingBefore + 2, waiting);

        var record = await director.GetFromJsonAsync<JsonElement>($"/api/staff/{leaving}");
        Assert.False(record.GetProperty("person").GetProperty("active").GetBoolean());
        var lines = record.GetProperty("history").EnumerateArray().Select(l => l.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["Deactivated", "Created"], lines);
        Assert.Equal(0, record.GetProperty("openTasks").GetInt32());
        var audited = await app.App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "staff-deactivate" && a.RecordId == leaving.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(1, audited);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task DepartmentsAreTheAdministratorsListAndEveryDepartmentOfficerBelongsToOne(string provider)
    {
        var app = On(provider);
        var admin = await app.As("admin");
        var name = $"测试局{Unique()}{Unique()}";
        var added = await admin.PostAsJsonAsync("/api/departments", new { name, nameEn = "Test Bureau" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var department = await added.Content.ReadFromJsonAsync<int>();
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/departments", new { name, nameEn = "Again" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As("director")).PostAsJsonAsync("/api/departments", new { name = "某局", nameEn = "Some" })).StatusCode);

        var county = "410402";
        var officer = new { name = $"壬{Unique()}", mobile = Mobile(), role = "DepartmentOfficer", unitCode = county, department = name };
        await CreateAsync(admin, officer);
        var none = await admin.PostAsJsonAsync("/api/staff", officer with { department = "" });
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Contains("department", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/departments/{department}/retire", null)).StatusCode);
        var retired = await admin.PostAsJsonAsync("/api/staff", officer with { mobile = Mobile() });
        Assert.Equal(HttpStatusCode.BadRequest, retired.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheNewPersonFormMarksTheFieldWithAProblemAndKeepsWhatWasTyped(string provider)
    {
        var app = On(provider);
        var director = await app.As("director");
        var page = await director.GetStringAsync("/staff/new");
        var name = $"癸{Unique()}网格员";
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token().Match(page).Groups[1].Value, ["_handler"] = "new-staff",
            ["Form.Name"] = name, ["Form.Mobile"] = "1391234", ["Form.Role"] = "GridWorker",
            ["Form.UnitCode"] = await RegisterBulkTesting.GridCodeOfAsync(app.App, "gridworker1"),
        });
        var refused = await (await director.PostAsync("/staff/new", form)).Content.ReadAsStringAsync();
        Assert.True(refused.Contains("data-test=\"error-mobile\"", StringComparison.Ordinal), refused[Math.Max(0, refused.IndexOf("<main", StringComparison.Ordinal))..]);
        Assert.Matches("name=\"Form.Mobile\" value=\"1391234\"[^>]*aria-invalid=\"true\"", refused);
        Assert.Contains($"value=\"{name}\"", refused, StringComparison.Ordinal);
        Assert.Equal(0, await app.App.WithDbAsync(db => db.Users.CountAsync(u => u.DisplayName == name)));

        var list = await director.GetStringAsync("/staff?q=郑网格员");
        Assert.Contains("郑网格员", list, StringComparison.Ordinal);
        Assert.Contains("data-test=\"staff-rows\"", list, StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
