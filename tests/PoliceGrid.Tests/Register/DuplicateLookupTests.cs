using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Register;
using PoliceGrid.Web.Register.PersonalData;
using PoliceGrid.Web.Register.Records;
using PoliceGrid.Web.Register.Verification;
using static PoliceGrid.Tests.Register.RegisterApps;

namespace PoliceGrid.Tests.Register;

/// <summary>
/// One person, one record city-wide, without the duplicate check becoming an identity lookup (issue 8, finding 1):
/// a collector outside the record's area learns only that the number is registered elsewhere, the hit is audited,
/// the record's own officer is asked to confirm a move (人户变动) or a mistake, and lookups are throttled per account.
/// </summary>
[Collection(RegisterData.Name)]
public class DuplicateLookupTests(RegisterApps apps)
{
    [Theory]
    [MemberData(nameof(Providers), MemberType = typeof(RegisterApps))]
    public async Task ACollectorOutsideTheRecordsAreaLearnsOnlyThatTheNumberIsRegisteredElsewhere(string provider)
    {
        var app = apps.For(provider);
        var (id, idNumber) = await OnRecordInGrid1Async(app, "欧阳明月");
        var outsider = await app.SignInAsync("gridworker2");
        var otherGrid = await UnitOfAsync(app, "gridworker2");

        var response = await outsider.PostAsJsonAsync("/api/residents", Resident(otherGrid, "欧阳明月", idNumber));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal("registered-elsewhere", problem.GetProperty("errors").GetProperty("code").GetString());
        Assert.Contains("已在其他地区登记", problem.GetProperty("zh").GetString(), StringComparison.Ordinal);
        Assert.Contains("registered elsewhere", problem.GetProperty("en").GetString(), StringComparison.Ordinal);
        foreach (var secret in new[] { "欧阳明月", "建设路", idNumber[6..14], idNumber[..6], $"\"id\":{id}", "existing" })
            Assert.DoesNotContain(secret, Unescaped(body), StringComparison.Ordinal);

        var hit = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == "duplicate-id-hit" && e.RecordId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToListAsync());
        var row = Assert.Single(hit);
        Assert.Equal(("Resident", "gridworker2", AuditOutcome.Denied), (row.RecordType, row.UserName, row.Outcome));

        // Inside her own area the collector keeps the helpful pointer, masked.
        var insider = await app.SignInAsync("gridworker1");
        var again = await insider.PostAsJsonAsync("/api/residents", Resident(await UnitOfAsync(app, "gridworker1"), "欧阳明月", idNumber));
        var pointer = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("existing", pointer.GetProperty("errors").GetProperty("code").GetString());
        Assert.Equal(id, pointer.GetProperty("errors").GetProperty("existing").GetProperty("id").GetInt32());
        Assert.Equal(IdNumber.Mask(idNumber), pointer.GetProperty("errors").GetProperty("existing").GetProperty("idNumberMasked").GetString());
    }

    [Theory]
    [MemberData(nameof(Providers), MemberType = typeof(RegisterApps))]
    public async Task TheRecordsOfficerConfirmsAMoveAndTheRecordMovesToTheNewAddressAsANewVersion(string provider)
    {
        var app = apps.For(provider);
        var (id, idNumber) = await OnRecordInGrid1Async(app, "司马青");
        var outsider = await app.SignInAsync("gridworker2");
        var otherGrid = await UnitOfAsync(app, "gridworker2");
        var form = Resident(otherGrid, "司马青", idNumber);
        Assert.Equal(HttpStatusCode.Conflict, (await outsider.PostAsJsonAsync("/api/residents", form)).StatusCode);

        var officer = await app.SignInAsync("officer");
        var check = await OpenCheckAsync(officer, id);
        Assert.Contains("建设路", check.GetProperty("proposedAddress").GetString(), StringComparison.Ordinal);
        Assert.Equal("Open", check.GetProperty("status").GetString());
        // Nobody but the record's own officer (or station head) decides it.
        var checkId = check.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.PostAsync($"/api/register/residence-checks/{checkId}/confirm", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("gridworker1")).PostAsync($"/api/register/residence-checks/{checkId}/confirm", null)).StatusCode);
        // The list of checks is for those who verify: grid workers are refused it whatever it holds.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("gridworker2")).GetAsync("/api/register/residence-checks")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await officer.PostAsync($"/api/register/residence-checks/{checkId}/confirm", null)).StatusCode);
        // The record has left his area with the move: the check is no longer his to see.
        Assert.Equal(HttpStatusCode.NotFound, (await officer.PostAsync($"/api/register/residence-checks/{checkId}/confirm", null)).StatusCode);

        var moved = await outsider.GetFromJsonAsync<JsonElement>($"/api/residents/{id}");
        Assert.Equal(check.GetProperty("proposedAddress").GetString(), moved.GetProperty("row").GetProperty("address").GetString());
        var history = moved.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(2, history.Count);
        Assert.True(history[^1].GetProperty("changes").TryGetProperty("address", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("gridworker1")).GetAsync($"/api/residents/{id}")).StatusCode);
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == "register.move" && e.RecordId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)).CountAsync());
        Assert.Equal(1, audit);
    }

    [Theory]
    [MemberData(nameof(Providers), MemberType = typeof(RegisterApps))]
    public async Task TheOfficerRejectsAMistakeAndTheRecordStaysWhereItIs(string provider)
    {
        var app = apps.For(provider);
        var (id, idNumber) = await OnRecordInGrid1Async(app, "上官云");
        var outsider = await app.SignInAsync("gridworker2");
        await outsider.PostAsJsonAsync("/api/residents", Resident(await UnitOfAsync(app, "gridworker2"), "上官云", idNumber));
        var officer = await app.SignInAsync("officer");
        var checkId = (await OpenCheckAsync(officer, id)).GetProperty("id").GetInt64();

        Assert.Equal(HttpStatusCode.NoContent, (await officer.PostAsync($"/api/register/residence-checks/{checkId}/reject", null)).StatusCode);
        Assert.DoesNotContain((await officer.GetFromJsonAsync<JsonElement>("/api/register/residence-checks")).EnumerateArray(), c => c.GetProperty("id").GetInt64() == checkId);
        var stays = await officer.GetFromJsonAsync<JsonElement>($"/api/residents/{id}");
        Assert.Single(stays.GetProperty("history").EnumerateArray());
        var status = await app.WithDbAsync(db => db.Set<ResidenceChangeCheck>().Where(c => c.Id == checkId).Select(c => c.Status).SingleAsync());
        Assert.Equal(ResidenceCheckStatus.RejectedMistake, status);
    }

    [Theory]
    [MemberData(nameof(Providers), MemberType = typeof(RegisterApps))]
    public async Task ALedgerImportReportsAnOutOfAreaNumberOnlyAsRegisteredElsewhere(string provider)
    {
        var app = apps.For(provider);
        var (id, idNumber) = await OnRecordInGrid1Async(app, "诸葛亮亮");
        var outsider = await app.SignInAsync("gridworker2");
        var ledger = RegisterBulkTesting.Csv(RegisterBulkTesting.ResidentLedgerHeader, $"诸葛亮亮,{idNumber},,,,户籍,幸福路,7,,,,,,,,");
        var summary = await RegisterBulkTesting.JsonAsync(await RegisterBulkTesting.UploadAsync(outsider, ledger, "ledger.csv"));
        Assert.Equal((0, 1), (summary.GetProperty("stored").GetInt32(), summary.GetProperty("rejected").GetInt32()));
        var problem = Assert.Single(summary.GetProperty("problems").EnumerateArray());
        Assert.Contains("已在其他地区登记", problem.GetProperty("zh").GetString(), StringComparison.Ordinal);

        var file = Encoding.UTF8.GetString(await (await outsider.GetAsync($"/api/register/imports/{summary.GetProperty("id").GetInt64()}/rejected")).Content.ReadAsByteArrayAsync());
        Assert.DoesNotContain("建设路", file, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "duplicate-id-hit" && e.RecordId == id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        var check = await OpenCheckAsync(await app.SignInAsync("officer"), id);
        Assert.Contains("幸福路", check.GetProperty("proposedAddress").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseSetup.Sqlite)]
    [InlineData(DatabaseSetup.Postgres)]
    public async Task LookupsBeyondTheHourlyLimitAreRefusedWith429AndRetryAfter(string provider)
    {
        await using var app = await ProductApp.StartAsync(provider, settings: new Dictionary<string, string> { ["Register:LookupsPerHour"] = "2" }, seedKey: "");
        var worker = await app.SignInAsync("gridworker1");
        var grid = await UnitOfAsync(app, "gridworker1");
        var numbers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            numbers.Add(NewIdNumber());
            await CollectAsync(worker, Resident(grid, $"测试{i}", numbers[i]));
        }
        var outsider = await app.SignInAsync("gridworker2");
        var otherGrid = await UnitOfAsync(app, "gridworker2");
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.Conflict, (await outsider.PostAsJsonAsync("/api/residents", Resident(otherGrid, $"测试{i}", numbers[i]))).StatusCode);

        var third = await outsider.PostAsJsonAsync("/api/residents", Resident(otherGrid, "测试2", numbers[2]));
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        var retryAfter = third.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 3600);
        var problem = await third.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("查重次数", problem.GetProperty("zh").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("en").GetString()));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "duplicate-id-throttled" && e.UserName == "gridworker2")));
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<ResidenceChangeCheck>().CountAsync(c => c.Status == ResidenceCheckStatus.Open)));
    }

    static async Task<(int Id, string IdNumber)> OnRecordInGrid1Async(ProductApp app, string name)
    {
        var worker = await app.SignInAsync("gridworker1");
        var idNumber = NewIdNumber();
        var created = await CollectAsync(worker, Resident(await UnitOfAsync(app, "gridworker1"), name, idNumber));
        return (created.GetProperty("id").GetInt32(), idNumber);
    }

    static async Task<JsonElement> OpenCheckAsync(HttpClient officer, int residentId)
    {
        var checks = await officer.GetFromJsonAsync<JsonElement>("/api/register/residence-checks");
        return Assert.Single(checks.EnumerateArray(), c => c.GetProperty("residentId").GetInt32() == residentId);
    }

    static string Unescaped(string json) => System.Text.RegularExpressions.Regex.Unescape(json);
}
