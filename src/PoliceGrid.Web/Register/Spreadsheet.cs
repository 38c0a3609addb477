using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PoliceGrid.Web.Register;

/// <summary>Writes rows of text as an XLSX (one sheet, inline strings, streamed) or as CSV with a byte-order mark for Excel.</summary>
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

    public static async Task WriteCsvAsync(Stream stream, IEnumerable<IReadOnlyList<string?>> rows)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        foreach (var row in rows)
            await writer.WriteAsync(string.Join(',', row.Select(Quote)) + "\r\n");
    }

    static string Quote(string? value)
    {
        var text = value ?? "";
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
    }

    /// <summary>XML cannot hold most control characters; a cell that had one keeps the rest of its text.</summary>
    static string Clean(string? value)
    {
        var text = value ?? "";
        return text.Any(c => c < ' ' && c is not ('\t' or '\n' or '\r')) ? new string(text.Where(c => c >= ' ' || c is '\t' or '\n' or '\r').ToArray()) : text;
    }
}
