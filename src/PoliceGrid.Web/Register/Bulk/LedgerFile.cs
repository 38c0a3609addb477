using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PoliceGrid.Web.Shared;
using Text = PoliceGrid.Web.Shared.Text;

namespace PoliceGrid.Web.Register.Bulk;

/// <summary>
/// The rows of a ledger file, CSV (UTF-8, or GB18030 as Excel saves it on Chinese Windows) or XLSX (its first sheet),
/// read one at a time with the row numbers the user sees. What is neither is refused with <see cref="NotALedger"/>.
/// </summary>
public static class LedgerFile
{
    public static readonly Text NotALedger = new("Register.TheFileIsNotALedger");

    /// <summary>The rows, or null when the file is neither CSV text nor a workbook. The stream must be seekable.</summary>
    public static IEnumerable<(int Row, string[] Fields)>? Open(Stream stream)
    {
        Span<byte> head = stackalloc byte[4096];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];
        stream.Position = 0;
        if (read == 0)
            return null;
        if (head.StartsWith("PK\u0003\u0004"u8))
            return Workbook(stream);
        // Text ledgers never hold NUL or other control characters; binary files almost always do.
        foreach (var b in head)
        {
            if (b < 0x20 && b is not (byte)'\r' and not (byte)'\n' and not (byte)'\t')
                return null;
        }
        return Csv.Read(new StreamReader(stream, IsUtf8(head) ? new UTF8Encoding(false) : Gb18030(), detectEncodingFromByteOrderMarks: true));
    }

    static bool IsUtf8(ReadOnlySpan<byte> head)
    {
        // The prefix may end inside a character: drop up to three trailing bytes of an unfinished sequence.
        for (var cut = 0; cut <= 3 && cut <= head.Length; cut++)
        {
            if (System.Text.Unicode.Utf8.IsValid(head[..^cut]))
                return true;
        }
        return false;
    }

    static Encoding Gb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }

    static IEnumerable<(int Row, string[] Fields)>? Workbook(Stream stream)
    {
        SpreadsheetDocument document;
        try
        {
            document = SpreadsheetDocument.Open(stream, false);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or FormatException or System.Xml.XmlException)
        {
            return null;
        }
        var workbook = document.WorkbookPart;
        var sheet = workbook?.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault();
        if (workbook is null || sheet?.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part)
        {
            document.Dispose();
            return null;
        }
        return Rows(document, workbook, part);
    }

    static IEnumerable<(int Row, string[] Fields)> Rows(SpreadsheetDocument document, WorkbookPart workbook, WorksheetPart part)
    {
        using var _ = document;
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];
        using var reader = OpenXmlReader.Create(part);
        var number = 0;
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
                continue;
            var row = (Row)reader.LoadCurrentElement()!;
            number = row.RowIndex?.Value is { } index ? (int)index : number + 1;
            var fields = new List<string>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : fields.Count;
                while (fields.Count < column)
                    fields.Add("");
                fields.Add(ValueOf(cell, shared));
            }
            if (fields.Any(f => f.Length > 0))
                yield return (number, fields.ToArray());
        }
    }

    static string ValueOf(Cell cell, string[] shared)
    {
        var type = cell.DataType?.Value;
        if (type == CellValues.InlineString)
            return cell.InlineString?.InnerText ?? "";
        var value = cell.CellValue?.Text ?? "";
        if (type == CellValues.SharedString)
            return int.TryParse(value, out var i) && i >= 0 && i < shared.Length ? shared[i] : "";
        if (type == CellValues.Boolean)
            return value == "1" ? "TRUE" : "FALSE";
        return value;
    }

    static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z')
                break;
            index = (index * 26) + (c - 'A' + 1);
        }
        return index - 1;
    }
}
