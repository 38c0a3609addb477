using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Register.Bulk;

/// <summary>
/// Writes rows of text as an XLSX (one sheet, streamed) or as CSV. XLSX cells are always inline strings, never formulas,
/// so a value that starts with = or @ stays text there as it does in <see cref="Csv.WriteAsync"/>.
/// </summary>
public static class Spreadsheet
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string CsvType = "text/csv; charset=utf-8";

    public static async Task WriteXlsxAsync(Stream stream, string sheetName, IAsyncEnumerable<IReadOnlyList<string?>> rows, CancellationToken ct = default)
    {
        using var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        var sheet = workbook.AddNewPart<WorksheetPart>();
        using (var writer = OpenXmlWriter.Create(sheet))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            await foreach (var row in rows.WithCancellation(ct))
            {
                writer.WriteStartElement(new Row());
                foreach (var value in row)
                {
                    writer.WriteElement(new Cell(new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(Clean(value)) { Space = SpaceProcessingModeValues.Preserve }))
                    {
                        DataType = CellValues.InlineString,
                    });
                }
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        workbook.Workbook = new Workbook(new Sheets(new Sheet { Name = sheetName, SheetId = 1, Id = workbook.GetIdOfPart(sheet) }));
        workbook.Workbook.Save();
    }

    public static Task WriteXlsxAsync(Stream stream, string sheetName, IEnumerable<IReadOnlyList<string?>> rows) =>
        WriteXlsxAsync(stream, sheetName, rows.ToAsyncEnumerable());

    /// <summary>CSV through <see cref="Csv.WriteAsync"/>, which neutralises cells that look like formulas.</summary>
    public static Task WriteCsvAsync(Stream stream, IEnumerable<IReadOnlyList<string?>> rows) => Csv.WriteAsync(stream, rows);

    /// <summary>XML cannot hold most control characters; a cell that had one keeps the rest of its text.</summary>
    static string Clean(string? value)
    {
        var text = value ?? "";
        return text.Any(c => c < ' ' && c is not ('\t' or '\n' or '\r')) ? new string(text.Where(c => c >= ' ' || c is '\t' or '\n' or '\r').ToArray()) : text;
    }
}
