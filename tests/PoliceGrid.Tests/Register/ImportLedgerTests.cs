using System.Net;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Register;
using PoliceGrid.Web.Register.Bulk;
using PoliceGrid.Web.Register.Records;
using PoliceGrid.Web.Register.Verification;
using static PoliceGrid.Tests.Register.RegisterBulkTesting;

namespace PoliceGrid.Tests.Register;

public class ImportLedgerTests
{
    static readonly string Elder = Id("19500315", 123);
    static readonly string Child = Id("20150506", 5);
    static readonly string[] StoredNames = ["张建国", "李秀英", "王小明"];

    static byte[] GoodLedger() => Csv(
        ResidentLedgerHeader,
        $"张建国,{Elder},男,1950-03-15,13837512345,户籍,建设路,12,3,2,301,2001-05-01,,,独居老人,",
        "李秀英,,女,1986-07-21,0375-2881234,流动,建设路,12,3,2,302,2024-03-01,豫D2024030100018,2025-02-28,,",
        $"王小明,{Child},男,2015-05-06,,户籍,胜利街,8,,,,2015-05-06,,,留守儿童,");

    [Theory]
    [InlineData(DatabaseSetup.Sqlite)]
    [InlineData(DatabaseSetup.Postgres)]
    public async Task StoresGoodRowsAndReturnsEveryRejectedRowWithItsColumnAndReason(string provider)
    {
        await using var app = await ProductApp.StartWithEmptyRegisterAsync(provider);
        var worker = await app.SignInAsync("gridworker1");
        var ownGrid = await GridCodeOfAsync(app, "gridworker1");
        var otherGrid = await GridCodeOfAsync(app, "gridworker2");
        var wrongCheck = Elder[..17] + (Elder[17] == '0' ? '1' : '0');
        var ledger = Csv(
            "曙北社区实有人口台账（2026年）",
            ResidentLedgerHeader,
            $"张建国,{Elder},男,1950-03-15,13837512345,户籍,建设路,12,3,2,301,2001-05-01,,,独居老人,",
            "李秀英,,女,1986-07-21,0375-2881234,流动,建设路,12,3,2,302,2024-03-01,豫D2024030100018,2025-02-28,,",
            $"赵六,{wrongCheck},男,,,户籍,建设路,14,,,,,,,,",
            $"钱七,{Id("19800101", 11)},男,,1381234,户籍,建设路,14,,,,,,,,",
            $",{Id("19800101", 21)},男,,,户籍,建设路,14,,,,,,,,",
            $"孙八,{Id("19800101", 31)},男,,,常驻人口,建设路,14,,,,,,,,",
            $"周九,{Id("19800101", 41)},男,,,户籍,建设路,14,,,,,,,重点信访人员,",
            "吴十,,女,1990-13-01,,户籍,建设路,14,,,,,,,,",
            $"张建国,{Elder},男,1950-03-15,13837512345,户籍,建设路,12,3,2,301,2001-05-01,,,独居老人,",
            $"郑一,{Id("19800101", 51)},男,,,户籍,胜利街,9,,,,,,,,{otherGrid}",
            $"王小明,{Child},男,2015-05-06,,户籍,胜利街,8,,,,2015-05-06,,,留守儿童,{ownGrid}");

        var response = await UploadAsync(worker, ledger, "曙北台账.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = await JsonAsync(response);
        Assert.Equal(11, summary.GetProperty("rows").GetInt32());
        Assert.Equal(3, summary.GetProperty("stored").GetInt32());
        Assert.Equal(1, summary.GetProperty("duplicates").GetInt32());
        Assert.Equal(7, summary.GetProperty("rejected").GetInt32());
        var problems = summary.GetProperty("problems").EnumerateArray()
            .Select(p => (Row: p.GetProperty("row").GetInt32(), Column: p.GetProperty("column").GetString(), Zh: p.GetProperty("zh").GetString()!, En: p.GetProperty("en").GetString()!))
            .ToList();
        Assert.Equal(new (int, string?)[] { (5, "身份证号"), (6, "联系电话"), (7, "姓名"), (8, "户籍类型"), (9, "人员标签"), (10, "出生日期"), (12, "网格编码") },
            problems.Select(p => (p.Row, p.Column)).ToList());
        Assert.Contains("校验位", problems[0].Zh, StringComparison.Ordinal);
        Assert.Contains("check character", problems[0].En, StringComparison.Ordinal);
        Assert.Contains("手机号", problems[1].Zh, StringComparison.Ordinal);
        Assert.Equal("请填写姓名", problems[2].Zh);
        Assert.Contains("常驻人口", problems[3].Zh, StringComparison.Ordinal);
        Assert.Equal("未知的人员标签：重点信访人员", problems[4].Zh);
        Assert.Contains("1990-13-01", problems[5].En, StringComparison.Ordinal);
        Assert.Equal("This address is outside your area", problems[6].En);

        // Stored like any grid worker's collection: pending, with a first version; one audit row for the import.
        var residents = await app.WithDbAsync(db => db.Set<Resident>().OrderBy(r => r.Name).ToListAsync());
        Assert.Equal(StoredNames.Order(StringComparer.Ordinal), residents.Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.All(residents, r => Assert.Equal(RecordStatus.Pending, r.Status));
        var elder = residents.Single(r => r.Name == "张建国");
        Assert.Equal("410402************", elder.IdNumberMasked);
        Assert.Equal(",ElderlyAlone,", elder.Tags);
        Assert.Equal(new DateOnly(2001, 5, 1), elder.ResidentSince);
        var floating = residents.Single(r => r.Name == "李秀英");
        Assert.Equal((HouseholdType.Floating, "豫D2024030100018", new DateOnly(2025, 2, 28)), (floating.HouseholdType, floating.RegistrationNumber, floating.RegistrationExpires));
        Assert.DoesNotContain(Elder, elder.IdNumberSealed, StringComparison.Ordinal);
        Assert.NotEqual(elder.AddressId, floating.AddressId);
        var changes = await app.WithDbAsync(db => db.Set<RegisterChange>().ToListAsync());
        Assert.Equal(3, changes.Count);
        Assert.All(changes, c => Assert.Equal((ChangeKind.Create, ChangeStatus.Pending, "郑网格员"), (c.Kind, c.Status, c.CollectedByName)));
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action.StartsWith("register.")).Select(e => new { e.Action, e.Outcome, e.Detail }).ToListAsync());
        var import = Assert.Single(audit);
        Assert.Equal(("register.import", AuditOutcome.Success), (import.Action, import.Outcome));
        Assert.Contains("stored 3, duplicates 1, rejected 7", import.Detail, StringComparison.Ordinal);

        // The rejected rows as a file: where and why, then the row as it was typed.
        var id = summary.GetProperty("id").GetInt64();
        var file = await worker.GetAsync($"/api/register/imports/{id}/rejected");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        var bytes = await file.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Web.Shared.Csv.Read(new StringReader(Encoding.UTF8.GetString(bytes))).Select(r => r.Fields).ToList();
        Assert.Equal(["行号", "列", "原因", "Reason", .. ResidentLedgerHeader.Split(',')], lines[0]);
        Assert.Equal(8, lines.Count);
        Assert.Equal(["5", "身份证号"], lines[1][..2]);
        Assert.Equal(["赵六", wrongCheck], lines[1][4..6]);
        Assert.Equal(["12", "网格编码", "该地址不在您负责的区域内", "This address is outside your area"], lines[7][..4]);
        var xlsx = await worker.GetAsync($"/api/register/imports/{id}/rejected?format=xlsx");
        Assert.Equal(Spreadsheet.XlsxType, xlsx.Content.Headers.ContentType?.MediaType);
        var xlsxRows = LedgerFile.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()))!.ToList();
        Assert.Equal(lines, xlsxRows.Select(r => r.Fields.Concat(Enumerable.Repeat("", lines[0].Length - r.Fields.Length)).ToArray()).ToList());

        // Only the importer gets her rejected rows.
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("gridchief")).GetAsync($"/api/register/imports/{id}/rejected")).StatusCode);
    }

    [Theory]
    [InlineData(DatabaseSetup.Sqlite)]
    [InlineData(DatabaseSetup.Postgres)]
    public async Task ImportingTheSameLedgerAgainCreatesNothing(string provider)
    {
        await using var app = await ProductApp.StartWithEmptyRegisterAsync(provider);
        var worker = await app.SignInAsync("gridworker1");
        var first = await JsonAsync(await UploadAsync(worker, GoodLedger(), "ledger.csv"));
        Assert.Equal((3, 0, 0), (first.GetProperty("stored").GetInt32(), first.GetProperty("duplicates").GetInt32(), first.GetProperty("rejected").GetInt32()));
        var addresses = await CountAsync<StandardAddress>(app);

        var again = await JsonAsync(await UploadAsync(worker, GoodLedger(), "ledger.csv"));

        Assert.Equal((3, 0, 3, 0), (again.GetProperty("rows").GetInt32(), again.GetProperty("stored").GetInt32(),
            again.GetProperty("duplicates").GetInt32(), again.GetProperty("rejected").GetInt32()));
        Assert.Equal(3, await CountAsync<Resident>(app));
        Assert.Equal(3, await CountAsync<RegisterChange>(app));
        Assert.Equal(addresses, await CountAsync<StandardAddress>(app));
        Assert.Equal(2, await CountAsync<DuplicatePrevented>(app));
        Assert.Equal(2, await CountAsync<ImportRun>(app));
    }

    [Theory]
    [InlineData(DatabaseSetup.Sqlite)]
    [InlineData(DatabaseSetup.Postgres)]
    public async Task RefusesWhatIsNotALedgerAndStoresNothing(string provider)
    {
        await using var app = await ProductApp.StartWithEmptyRegisterAsync(provider);
        var worker = await app.SignInAsync("gridworker1");
        var junk = new byte[3000];
        new Random(7).NextBytes(junk);
        var notWorkbook = new byte[200];
        "PK\u0003\u0004"u8.CopyTo(notWorkbook);
        var files = new (byte[] Content, string Name, string Zh)[]
        {
            (junk, "photo.jpg", "不是 CSV 或 XLSX"),
            (notWorkbook, "ledger.xlsx", "不是 CSV 或 XLSX"),
            (Csv("编号,金额,日期", "1,100,2024-01-01"), "money.csv", "找不到表头"),
            (Csv("姓名,性别,联系电话,备注", "张三,男,13837512345,"), "people.csv", "缺少列 户籍类型、街路巷、门牌号、身份证号或出生日期"),
            (Csv(ResidentLedgerHeader), "empty.csv", "没有数据行"),
        };
        foreach (var (content, name, zh) in files)
        {
            var response = await UploadAsync(worker, content, name);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await JsonAsync(response);
            Assert.Contains(zh, problem.GetProperty("zh").GetString(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(problem.GetProperty("en").GetString()));
        }

        // Roles that do not collect may not import at all.
        foreach (var user in new[] { "stationhead", "dispatcher" })
            Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync(await app.SignInAsync(user), GoodLedger(), "ledger.csv")).StatusCode);

        Assert.Equal(0, await CountAsync<Resident>(app));
        Assert.Equal(0, await CountAsync<StandardAddress>(app));
        Assert.Equal(0, await CountAsync<ImportRun>(app));
        Assert.Equal(0, await CountAsync<RegisterChange>(app));
        Assert.Equal(files.Length, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "register.import" && e.Outcome == AuditOutcome.Failure)));
    }

    [Theory]
    [InlineData(DatabaseSetup.Sqlite)]
    [InlineData(DatabaseSetup.Postgres)]
    public async Task ImportsAnXlsxLedgerWithSharedStringsAndExcelDates(string provider)
    {
        await using var app = await ProductApp.StartWithEmptyRegisterAsync(provider);
        var officer = await app.SignInAsync("officer");
        var grid = await GridCodeOfAsync(app, "gridworker1");
        var birth = new DateOnly(1991, 1, 1);
        var serial = (birth.DayNumber - new DateOnly(1899, 12, 30).DayNumber).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var workbook = Workbook(
            [Cell("A1", "Name"), Cell("B1", "ID number"), Cell("C1", "Household type"), Cell("D1", "Road"), Cell("E1", "Door number"), Cell("F1", "Birth date"), Cell("G1", "Grid code")],
            [Cell("A2", "陈一"), Cell("B2", Id("19910101", 17)), Cell("C2", "户籍"), Cell("D2", "建设路"), Cell("E2", "20号"), Number("F2", serial), Cell("G2", grid)],
            [Cell("A3", "陈二"), Cell("C3", "境外"), Cell("D3", "建设路"), Cell("E3", "20"), Number("F3", serial), Cell("G3", grid)],
            [Cell("A5", "陈三"), Cell("B5", "12345"), Cell("C5", "户籍"), Cell("D5", "建设路"), Cell("E5", "21"), Cell("G5", grid)]);

        var response = await UploadAsync(officer, workbook, "ledger.xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = await JsonAsync(response);
        Assert.Equal((3, 2, 1), (summary.GetProperty("rows").GetInt32(), summary.GetProperty("stored").GetInt32(), summary.GetProperty("rejected").GetInt32()));
        var problem = summary.GetProperty("problems")[0];
        Assert.Equal((5, "ID number"), (problem.GetProperty("row").GetInt32(), problem.GetProperty("column").GetString()));
        var residents = await app.WithDbAsync(db => db.Set<Resident>().ToListAsync());
        Assert.All(residents, r => Assert.Equal(birth, r.BirthDate));
        // "20号" and "20" are one standard address; an officer's own collection needs no second look.
        Assert.Single(residents.Select(r => r.AddressId).Distinct());
        Assert.All(residents, r => Assert.Equal(RecordStatus.Verified, r.Status));
    }

    static Cell Cell(string reference, string text) => new() { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(text) };

    static Cell Number(string reference, string value) => new() { CellReference = reference, CellValue = new CellValue(value) };

    /// <summary>A workbook as Excel writes one: text in the shared string table, dates as day numbers, empty cells left out.</summary>
    static byte[] Workbook(params Cell[][] rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            var strings = new List<string>();
            foreach (var cell in rows.SelectMany(r => r).Where(c => c.DataType?.Value == CellValues.SharedString))
            {
                strings.Add(cell.CellValue!.Text);
                cell.CellValue = new CellValue((strings.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            workbook.AddNewPart<SharedStringTablePart>().SharedStringTable = new SharedStringTable(strings.Select(s => new SharedStringItem(new Text(s))));
            var sheet = workbook.AddNewPart<WorksheetPart>();
            sheet.Worksheet = new Worksheet(new SheetData(rows.Select(cells =>
                new Row(cells) { RowIndex = uint.Parse(cells[0].CellReference!.Value![1..], System.Globalization.CultureInfo.InvariantCulture) })));
            workbook.Workbook = new Workbook(new Sheets(new Sheet { Name = "台账", SheetId = 1, Id = workbook.GetIdOfPart(sheet) }));
        }
        return stream.ToArray();
    }
}
