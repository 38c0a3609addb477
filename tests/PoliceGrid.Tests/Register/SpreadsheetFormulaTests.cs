using System.Net;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Register;
using PoliceGrid.Web.Register.Bulk;
using static PoliceGrid.Tests.Register.RegisterBulkTesting;

namespace PoliceGrid.Tests.Register;

/// <summary>A value a collector typed never runs as a formula in the spreadsheet someone else opens (CSV injection).</summary>
public class SpreadsheetFormulaTests
{
    static readonly string[] Formulas = ["=HYPERLINK(\"http://evil.example\",\"点我\")", "+86 138 0013 8000", "-2+3", "@SUM(A1:A2)", "\tcmd", "\r=1+1"];

    [Fact]
    public async Task CsvCellsThatStartLikeAFormulaAreWrittenAsText()
    {
        var stream = new MemoryStream();
        await Spreadsheet.WriteCsvAsync(stream, [Formulas, ["张三", "1+1", "", "a=b"]]);
        var rows = Web.Shared.Csv.Read(new StringReader(Encoding.UTF8.GetString(stream.ToArray()))).Select(r => r.Fields).ToList();

        Assert.Equal(Formulas.Select(f => "'" + f), rows[0]);
        Assert.Equal(["张三", "1+1", "", "a=b"], rows[1]);
    }

    [Theory]
    [InlineData(DatabaseSetup.Sqlite)]
    [InlineData(DatabaseSetup.Postgres)]
    public async Task RejectedRowsComeBackWithFormulasNeutralisedInCsvAndAsInlineTextInXlsx(string provider)
    {
        await using var app = await ProductApp.StartWithEmptyRegisterAsync(provider);
        var worker = await app.SignInAsync("gridworker1");
        var ledger = Csv(ResidentLedgerHeader, "\"=HYPERLINK(\"\"http://evil.example\"\",\"\"点我\"\")\",123,男,,@SUM(A1:A2),户籍,-2+3,+1,,,,,,,,");
        var summary = await JsonAsync(await UploadAsync(worker, ledger, "ledger.csv"));
        Assert.Equal(1, summary.GetProperty("rejected").GetInt32());
        var id = summary.GetProperty("id").GetInt64();

        var csv = Encoding.UTF8.GetString(await (await worker.GetAsync($"/api/register/imports/{id}/rejected")).Content.ReadAsByteArrayAsync());
        var row = Web.Shared.Csv.Read(new StringReader(csv)).Select(r => r.Fields).ToList()[1];
        Assert.Equal("'=HYPERLINK(\"http://evil.example\",\"点我\")", row[4]);
        Assert.Equal(["'@SUM(A1:A2)", "户籍", "'-2+3", "'+1"], row[8..12]);
        Assert.All(row, cell => Assert.DoesNotMatch("^[=+\\-@\\t\\r]", cell));

        var xlsx = await worker.GetAsync($"/api/register/imports/{id}/rejected?format=xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var document = SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false);
        var cells = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Cell>().ToList();
        Assert.Empty(document.WorkbookPart.WorksheetParts.Single().Worksheet.Descendants<CellFormula>());
        Assert.All(cells, c => Assert.Equal(CellValues.InlineString, c.DataType!.Value));
        Assert.Contains(cells, c => c.InnerText == "=HYPERLINK(\"http://evil.example\",\"点我\")");
    }
}
