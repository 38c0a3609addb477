using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Register;
using PoliceGrid.Web.Register.Bulk;
using PoliceGrid.Web.Register.PersonalData;
using PoliceGrid.Web.Register.Records;
using PoliceGrid.Web.Units;
using static PoliceGrid.Tests.Register.RegisterBulkTesting;

namespace PoliceGrid.Tests.Register;

public class ExportRegisterTests
{
    [Theory]
    [InlineData(DatabaseSetup.Sqlite)]
    [InlineData(DatabaseSetup.Postgres)]
    public async Task AnExportOfAFewPeopleIsReadyAtOnceWithNumbersMasked(string provider)
    {
        await using var app = await ProductApp.StartWithEmptyRegisterAsync(provider);
        var worker = await app.SignInAsync("gridworker1");
        var elder = Id("19500315", 123);
        await UploadAsync(worker, Csv(ResidentLedgerHeader,
            $"张建国,{elder},男,1950-03-15,13837512345,户籍,建设路,12,3,2,301,2001-05-01,,,独居老人,",
            "李秀英,,女,1986-07-21,0375-2881234,流动,建设路,12,3,2,302,2024-03-01,豫D2024030100018,2025-02-28,,"), "ledger.csv");

        var response = await worker.PostAsJsonAsync("/api/register/exports", new { });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var export = await JsonAsync(response);
        Assert.Equal(("Ready", 2), (export.GetProperty("status").GetString(), export.GetProperty("count").GetInt32()));
        var id = export.GetProperty("id").GetInt64();
        var file = await worker.GetAsync($"/api/register/exports/{id}/file");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        var bytes = await file.Content.ReadAsByteArrayAsync();
        var rows = LedgerFile.Open(new MemoryStream(bytes))!.Select(r => r.Fields).ToList();
        Assert.Equal(3, rows.Count);
        var zhang = rows.Single(r => r[0] == "张建国");
        Assert.Equal(["张建国", "410402************", "男", "1950-03-15", "138****2345", "户籍"], zhang[..6]);
        Assert.Equal("独居老人", zhang[10]);
        Assert.Equal("待核", zhang[11]);
        // Nowhere in the workbook is a full number.
        using var zip = new ZipArchive(new MemoryStream(bytes));
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            var xml = await reader.ReadToEndAsync();
            Assert.DoesNotContain(elder, xml, StringComparison.Ordinal);
            Assert.DoesNotContain("13837512345", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("2881234", xml, StringComparison.Ordinal);
        }

        // Only the requester downloads it; a colleague's request for it looks like a missing one.
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("gridchief")).GetAsync($"/api/register/exports/{id}/file")).StatusCode);
        var actions = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.RecordType == nameof(ExportRequest)).OrderBy(e => e.Id).Select(e => e.Action + " " + e.Outcome).ToListAsync());
        Assert.Equal(["register.export success", "register.export.download success", "read denied"], actions);
    }

    [Theory]
    [InlineData(DatabaseSetup.Sqlite)]
    [InlineData(DatabaseSetup.Postgres)]
    public async Task AnExportOfMoreThanAThousandWaitsForAStationHeadOrDirectorAndNeverForTheRequester(string provider)
    {
        await using var app = await ProductApp.StartWithEmptyRegisterAsync(provider);
        await AddResidentsAsync(app, "gridworker1", ExportRegister.WithoutApproval + 1);
        var worker = await app.SignInAsync("gridworker1");

        var requested = await JsonAsync(await worker.PostAsJsonAsync("/api/register/exports", new { }));
        Assert.Equal(("AwaitingApproval", 1001), (requested.GetProperty("status").GetString(), requested.GetProperty("count").GetInt32()));
        var id = requested.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.Conflict, (await worker.GetAsync($"/api/register/exports/{id}/file")).StatusCode);

        // Not the requester, not a grid chief or officer, not a grid worker elsewhere.
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.PostAsync($"/api/register/exports/{id}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("gridchief")).PostAsync($"/api/register/exports/{id}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("officer")).PostAsync($"/api/register/exports/{id}/approve", null)).StatusCode);
        // A grid worker elsewhere is refused for her role before the request is looked up, so she learns nothing of it.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("gridworker2")).PostAsync($"/api/register/exports/{id}/approve", null)).StatusCode);

        var head = await app.SignInAsync("stationhead");
        var waiting = await JsonAsync(await head.GetAsync("/api/register/exports"));
        var row = waiting.EnumerateArray().Single(e => e.GetProperty("id").GetInt64() == id);
        Assert.True(row.GetProperty("canApprove").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await head.PostAsync($"/api/register/exports/{id}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await (await app.SignInAsync("director")).PostAsync($"/api/register/exports/{id}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync($"/api/register/exports/{id}/file")).StatusCode);
        var file = await worker.GetAsync($"/api/register/exports/{id}/file");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        var rows = LedgerFile.Open(new MemoryStream(await file.Content.ReadAsByteArrayAsync()))!.ToList();
        Assert.Equal(1002, rows.Count);
        Assert.All(rows.Skip(1), r => Assert.Matches(@"^410402\*{12}$", r.Fields[1]));

        // A centre director refuses, with a reason; a refused export never downloads.
        var second = (await JsonAsync(await worker.PostAsJsonAsync("/api/register/exports", new { householdType = "Registered" }))).GetProperty("id").GetInt64();
        var director = await app.SignInAsync("director");
        Assert.Equal(HttpStatusCode.BadRequest, (await director.PostAsJsonAsync($"/api/register/exports/{second}/refuse", new { reason = " " })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await director.PostAsJsonAsync($"/api/register/exports/{second}/refuse", new { reason = "范围过大，请按楼栋导出" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await worker.GetAsync($"/api/register/exports/{second}/file")).StatusCode);
        var mine = await JsonAsync(await worker.GetAsync("/api/register/exports"));
        Assert.Equal(["Refused", "Approved"], mine.EnumerateArray().Select(e => e.GetProperty("status").GetString()).ToList());

        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action.StartsWith("register.export"))
            .Select(e => e.Action + " " + e.Outcome).ToListAsync());
        Assert.Equal(2, audit.Count(a => a == "register.export success"));
        Assert.Equal(1, audit.Count(a => a == "register.export.approve success"));
        Assert.Equal(1, audit.Count(a => a == "register.export.refuse success"));
        Assert.Equal(1, audit.Count(a => a == "register.export.download success"));
        // Each refused decision leaves a denied row naming who tried, whether the role or the use case refused it.
        var approvePath = $"/api/register/exports/{id}/approve";
        var deniedBy = await app.WithDbAsync(db => db.AuditEntries
            .Where(e => e.Outcome == AuditOutcome.Denied && (e.Detail == "POST " + approvePath || (e.Action == "register.export.decide" && e.RecordId == id.ToString(System.Globalization.CultureInfo.InvariantCulture))))
            .Select(e => e.UserName).Distinct().ToListAsync());
        Assert.Equal<string?>(["gridchief", "gridworker1", "gridworker2", "officer"], deniedBy.Order().ToList());
    }

    /// <summary>Residents straight into the database (sealed like the product seals them): quicker than a thousand requests.</summary>
    static async Task AddResidentsAsync(ProductApp app, string collector, int count)
    {
        var vault = app.Services.GetRequiredService<PersonalDataVault>();
        await app.WithDbAsync(async db =>
        {
            var account = await db.Users.SingleAsync(a => a.UserName == collector);
            var grid = await db.Units.SingleAsync(u => u.Id == account.UnitId);
            var village = await db.Units.SingleAsync(u => u.Id == grid.ParentId);
            var address = new StandardAddress
            {
                VillageId = village.Id, GridId = grid.Id, PoliceDistrictId = grid.PoliceDistrictId, AreaPath = grid.Path, Road = "建设路", DoorNumber = "99",
                Canonical = village.Name + "建设路99号", Key = $"{village.Code}|建设路|99|||", CreatedById = account.Id, CreatedAt = DateTime.UtcNow,
            };
            db.Add(address);
            await db.SaveChangesAsync();
            for (var i = 0; i < count; i++)
            {
                var birth = new DateOnly(1980, 1, 1).AddDays(i / 1000);
                var id = Id(birth.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), i % 1000);
                var resident = new Resident
                {
                    Name = $"测试{i:D4}", IdNumberSealed = vault.Seal(SealedField.IdNumber, id), IdNumberHash = vault.LookupHash(SealedField.IdNumber, id),
                    IdNumberMasked = IdNumber.Mask(id), Sex = i % 2 == 1 ? Sex.Male : Sex.Female, BirthDate = birth,
                    HouseholdType = HouseholdType.Registered, Status = RecordStatus.Verified, CollectedById = account.Id, CollectedAt = DateTime.UtcNow, Version = 1,
                };
                resident.PlaceAt(address);
                db.Add(resident);
            }
            await db.SaveChangesAsync();
            return 0;
        });
    }
}
