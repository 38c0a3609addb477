using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Register;
using PoliceGrid.Web.Register.PersonalData;
using PoliceGrid.Web.Register.Records;
using static PoliceGrid.Tests.Register.RegisterApps;

namespace PoliceGrid.Tests.Register;

[Collection(RegisterData.Name)]
public class RegisterLoopTests(RegisterApps apps)
{
    [Theory]
    [MemberData(nameof(Providers), MemberType = typeof(RegisterApps))]
    public async Task GridWorkerCollectsAndTheOfficerOfTheDistrictVerifies(string provider)
    {
        var app = apps.For(provider);
        var worker = await app.SignInAsync("gridworker1");
        var grid = await UnitOfAsync(app, "gridworker1");
        var idNumber = NewIdNumber();
        var created = await CollectAsync(worker, Resident(grid, "张秀英", idNumber.ToLowerInvariant(), new { phone = "138 0013 8000" }));
        Assert.Equal("Pending", created.GetProperty("status").GetString());
        var id = created.GetProperty("id").GetInt32();

        var listed = await worker.GetFromJsonAsync<JsonElement>($"/api/residents?q={idNumber}");
        var row = Assert.Single(listed.EnumerateArray());
        Assert.Equal(IdNumber.Mask(idNumber), row.GetProperty("idNumberMasked").GetString());
        Assert.Equal("138****8000", row.GetProperty("phoneMasked").GetString());
        Assert.DoesNotContain(idNumber, row.ToString(), StringComparison.Ordinal);

        var officer = await app.SignInAsync("officer");
        var change = await PendingChangeAsync(officer, id);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.PostAsync($"/api/register/changes/{change}/verify", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("auxiliary")).PostAsync($"/api/register/changes/{change}/verify", null)).StatusCode);
        // A grid worker elsewhere is refused for her role before any record is looked up, so she learns nothing of it.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("gridworker2")).PostAsync($"/api/register/changes/{change}/verify", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await officer.PostAsync($"/api/register/changes/{change}/verify", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsync($"/api/register/changes/{change}/verify", null)).StatusCode);

        var details = await worker.GetFromJsonAsync<JsonElement>($"/api/residents/{id}");
        Assert.Equal("Verified", details.GetProperty("row").GetProperty("status").GetString());
        var version = Assert.Single(details.GetProperty("history").EnumerateArray());
        Assert.Equal("Create", version.GetProperty("kind").GetString());
        Assert.False(string.IsNullOrEmpty(version.GetProperty("collectedBy").GetString()));
        Assert.False(string.IsNullOrEmpty(version.GetProperty("reviewedBy").GetString()));
        Assert.Equal(1, version.GetProperty("version").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Providers), MemberType = typeof(RegisterApps))]
    public async Task AReturnedRecordTellsTheCollectorWhyAndGoesBackForVerificationWhenCorrected(string provider)
    {
        var app = apps.For(provider);
        var worker = await app.SignInAsync("gridworker1");
        var officer = await app.SignInAsync("officer");
        var grid = await UnitOfAsync(app, "gridworker1");
        var id = (await CollectAsync(worker, Resident(grid, "李强", NewIdNumber()))).GetProperty("id").GetInt32();
        var change = await PendingChangeAsync(officer, id);

        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsJsonAsync($"/api/register/changes/{change}/return", new { reason = " " })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await officer.PostAsJsonAsync($"/api/register/changes/{change}/return", new { reason = "门牌号与实地不符" })).StatusCode);

        var returned = await worker.GetFromJsonAsync<JsonElement>("/api/register/returned");
        var mine = Assert.Single(returned.EnumerateArray(), r => r.GetProperty("recordId").GetInt32() == id);
        Assert.Equal("门牌号与实地不符", mine.GetProperty("reason").GetString());
        Assert.Equal("Returned", (await worker.GetFromJsonAsync<JsonElement>($"/api/residents/{id}")).GetProperty("row").GetProperty("status").GetString());

        var corrected = await worker.PutAsJsonAsync($"/api/residents/{id}", Resident(grid, "李强", null));
        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);
        Assert.DoesNotContain((await worker.GetFromJsonAsync<JsonElement>("/api/register/returned")).EnumerateArray(), r => r.GetProperty("recordId").GetInt32() == id);
        var again = await PendingChangeAsync(officer, id);
        Assert.Equal(HttpStatusCode.NoContent, (await officer.PostAsync($"/api/register/changes/{again}/verify", null)).StatusCode);

        var history = (await worker.GetFromJsonAsync<JsonElement>($"/api/residents/{id}")).GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["Returned", "Verified"], history.Select(h => h.GetProperty("status").GetString()));
        Assert.True(history[1].GetProperty("changes").TryGetProperty("address", out _));
    }

    [Theory]
    [MemberData(nameof(Providers), MemberType = typeof(RegisterApps))]
    public async Task AChangeToAVerifiedRecordWaitsAndEveryVersionIsKept(string provider)
    {
        var app = apps.For(provider);
        var worker = await app.SignInAsync("gridworker1");
        var officer = await app.SignInAsync("officer");
        var grid = await UnitOfAsync(app, "gridworker1");
        var idNumber = NewIdNumber();
        var created = Resident(grid, "王芳", idNumber, new { phone = "13900001111" });
        var id = (await CollectAsync(worker, created)).GetProperty("id").GetInt32();
        await officer.PostAsync($"/api/register/changes/{await PendingChangeAsync(officer, id)}/verify", null);

        var changed = (Dictionary<string, object?>)created;
        changed["phone"] = "13700002222";
        changed.Remove("address");
        Assert.Equal(HttpStatusCode.Created, (await worker.PutAsJsonAsync($"/api/residents/{id}", changed)).StatusCode);
        var another = new Dictionary<string, object?>(changed) { ["phone"] = "13600003333" };
        Assert.Equal(HttpStatusCode.Conflict, (await worker.PutAsJsonAsync($"/api/residents/{id}", another)).StatusCode);

        var waiting = await worker.GetFromJsonAsync<JsonElement>($"/api/residents/{id}");
        Assert.Equal("139****1111", waiting.GetProperty("row").GetProperty("phoneMasked").GetString());
        Assert.Equal(["139****1111", "137****2222"], waiting.GetProperty("pendingChange").GetProperty("changes").GetProperty("phone").EnumerateArray().Select(v => v.GetString()));

        await officer.PostAsync($"/api/register/changes/{await PendingChangeAsync(officer, id)}/verify", null);
        var after = await worker.GetFromJsonAsync<JsonElement>($"/api/residents/{id}");
        Assert.Equal("137****2222", after.GetProperty("row").GetProperty("phoneMasked").GetString());
        Assert.Equal([1, 2], after.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("version").GetInt32()));
        var revealed = await (await officer.PostAsJsonAsync($"/api/residents/{id}/reveal", new { reason = "核对联系方式" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("13700002222", revealed.GetProperty("phone").GetString());
        Assert.Equal(idNumber, revealed.GetProperty("idNumber").GetString());
    }

    [Theory]
    [MemberData(nameof(Providers), MemberType = typeof(RegisterApps))]
    public async Task OnePersonHasOneRecordAndLikelyDuplicatesAreOfferedBeforeSaving(string provider)
    {
        var app = apps.For(provider);
        var worker = await app.SignInAsync("gridworker1");
        var grid = await UnitOfAsync(app, "gridworker1");
        var idNumber = NewIdNumber();
        var first = (await CollectAsync(worker, Resident(grid, "赵敏", idNumber))).GetProperty("id").GetInt32();

        // In her own area the collector is pointed to the record (DuplicateLookupTests: what someone elsewhere is told).
        var second = await worker.PostAsJsonAsync("/api/residents", Resident(grid, "赵敏", idNumber));
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var problem = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("existing", problem.GetProperty("errors").GetProperty("code").GetString());
        Assert.Equal(first, problem.GetProperty("errors").GetProperty("existing").GetProperty("id").GetInt32());
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<Resident>().CountAsync(r => r.Name == "赵敏")));

        var noId = Resident(grid, "孙丽", null, new { birthDate = "1970-03-03", sex = "Female" });
        await CollectAsync(worker, noId);
        var likely = await worker.PostAsJsonAsync("/api/residents", Resident(grid, "孙丽", null, new { birthDate = "1970-03-03", sex = "Female" }));
        Assert.Equal(HttpStatusCode.Conflict, likely.StatusCode);
        Assert.Equal("likely-duplicates", (await likely.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("code").GetString());
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<Resident>().CountAsync(r => r.Name == "孙丽")));
        await CollectAsync(worker, Resident(grid, "孙丽", null, new { birthDate = "1970-03-03", sex = "Female", confirmNotDuplicate = true }));
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<Resident>().CountAsync(r => r.Name == "孙丽")));
    }

    [Theory]
    [MemberData(nameof(Providers), MemberType = typeof(RegisterApps))]
    public async Task BadInputGetsAPreciseMessageAndStoresNothing(string provider)
    {
        var app = apps.For(provider);
        var worker = await app.SignInAsync("gridworker1");
        var grid = await UnitOfAsync(app, "gridworker1");
        var before = await CountsAsync(app);
        var valid = NewIdNumber();
        var broken = valid[..17] + (valid[17] == '0' ? '1' : '0');

        foreach (var (body, field, zh) in new (object, string, string)[]
        {
            (Resident(grid, "周杰", broken), "idNumber", "校验位不符"),
            (Resident(grid, "周杰", valid, new { phone = "1234" }), "phone", "11位"),
            (Resident(grid, "周杰", valid, new { phone = "0375-12" }), "phone", "座机号"),
            (Resident(grid, "周杰", valid, new { birthDate = "1999-01-01" }), "birthDate", "不符"),
            (Resident(grid, "", valid), "name", "请填写姓名"),
            (Resident(grid, "周杰", valid, new { registrationNumber = "R1" }), "registrationNumber", "流动人口"),
            (Resident(grid, "周杰", valid, new { tags = new[] { "NoSuchTag" } }), "tags", "未知的人员标签"),
        })
        {
            var response = await worker.PostAsJsonAsync("/api/residents", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
            Assert.Equal(field, error.GetProperty("field").GetString());
            Assert.Contains(zh, error.GetProperty("zh").GetString(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(error.GetProperty("en").GetString()));
        }
        var after = await CountsAsync(app);
        Assert.Equal(before, after);
    }

    [Theory]
    [MemberData(nameof(Providers), MemberType = typeof(RegisterApps))]
    public async Task TheSameAddressEnteredTwiceIsOneAddress(string provider)
    {
        var app = apps.For(provider);
        var worker = await app.SignInAsync("gridworker1");
        var grid = await UnitOfAsync(app, "gridworker1");
        var first = await worker.PostAsJsonAsync("/api/addresses", new { road = "解放路", doorNumber = "18号", building = "3", unitNumber = "2", room = "502", gridId = grid });
        var second = await worker.PostAsJsonAsync("/api/addresses", new { road = " 解放路 ", doorNumber = "１８", building = "3栋", unitNumber = "2单元", room = "502室", gridId = grid });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var a = await first.Content.ReadFromJsonAsync<JsonElement>();
        var b = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(a.GetProperty("id").GetInt32(), b.GetProperty("id").GetInt32());
        Assert.EndsWith("解放路18号3栋2单元502室", a.GetProperty("canonical").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("新华区", a.GetProperty("canonical").GetString(), StringComparison.Ordinal);
        var outside = await worker.PostAsJsonAsync("/api/addresses", new { road = "解放路", doorNumber = "18", gridId = await UnitOfAsync(app, "gridworker2") });
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
    }

    static Task<(int, int)> CountsAsync(Infrastructure.ProductApp app) =>
        app.WithDbAsync(async db => (await db.Set<Resident>().CountAsync(), await db.Set<StandardAddress>().CountAsync()));

    static async Task<long> PendingChangeAsync(HttpClient officer, int residentId)
    {
        var queue = await officer.GetFromJsonAsync<JsonElement>("/api/register/queue");
        return Assert.Single(queue.EnumerateArray(), c => c.GetProperty("recordType").GetString() == "Resident" && c.GetProperty("recordId").GetInt32() == residentId)
            .GetProperty("id").GetInt64();
    }
}
